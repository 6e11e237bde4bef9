"""A staff working day in Chromium: missed questions, order search and 回访, guide text, menu."""
from datetime import timedelta

from conversations.models import MissedQuestion
from conversations.operations import log_missed
from core.audit import utcnow
from core.extensions import db
from knowledge.models import Guide
from orders.operations import submit_order
from orders.transitions import Actor
from tests.browser.test_admin_browser import (  # noqa: F401 (fixtures)
    browser, fits_phone, live_server, picture, pytestmark, shoot, staff_page)
from tests.helpers import wx


def _orders() -> list[str]:
    numbers = []
    for i, (category, text_) in enumerate((("repair", "轮椅刹车坏了<script>x</script>"),
                                           ("cleaning", "家里老人需要有人上门打扫卫生"),
                                           ("meal", "=HYPERLINK(\"x\") 需要送餐"))):
        order = submit_order(Actor.for_resident(wx("o-b16")), category=category, description=text_,
                             address=f"幸福社区和平路{i + 1}号", community="幸福社区",
                             phone=f"1381234{i:04d}", now=utcnow() - timedelta(days=i * 3))
        numbers.append(order.number)
    db.session.commit()
    return numbers


def test_missed_questions_page_set_aside_in_bulk(staff_page, live_server):  # noqa: F811
    for question in ("我叫王小明住和平路12号，低保怎么申请", "明天天气怎么样", "明天天气怎么样？",
                     "殡仪馆几点开门", "<script>alert(1)</script>怎么办"):
        log_missed(question, [{"intent": "guide", "service": "MZ01", "aspect": "overview"}], 0.3)
    db.session.commit()
    page = staff_page
    page.goto(f"{live_server}/admin/unanswered")
    body = page.inner_text("main")
    assert "王小明" not in body and "王**" in body and "<script>alert(1)</script>怎么办" in body
    shoot(page, "missed")
    fits_phone(page)
    page.locator("[data-testid=missed-group]", has_text="明天天气").locator("input[name=pick]").check()
    page.click("button[value=out_of_scope]")
    assert "不属于民政业务" in page.inner_text(".flashes")
    assert "明天天气" not in page.inner_text("main")
    page.fill("#missed-q", "殡仪馆")
    page.press("#missed-q", "Enter")
    assert page.locator("[data-testid=missed-group]").count() == 1
    assert {m.status for m in db.session.scalars(db.select(MissedQuestion).filter(
        MissedQuestion.text.like("明天天气%")))} == {"out_of_scope"}


def test_orders_search_filter_sort_and_followup(staff_page, live_server):  # noqa: F811
    repair, cleaning, meal = _orders()
    page = staff_page
    page.goto(f"{live_server}/admin/orders")
    page.fill("[data-testid=order-filter] input[name=q]", "轮椅")
    page.click("[data-testid=order-filter] button[type=submit]")
    rows = page.locator("[data-testid=queue] tbody tr[data-number]")
    assert rows.count() == 1 and "轮椅刹车坏了<script>x</script>" in rows.first.inner_text()
    page.goto(f"{live_server}/admin/orders?state=submitted")
    page.select_option("select[name=category]", "meal")
    page.click("[data-testid=order-filter] button[type=submit]")
    assert page.locator("tr[data-number]").count() == 1 and meal in page.inner_text("main")
    page.goto(f"{live_server}/admin/orders?state=submitted&sort=-created")
    shoot(page, "orders-filtered")
    fits_phone(page)
    page.click("th >> text=社区 / 地址")
    assert "sort=community" in page.url
    page.goto(f"{live_server}/admin/orders/follow-up")
    shoot(page, "orders-followup")
    fits_phone(page)


def test_guide_text_typed_in_the_browser_is_kept_with_lf(staff_page, live_server):  # noqa: F811
    page = staff_page
    page.goto(f"{live_server}/admin/knowledge/guides/MZ01")
    page.fill("#text_materials", "1. 身份证\n2. 户口本\n\n3. 收入证明")
    page.select_option("#preview_aspect", "materials")
    page.click("#preview")
    assert "户口本" in page.inner_text("[data-testid=preview]")
    page.click("#submit")
    db.session.expire_all()
    assert db.session.get(Guide, "MZ01").materials == "1. 身份证\n2. 户口本\n\n3. 收入证明"


def test_phone_menu_button_and_skip_link(staff_page, live_server):  # noqa: F811
    page = staff_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/admin/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    toggle = page.get_by_role("button", name="菜单")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("nav.mainnav").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and page.locator("nav.mainnav").is_visible()
    picture(page, "menu-open-phone")
    page.goto(f"{live_server}/admin/orders")
    picture(page, "orders-tabs-phone", full_page=True)
    tabs = page.locator("nav.tabs")
    assert tabs.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
