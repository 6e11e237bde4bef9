"""A staff day in Chromium: a number found by its start or end, the 回访 queue worked through, sample 常用语."""
from core.extensions import db
from orders.models import Order, OrderEvent
from orders.operations import apply, submit_order
from orders.transitions import Actor
from phrases.seed import SAMPLES
from tests.helpers import wx
from tests.browser.test_admin_browser import (  # noqa: F401 (fixtures)
    browser, fits_phone, live_server, pytestmark, shoot, signed_in, staff_page)


def _org_id(username: str) -> int:
    from accounts.models import User
    return db.session.scalar(db.select(User).filter_by(username=username)).organization_id


def _rated(score: int, resolved: bool, comment: str = "") -> Order:
    resident = Actor.for_resident(wx("o-b16c"))
    order = submit_order(resident, category="cleaning", description="家里老人需要有人上门打扫卫生",
                         address="幸福社区和平路3号", community="幸福社区", phone="13812340000")
    staff, org = Actor("staff", "王科员"), Actor("org", "李社工", org_id=_org_id("org1"))
    apply(order.id, "approve", staff)
    apply(order.id, "dispatch", staff, organization_id=_org_id("org1"))
    apply(order.id, "accept", org)
    apply(order.id, "complete", org, notes="打扫完毕", hours=2, volunteers=[])
    apply(order.id, "rate", resident, score=score, resolved=resolved, comment=comment)
    db.session.commit()
    return order


def test_a_number_found_by_its_start_and_its_last_digits(staff_page, live_server):  # noqa: F811
    resident = Actor.for_resident(wx("o-b16c-n"))
    numbers = [submit_order(resident, category="meal", description="需要送午餐", address="光明社区5号",
                            community="光明社区", phone=f"1390000{i + 5:04d}").number for i in range(3)]
    db.session.commit()
    page = staff_page
    page.goto(f"{live_server}/admin/orders")
    page.fill("[data-testid=order-filter] input[name=q]", numbers[0].split("-")[0].lower())
    page.click("[data-testid=order-filter] button[type=submit]")
    listed = page.locator("[data-testid=queue] tbody tr[data-number]")
    assert listed.count() == 3 and "没有找到单号" not in page.inner_text("main")
    assert "共 3 个" in page.inner_text("[data-testid=matches]")
    shoot(page, "orders-number-prefix")
    fits_phone(page)
    page.fill("[data-testid=order-filter] input[name=q]", numbers[1][-4:])
    page.click("[data-testid=order-filter] button[type=submit]")
    assert [listed.nth(i).get_attribute("data-number") for i in range(listed.count())] == [numbers[1]]


def test_followup_recorded_with_a_sample_phrase_leaves_the_queue(staff_page, live_server):  # noqa: F811
    low = _rated(1, False, "师傅没来，打我电话13812345678")
    _rated(5, True)
    page = staff_page
    page.goto(f"{live_server}/admin/orders")
    assert "待回访 1" in page.inner_text("[data-testid=order-filter]")
    page.goto(f"{live_server}/admin/orders/follow-up")
    queue = page.locator("[data-testid=followup] tbody tr[data-number]")
    assert queue.count() == 1 and "13812345678" not in page.inner_text("main")
    shoot(page, "followup-waiting")
    fits_phone(page)
    queue.first.locator("a").click()
    title, wording = SAMPLES["order.follow_up"][0]
    page.select_option("#follow-up-reason-phrase", label=title)
    assert page.input_value("#follow-up-reason") == wording
    shoot(page, "order-follow-up")
    fits_phone(page)
    page.click("form.action-follow_up button[type=submit]")
    assert "已记录回访" in page.inner_text(".flashes")
    assert wording in page.inner_text("[data-testid=timeline]")
    note = db.session.scalar(db.select(OrderEvent.reason).filter_by(order_id=low.id, event="follow_up"))
    assert note == wording
    page.goto(f"{live_server}/admin/orders/follow-up")
    assert page.locator("[data-testid=followup] tbody tr[data-number]").count() == 0
    page.goto(f"{live_server}/admin/orders/follow-up?tab=done")
    assert wording in page.inner_text("[data-testid=followup]")
    shoot(page, "followup-done")
    fits_phone(page)


def test_an_organisation_declines_with_a_sample_reason(browser, live_server):  # noqa: F811
    resident = Actor.for_resident(wx("o-b16c-o"))
    order = submit_order(resident, category="cleaning", description="需要打扫", address="幸福社区1号",
                         community="幸福社区", phone="13900001234")
    staff = Actor("staff", "王科员")
    apply(order.id, "approve", staff)
    apply(order.id, "dispatch", staff, organization_id=_org_id("org1"))
    db.session.commit()
    page = signed_in(browser, live_server, "org1", "org12345", "/admin/org/")
    page.goto(f"{live_server}/admin/org/orders/{order.id}")
    page.click("summary >> text=拒单")
    title, wording = SAMPLES["order.decline"][1]
    page.select_option("#decline-reason-phrase", label=title)
    assert page.input_value("#decline-reason") == wording
    shoot(page, "org-decline-phrase")
    fits_phone(page)
    page.click("form.action-decline button[type=submit]")
    db.session.expire_all()
    assert db.session.get(Order, order.id).state == "pending_dispatch"
    page.context.close()
