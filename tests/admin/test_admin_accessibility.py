"""The shell every admin page shares: a skip link and a menu button screen readers can use."""
import re
from pathlib import Path

CSS = Path(__file__).resolve().parents[2] / "admin" / "static" / "admin.css"


def test_menu_toggle_is_a_button_that_says_it_controls_the_menu(auth, client):
    auth.login("staff")
    page = client.get("/admin/").get_data(as_text=True)
    button = re.search(r"<button[^>]*nav-toggle-button[^>]*>", page)
    assert button and 'aria-expanded="false"' in button.group(0)
    assert 'aria-controls="mainnav"' in button.group(0) and 'id="mainnav"' in page
    assert 'aria-hidden="true"' not in page.split("</header>")[0]


def test_skip_link_leads_to_the_main_content(auth, client):
    auth.login("staff")
    page = client.get("/admin/").get_data(as_text=True)
    assert page.index('href="#main"') < page.index("<header") and 'id="main"' in page


def test_state_tabs_wrap_instead_of_scrolling():
    css = CSS.read_text(encoding="utf-8")
    rule = re.search(r"\.tabs\.scroll\s*\{([^}]*)\}", css).group(1)
    assert "wrap" in rule and "overflow-x" not in rule
