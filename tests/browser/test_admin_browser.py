"""The admin in headless Chromium through Playwright: edit, teach, chart; screenshots.

Uses Debian's chromium (never `playwright install`); skipped with a reason when
the browser or the playwright package is missing. Screenshots of the main pages
at desktop and phone width go to artifacts/screens/ (gitignored).
"""
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from conversations.operations import log_missed
from core.extensions import db

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
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


@pytest.fixture
def staff_page(browser, live_server):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.set_default_timeout(15000)
    page.goto(f"{live_server}/admin/login")
    page.fill("#username", "staff")
    page.fill("#password", "staff12345")
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_url(f"{live_server}/admin/")
    yield page
    page.close()


def shoot(page, name: str) -> None:
    """Full-page screenshots at desktop and phone widths."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    for label, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SCREENS / f"{name}-{label}.png"), full_page=True)
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
    group.locator("select[name=target]").select_option("faq:faq-dibao-vs-lowincome")
    group.locator("button.primary").click()
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
    page.click("label.nav-toggle-label")
    page.click("nav.mainnav >> text=知识库")
    assert page.url.endswith("/admin/knowledge/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone: {width}px"
