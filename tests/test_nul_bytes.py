"""A NUL byte in a query or form is a 400 with a Chinese reason, on every admin list and Open311."""
import pytest

from core import texts

# Every name the admin lists and Open311 read from the query string.
PARAMS = ("q", "status", "state", "service", "community", "day", "action", "page",
          "service_code", "service_request_id", "start_date", "end_date", "api_key")


def admin_pages(app) -> list[str]:
    """Every admin page that answers GET without a path argument (the lists among them)."""
    rules = [rule for rule in app.url_map.iter_rules()
             if rule.endpoint.startswith("admin.") and "GET" in rule.methods
             and not rule.arguments and rule.endpoint not in ("admin.static",)]
    return sorted({rule.rule for rule in rules})


def sign_in(client, username: str, password: str) -> None:
    response = client.post("/admin/login", data={"username": username, "password": password})
    assert response.status_code == 302


@pytest.mark.parametrize("who", [("admin", "admin12345"), ("org2", "org12345")])
def test_every_admin_page_refuses_a_nul_in_any_parameter(seeded, client, app, who):
    sign_in(client, *who)
    pages = admin_pages(app)
    assert len(pages) >= 13
    for path in pages:
        for name in PARAMS if path == "/admin/applications" else ("q", "status", "page"):
            response = client.get(path, query_string={name: "a\x00b"})
            assert response.status_code == 400, (path, name, response.status_code)
            assert texts.NUL_IN_REQUEST in response.get_data(as_text=True), (path, name)
        assert client.get(path, query_string={"q": "a"}).status_code != 400, path


def test_a_nul_in_a_sign_in_form_is_refused_before_any_query(seeded, client):
    response = client.post("/admin/login", data={"username": "admin\x00", "password": "x"})
    assert response.status_code == 400
    assert texts.NUL_IN_REQUEST in response.get_data(as_text=True)


@pytest.mark.parametrize("name", PARAMS)
def test_open311_requests_refuse_a_nul_with_its_json_error(seeded, client, app, name):
    app.config["OPEN311_API_KEYS"] = "city:k3y"
    args = {"api_key": "k3y", name: "a\x00b"}
    response = client.get("/open311/v2/requests.json", query_string=args)
    assert response.status_code == 400
    assert response.get_json() == [{"code": 400, "description": texts.NUL_IN_REQUEST}]


def test_open311_post_refuses_a_nul_in_the_form(seeded, client, app):
    app.config["OPEN311_API_KEYS"] = "city:k3y"
    posted = client.post("/open311/v2/requests.json",
                         data={"api_key": "k3y", "service_code": "meal",
                               "address_string": "光明社区5号楼302", "description": "需要\x00送饭"})
    assert posted.status_code == 400
