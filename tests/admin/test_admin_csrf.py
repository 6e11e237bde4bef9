"""CSRF is off in the shared test config; `csrf_client` is an app with it on."""
from admin_helpers import csrf_token as _token
from admin_helpers import text


def test_login_without_token_is_400(csrf_client):
    response = csrf_client.post("/admin/login", data={"username": "admin",
                                                      "password": "admin12345"})
    assert response.status_code == 400
    assert "页面已过期" in text(response)


def test_login_and_logout_with_token(csrf_client):
    token = _token(text(csrf_client.get("/admin/login")))
    response = csrf_client.post("/admin/login", data={"username": "admin",
                                                      "password": "admin12345",
                                                      "csrf_token": token})
    assert response.status_code == 302
    page = csrf_client.get("/admin/")
    assert page.status_code == 200
    # Logging out without the token is refused; the session survives.
    assert csrf_client.post("/admin/logout").status_code == 400
    assert csrf_client.get("/admin/").status_code == 200
    response = csrf_client.post("/admin/logout", data={"csrf_token": _token(text(page))})
    assert response.status_code == 302
    assert csrf_client.get("/admin/").status_code == 302


def test_admin_write_without_token_is_400(csrf_client):
    token = _token(text(csrf_client.get("/admin/login")))
    csrf_client.post("/admin/login", data={"username": "admin", "password": "admin12345",
                                           "csrf_token": token})
    response = csrf_client.post("/admin/users/2/deactivate")
    assert response.status_code == 400
