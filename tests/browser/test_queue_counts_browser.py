"""The applications and 转人工 queues count by themselves in headless Chromium; screenshots.

Staff keep the page open; a resident files a pre-application and another asks
for a person; the tab counts change without a reload (counts.js polling
/admin/counts.json, every second here). Screenshots at 1280 and 390 px go to
artifacts/screens/.
"""
import uuid

import pytest

from applications import operations as app_ops
from core.extensions import db
from handoff.operations import open_ticket
from tests.browser.test_admin_browser import (CHROMIUM, browser, live_server,  # noqa: F401
                                              shoot, signed_in, sync_playwright)
from tests.helpers import gen_id, wx, years_ago

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


def _application(resident: str):
    person = app_ops.Person("张秀英", "13812345678", gen_id(years_ago(82)), "幸福社区")
    app_ops.submit_application(wx(resident), "MZ07", "高龄津贴", person, {}, {}, key=uuid.uuid4().hex)
    db.session.commit()


def test_queue_tabs_count_without_a_reload(seeded, browser, live_server):  # noqa: F811
    seeded.config["ADMIN_COUNTS_SECONDS"] = 1
    _application("o居民一")
    staff = signed_in(browser, live_server, "staff", "staff12345", "/admin/")
    staff.goto(f"{live_server}/admin/applications")
    submitted = staff.locator('[data-count="applications.submitted"]')
    assert submitted.inner_text() == "1"
    _application("o居民二")
    expect(submitted).to_have_text("2", timeout=10000)
    expect(staff.locator('[data-count="applications.all"]')).to_have_text("2", timeout=10000)
    staff.wait_for_timeout(300)
    shoot(staff, "applications-live-counts")

    staff.goto(f"{live_server}/admin/handoffs")
    open_count = staff.locator('[data-count="tickets.waiting"]')
    assert open_count.inner_text() == "0"
    open_ticket(wx("o居民三"), "我要找人工客服")
    db.session.commit()
    expect(open_count).to_have_text("1", timeout=10000)
    shoot(staff, "handoffs-live-counts")
    # The phone layout keeps every tab and its count on screen.
    staff.set_viewport_size({"width": 390, "height": 844})
    for selector in ('[data-count="tickets.waiting"]', '[data-count="tickets.closed"]'):
        box = staff.locator(selector).bounding_box()
        assert box and box["x"] + box["width"] <= 390, (selector, box)
    staff.goto(f"{live_server}/admin/applications")
    for status in ("submitted", "need_info", "rejected"):
        box = staff.locator(f'[data-count="applications.{status}"]').bounding_box()
        assert box and box["x"] + box["width"] <= 390, (status, box)
