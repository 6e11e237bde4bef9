"""Binding and notices as a new user meets them, in headless Chromium; screenshots.

An organisation user binds WeChat on their page and "scans" the scene in the
simulator; an order dispatched to them arrives on the simulator page by
itself; their decline shows up in staff's unread badge without a reload. Screenshots go to
artifacts/screens/ with MZT_SCREENSHOTS=1.
"""
import re

import pytest

from core.extensions import db
from core.residents import Resident
from notifications import templates
from orders.operations import apply, submit_order
from orders.transitions import Actor
from tests.browser.test_admin_browser import (CHROMIUM, browser, live_server,  # noqa: F401
                                              shoot, signed_in, sync_playwright)
from tests.helpers import Chat

try:
    from playwright.sync_api import expect
except ImportError:
    expect = None

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium: apt-get install -y "
                       "chromium fonts-wqy-microhei"),
    pytest.mark.skipif(sync_playwright is None, reason="playwright is not installed"),
]
ORG_WECHAT = "oOrgBrowser00000000000000001"


def _order(org_id: int | None = None):
    order = submit_order(Actor.for_resident(Resident("simulator", "居民A")), category="cleaning",
                         description="家里老人需要有人上门打扫卫生", address="幸福社区和平路12号",
                         phone="13800138000")
    apply(order.id, "approve", Actor("staff", "王科员"))
    if org_id:
        apply(order.id, "dispatch", Actor("staff", "王科员"), organization_id=org_id)
    db.session.commit()
    return order


def test_org_binds_hears_a_dispatch_and_staff_see_the_decline(seeded, browser, live_server):  # noqa: F811
    seeded.config["ADMIN_COUNTS_SECONDS"] = 1
    seeded.config["JOBS_INLINE"] = True  # the worker's part, run in the request here
    org = signed_in(browser, live_server, "org1", "org12345", "/admin/org/")
    org.goto(f"{live_server}/admin/wechat")
    shoot(org, "wechat-binding-unbound")
    org.click("text=生成绑定二维码")
    scene = org.inner_text("[data-testid=scene]").strip()
    shoot(org, "wechat-binding-scene")
    # The simulator page's 扫码 button, as a new user would use it.
    sim = browser.new_page()
    sim.on("dialog", lambda dialog: dialog.accept(scene))
    sim.goto(f"{live_server}/simulator")
    sim.select_option("#resident", "")
    sim.fill("#resident-custom", ORG_WECHAT)
    sim.dispatch_event("#resident-custom", "change")
    sim.click("#scan")
    sim.wait_for_selector("text=绑定成功")
    org.goto(f"{live_server}/admin/wechat")
    assert "已绑定微信" in org.inner_text("[data-testid=binding]")
    shoot(org, "wechat-binding-bound")

    org_id = int(re.search(r"\d+", str(db.session.execute(db.text(
        "SELECT organization_id FROM users WHERE username='org1'")).scalar())).group())
    seeded.config["SIMULATOR_OUTBOX_SECONDS"] = 1
    sim.reload()  # the page's own poll, as WeChat would push the message
    sim.select_option("#resident", "")
    sim.fill("#resident-custom", ORG_WECHAT)
    sim.dispatch_event("#resident-custom", "change")
    order = _order(org_id)
    notice = sim.locator(".row.bot .bubble", has_text=f"新派单：订单 {order.number}")
    expect(notice).to_be_visible(timeout=10000)
    shoot(sim, "simulator-org-notice")
    assert Chat(seeded.test_client(), ORG_WECHAT).outbox() == []  # shown once, not again

    staff = signed_in(browser, live_server, "staff", "staff12345", "/admin/")
    staff.goto(f"{live_server}/admin/orders?state=pending_dispatch")
    assert staff.locator("[data-testid=unread]").is_hidden()
    apply(order.id, "decline", Actor("org", "org1", org_id=org_id), reason="今天人手不足")
    db.session.commit()
    # No reload: the counters refresh themselves.
    expect(staff.locator("[data-testid=unread]")).to_have_text("1", timeout=10000)
    expect(staff.locator('[data-count="orders.pending_dispatch.total"]')).to_have_text(
        "1", timeout=10000)
    shoot(staff, "orders-live-counts")
    staff.goto(f"{live_server}/admin/notices")
    assert "今天人手不足" in staff.inner_text("[data-testid=notices]")
    shoot(staff, "staff-notices")


def test_screens_of_templates_and_an_undelivered_notice(seeded, browser, live_server):  # noqa: F811
    seeded.config["JOBS_INLINE"] = True  # the worker's part, run in the request here
    templates.save("order_completed", "TPL_order_completed_01",
                   "first={title}\nkeyword1={number}\nremark={remark}")
    db.session.commit()
    Chat(seeded.test_client(), "居民A").client.post(
        "/api/chat", json={"user": "居民A", "event": "unsubscribe"})
    order = _order()
    staff = signed_in(browser, live_server, "staff", "staff12345", "/admin/")
    staff.goto(f"{live_server}/admin/notice-templates")
    shoot(staff, "notice-templates")
    staff.goto(f"{live_server}/admin/orders/{order.id}")
    assert "取消关注" in staff.inner_text("[data-testid=case-notices]")
    shoot(staff, "order-undelivered-notice")
