"""Admin sessions live server-side: logout, the 8-hour limit and password changes revoke copies."""
from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from flask import g
from flask.testing import FlaskClient

from accounts.models import AdminSession, User
from accounts.operations import reset_password
from core.audit import utcnow
from core.extensions import db

from admin_helpers import text


class OwnBrowser(FlaskClient):
    """A client whose requests do not share the signed-in user that Flask-Login keeps on `g`.

    The tests run inside one app context, which every test request reuses,
    so without this a second browser would look signed in as the first.
    """

    def open(self, *args, **kwargs):
        g.pop("_login_user", None)
        return super().open(*args, **kwargs)


@pytest.fixture(autouse=True)
def _own_browsers(app):
    app.test_client_class = OwnBrowser


@pytest.fixture
def client(app):
    return app.test_client()


def _copy_cookie(app, client):
    """A second browser holding a copy of the signed-in cookie (an attacker's)."""
    thief = app.test_client()
    cookie = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session"))
    thief.set_cookie(cookie.key, cookie.value)
    return thief


def _sessions(username: str) -> int:
    user = db.session.scalar(db.select(User).filter_by(username=username))
    return db.session.scalar(db.select(db.func.count()).select_from(AdminSession)
                             .filter_by(user_id=user.id))


def test_a_copied_cookie_stops_working_after_logout(app, auth, client):
    auth.login("staff")
    thief = _copy_cookie(app, client)
    assert thief.get("/admin/").status_code == 200
    auth.logout()
    response = thief.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login")
    assert _sessions("staff") == 0


def test_the_absolute_lifetime_is_enforced_however_active(app, auth, client):
    auth.login("staff")
    assert client.get("/admin/").status_code == 200
    # Eight hours after sign-in, though the session was used a minute ago.
    lifetime = timedelta(seconds=app.config["PERMANENT_SESSION_LIFETIME"])
    db.session.execute(db.update(AdminSession).values(
        created_at=utcnow() - lifetime, expires_at=utcnow() - timedelta(seconds=1),
        seen_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "登录已满 8 小时" in text(client.get(response.headers["Location"]))
    assert client.get("/admin/").status_code == 302


def test_a_password_reset_revokes_every_session_of_that_user(app, auth, client):
    auth.login("staff")
    other = app.test_client()
    assert other.post("/admin/login", data={"username": "staff",
                                            "password": "staff12345"}).status_code == 302
    auth_admin = app.test_client()
    auth_admin.post("/admin/login", data={"username": "admin", "password": "admin12345"})
    assert _sessions("staff") == 2
    reset_password(db.session.scalar(db.select(User).filter_by(username="staff")),
                   "brand-new-password", actor="admin")
    db.session.commit()
    assert _sessions("staff") == 0
    assert client.get("/admin/").status_code == 302
    assert other.get("/admin/").status_code == 302
    assert auth_admin.get("/admin/").status_code == 200  # other users keep theirs


def test_deactivating_a_user_revokes_their_sessions(app, auth, client):
    auth.login("staff")
    from accounts.operations import set_user_active

    admin = db.session.scalar(db.select(User).filter_by(username="admin"))
    staff = db.session.scalar(db.select(User).filter_by(username="staff"))
    set_user_active(staff, False, actor=admin)
    db.session.commit()
    assert _sessions("staff") == 0
    assert client.get("/admin/").status_code == 302


def test_the_store_keeps_only_a_digest_of_the_cookie_session_id(app, auth, client):
    auth.login("staff")
    with client.session_transaction() as session:
        sid = session["_sid"]
    ids = list(db.session.scalars(db.select(AdminSession.id)))
    assert len(ids) == 1 and sid not in ids[0]


def test_hsts_is_sent_in_production_only(backend, client):
    assert "Strict-Transport-Security" not in client.get("/admin/login").headers
    from core import create_app

    config = {k: v for k, v in backend.items() if k != "name"}
    # What a production start may insist on: a strong secret, PII_KEY, REDIS_URL.
    config.update(APP_ENV="production", SECRET_KEY="a-long-random-production-secret-key-0123456789",
                  PII_KEY=Fernet.generate_key().decode(),
                  REDIS_URL=config.get("REDIS_URL") or "redis://127.0.0.1:1/0")
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # Production refuses SQLite; the header needs no database (nothing listens there).
        config["SQLALCHEMY_DATABASE_URI"] = "postgresql://postgres@127.0.0.1:1/none"
    prod = create_app(config)
    for path in ("/admin/login", "/healthz"):
        header = prod.test_client().get(path).headers.get("Strict-Transport-Security", "")
        assert header.startswith("max-age=") and int(header.split("=")[1].split(";")[0]) >= 31536000
    with prod.app_context():
        db.session.remove()
        db.engine.dispose()

