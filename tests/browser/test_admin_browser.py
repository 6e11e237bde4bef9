"""The admin in headless Chromium through Playwright: edit, teach, chart; screenshots.

Uses Debian's chromium (never `playwright install`); skipped with a reason when
the browser or the playwright package is missing. With MZT_SCREENSHOTS=1,
screenshots of the main pages at desktop and phone width go to artifacts/screens/
(gitignored); a plain run checks the pages and takes none (full-page pictures
were a third of the browser's work).
"""
import os
import re
import shutil
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from accounts.models import User
from applications import operations as app_ops
from conversations.operations import log_missed
from core.audit import utcnow
from core.extensions import db
from orders.operations import apply, submit_order
from orders.queries import by_number
from orders.transitions import Actor
from tests.helpers import gen_id, sim, wx, years_ago
from volunteers.models import RosterEntry, ServiceHours, Volunteer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
try:
    from playwright.sync_api import sync_playwright
except ImportError:  # requirements-dev.txt installs it
    sync_playwright = None

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium: apt-get install -y "
                       "chromium fonts-wqy-microhei"),
    pytest.mark.skipif(sync_playwright is None, reason="playwright is not installed "
                       "(pip install -r requirements-dev.txt)"),
]
SCREENS = Path(__file__).resolve().parents[2] / "artifacts" / "screens"
SCREENSHOTS = os.environ.get("MZT_SCREENSHOTS", "") not in ("", "0")
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture
def live_server(seeded):
    server = make_server("127.0.0.1", 0, seeded, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def browser(chromium):
    """The run's Chromium (tests/conftest.py); the contexts a test opened (cookies, pages) close after it."""
    yield chromium
    for context in list(chromium.contexts):
        context.close()


def signed_in(browser, base: str, username: str, password: str, lands: str):
    """A page in a browser context of its own, signed in; `lands` is where sign-in leads."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    page.set_default_timeout(15000)
    page.goto(f"{base}/admin/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_url(f"{base}{lands}")
    return page


@pytest.fixture
def staff_page(browser, live_server):
    page = signed_in(browser, live_server, "staff", "staff12345", "/admin/")
    yield page
    page.context.close()


def picture(page, name: str, full_page: bool = False) -> None:
    """A screenshot of the page as it is now, with MZT_SCREENSHOTS=1."""
    if SCREENSHOTS:
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=full_page)


def shoot(page, name: str) -> None:
    """Full-page screenshots at desktop and phone widths, with MZT_SCREENSHOTS=1."""
    if not SCREENSHOTS:
        return
    for label, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        picture(page, f"{name}-{label}", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def ask(page, base: str, question: str) -> str:
    """Ask on the simulator page; the bot's last bubble."""
    page.goto(f"{base}/simulator")
    page.fill("#text", question)
    page.press("#text", "Enter")
    page.wait_for_selector(".row.bot .bubble")
    page.wait_for_timeout(300)
    return page.locator(".row.bot .bubble").last.inner_text()


def test_edit_a_guide_and_the_simulator_answer_changes(staff_page, live_server):
    page = staff_page
    assert "全程免费，当天可查" not in ask(page, live_server, "低保收费吗")
    page.goto(f"{live_server}/admin/knowledge/guides/MZ01")
    page.fill("#text_fee", "申请低保全程免费，当天可查进度。")
    page.select_option("#preview_aspect", "fee")
    page.click("#preview")
    assert "全程免费，当天可查" in page.inner_text("[data-testid=preview]")
    shoot(page, "guide-edit-preview")
    page.click("#submit")
    assert "已保存并发布" in page.inner_text(".flashes")
    assert "全程免费，当天可查" in ask(page, live_server, "低保收费吗")
    page.goto(f"{live_server}/admin/knowledge/history/guide/MZ01")
    assert "修改前的原始内容" in page.inner_text("main")
    shoot(page, "guide-history")


def test_attach_a_missed_question(staff_page, live_server):
    question = "领了低保证还能领其他补助么"
    log_missed(question, [{"intent": "guide", "service": "MZ01", "aspect": "overview"}], 0.3)
    log_missed("明天天气怎么样", [], 0.1)
    db.session.commit()
    page = staff_page
    page.goto(f"{live_server}/admin/unanswered")
    shoot(page, "missed")
    group = page.locator("[data-testid=missed-group]", has_text=question)
    group.locator("input[name=pick]").check()
    group.locator("input[list=missed-targets]").fill("faq:faq-dibao-vs-lowincome")
    page.click("button[value=attach]")
    assert "机器人今后能回答" in page.inner_text(".flashes")
    assert page.locator("[data-testid=missed-group]", has_text=question).count() == 0
    shoot(page, "missed-attached")
    assert "低保家庭" in ask(page, live_server, question)


def test_dashboard_and_knowledge_pages_render(staff_page, live_server):
    page = staff_page
    page.goto(f"{live_server}/admin/")
    for chart in ("messages", "applications", "hours"):
        section = page.locator(f"[data-testid=chart-{chart}]")
        assert section.is_visible()
    assert page.locator("[data-testid=chart-messages] > svg").count() == 1
    shoot(page, "dashboard")
    for name, path in (("knowledge", "/admin/knowledge/"), ("faq", "/admin/knowledge/faq"),
                       ("synonyms", "/admin/knowledge/synonyms"),
                       ("words", "/admin/knowledge/words")):
        page.goto(f"{live_server}{path}")
        assert page.locator("h1").inner_text() == "知识库"
        shoot(page, name)
    page.goto(f"{live_server}/admin/knowledge/faq/faq-dibao-standard-how")
    shoot(page, "faq-edit")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/admin/")
    toggle = page.get_by_role("button", name="菜单")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "mainnav"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.click("nav.mainnav >> text=知识库")
    assert page.url.endswith("/admin/knowledge/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone: {width}px"


def fits_phone(page) -> None:
    """At 390px the page must not scroll sideways (tables stack into cards)."""
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 390, f"{page.url} scrolls sideways on a phone: {width}px"


def order_in_chat(page, base: str) -> str:
    """A resident orders cleaning through the chat API; the order number."""
    reply = ""
    for said in ("家里老人需要有人上门打扫卫生", "幸福社区和平路12号3栋201", "明天上午",
                 "13800138000", "确认"):
        response = page.request.post(f"{base}/api/chat", data={"user": "居民浏览器", "text": said})
        assert response.ok
        reply = "\n".join(response.json()["replies"])
    return re.search(r"DD\d{8}-\d{4}", reply).group(0)


def test_order_from_chat_to_completion_in_the_browser(staff_page, browser, live_server):
    volunteer = Volunteer(resident=wx("o-vol"), name="王志愿", phone="13900001111", id_masked="x",
                          id_number_enc="", community="幸福社区", status="approved")
    db.session.add(volunteer)
    db.session.flush()
    org1 = db.session.scalar(db.select(User).filter_by(username="org1")).organization_id
    db.session.add(RosterEntry(organization_id=org1, volunteer_id=volunteer.id))
    db.session.commit()
    late = Actor.for_resident(wx("o-late"))
    submit_order(late, category="meal", description="老人行动不便，需要送午餐", address="光明社区5号楼",
                 community="光明社区", phone="0571-88886666", now=utcnow() - timedelta(days=10))
    db.session.commit()
    page = staff_page
    number = order_in_chat(page, live_server)
    page.goto(f"{live_server}/admin/orders")
    assert page.locator("tr.overdue").count() == 1  # the late one, listed first
    assert "超时 1" in page.inner_text("nav.tabs")
    row = page.locator(f"tr[data-number='{number}']")
    assert "助洁" in row.inner_text()
    shoot(page, "orders-queue")
    fits_phone(page)
    row.locator("a").click()
    assert number in page.locator("h1").inner_text()
    assert "138****8000" in page.inner_text("[data-testid=phone]")
    shoot(page, "order-detail")
    fits_phone(page)
    page.click("form.action-approve button")
    assert "已审核通过" in page.inner_text(".flashes")
    suggestions = page.locator("[data-testid=suggestions]")
    assert "✓ 服务此类" in suggestions.inner_text()
    page.check("input[name=organization_id] >> nth=0")  # the recommended one
    shoot(page, "order-dispatch")
    fits_phone(page)
    page.click("form.action-dispatch button[type=submit]")
    assert "已派单给“阳光为老服务中心”" in page.inner_text(".flashes")
    assert "待接单" in page.locator("h1").inner_text()

    org_page = signed_in(browser, live_server, "org1", "org12345", "/admin/org/")
    assert number in org_page.inner_text("[data-testid=org-orders]")
    shoot(org_page, "org-home")
    fits_phone(org_page)
    org_page.click(f"text={number}")
    assert "13800138000" in org_page.inner_text("[data-testid=phone]")
    shoot(org_page, "org-order")
    fits_phone(org_page)
    org_page.click("form.action-accept button")
    assert "已接单" in org_page.inner_text(".flashes")
    org_page.fill("#notes", "已上门打扫客厅和厨房，老人表示满意")
    org_page.fill("#hours", "2")
    org_page.check(f"input[name=volunteer_ids][value='{volunteer.id}']")  # from the roster
    shoot(org_page, "org-order-complete")
    org_page.click("form.action-complete button[type=submit]")
    assert "已为 1 位志愿者记录服务时长" in org_page.inner_text(".flashes")
    assert "待评单" in org_page.locator("h1").inner_text()
    fits_phone(org_page)
    org_page.context.close()

    page.reload()
    assert "服务完成" in page.inner_text("[data-testid=timeline]")
    shoot(page, "order-detail-completed")
    db.session.expire_all()
    assert [h.hours for h in db.session.scalars(db.select(ServiceHours))] == [2.0]
    resident = Actor.for_resident(sim("居民浏览器"))
    apply(by_number(number).id, "rate", resident, score=4, resolved=True)
    db.session.commit()
    page.goto(f"{live_server}/admin/")
    assert "阳光为老服务中心" in page.inner_text("[data-testid=org-records]")
    assert page.locator("[data-testid=chart-orders] > svg").count() == 1
    shoot(page, "dashboard-orders")
    fits_phone(page)


def test_refused_forms_keep_what_was_typed_and_the_application_page(staff_page, browser,
                                                                     live_server):
    id_number = gen_id(years_ago(86))
    record = app_ops.submit_application(
        wx("o-browser"), "MZ07", "高龄津贴", app_ops.Person("张秀英", "13812345678", id_number, "幸福社区"),
        {"老人姓名": "张秀英", "联系电话": "13812345678", "居住地址": "幸福社区和平路12号3栋201室"},
        {"id_number": id_number}, key="browser-app")
    db.session.commit()
    page = staff_page
    page.goto(f"{live_server}/admin/applications/{record.id}")
    assert id_number not in page.inner_text("[data-testid=personal]")  # masked until asked
    page.click("text=显示完整个人信息")
    assert id_number in page.inner_text("[data-testid=personal]")
    assert "已提交" in page.inner_text("[data-testid=timeline]")
    shoot(page, "application-detail")
    fits_phone(page)
    page.click("details.step:has(form.action-rejected) > summary")
    page.fill("#reason-rejected", "  ")  # the browser lets blanks through; the server does not
    page.click("form.action-rejected button[type=submit]")
    assert "请填写原因" in page.inner_text("form.action-rejected")
    fits_phone(page)

    order = by_number(order_in_chat(page, live_server))
    org1 = db.session.scalar(db.select(User).filter_by(username="org1"))
    apply(order.id, "approve", Actor("staff", "王科员"))
    apply(order.id, "dispatch", Actor("staff", "王科员"), organization_id=org1.organization_id)
    apply(order.id, "accept", Actor.for_user(org1))
    db.session.commit()
    org_page = signed_in(browser, live_server, "org1", "org12345", "/admin/org/")
    org_page.goto(f"{live_server}/admin/org/orders/{order.id}")
    org_page.fill("#notes", "已上门打扫客厅和厨房")
    org_page.fill("#volunteers", "王志愿\n李四")
    # Hours left out, past the browser's own check: the server refuses and keeps the rest.
    org_page.evaluate("document.querySelector('form.action-complete').noValidate = true")
    org_page.click("form.action-complete button[type=submit]")
    assert "请填写服务时长" in org_page.inner_text("form.action-complete")
    assert org_page.input_value("#notes") == "已上门打扫客厅和厨房"
    assert org_page.input_value("#volunteers") == "王志愿\n李四"
    org_page.wait_for_function("document.activeElement.id === 'hours'")
    shoot(org_page, "org-order-complete-refused")
    fits_phone(org_page)
    org_page.context.close()


def test_eligibility_page_and_a_result_in_the_simulator(staff_page, live_server):
    page = staff_page
    page.goto(f"{live_server}/admin/eligibility")
    rules_table = page.inner_text("main")
    assert "MZ10 适老化改造" in rules_table and "MZ27 惠民殡葬补贴" in rules_table
    assert page.input_value("#elderly_service_severe") == "800"
    shoot(page, "eligibility")
    fits_phone(page)
    page.goto(f"{live_server}/simulator")
    for said in ("我家能享受哪些政策", "三口人", "是", "我妈八十了，卧床好几年了", "没有", "没有",
                 "全家一个月四千", "看病一年花了一万", "没有"):
        count = page.locator(".row.bot .bubble").count()
        page.fill("#text", said)
        page.press("#text", "Enter")
        page.wait_for_function(f"document.querySelectorAll('.row.bot .bubble').length > {count}")
    page.wait_for_timeout(300)
    assert "可能符合，以审核为准" in page.locator(".row.bot .bubble").last.inner_text()
    shoot(page, "eligibility-simulator")
    fits_phone(page)
