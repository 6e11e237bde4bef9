"""CSRF is off in the shared test config, so these build an app with it on."""
import re
import uuid

import pytest

from core import create_app
from core.extensions import db

from admin_helpers import text


@pytest.fixture
def csrf_client(backend, seeded):
    """A client of a second app on the same database, with CSRF protection enabled."""
    config = {k: v for k, v in backend.items() if k != "name"}
    config.update(WTF_CSRF_ENABLED=True, REDIS_PREFIX=f"mzt-test-{uuid.uuid4().hex[:8]}:")
    app = create_app(config)
    yield app.test_client()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


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
