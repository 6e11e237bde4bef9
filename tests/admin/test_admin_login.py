from datetime import timedelta

import pytest

from accounts.models import AdminSession, User
from core import create_app
from core.audit import AuditEntry, utcnow
from core.config import ProductionConfig
from core.extensions import db

from admin_helpers import audit_actions, text


def _user(username: str) -> User:
    db.session.expire_all()
    return db.session.scalar(db.select(User).filter_by(username=username))


def test_login_page_renders_in_chinese(client):
    response = client.get("/admin/login")
    assert response.status_code == 200
    assert "登录管理后台" in text(response)


def test_login_success_lands_staff_on_dashboard(auth, client):
    response = auth.login("staff")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "工作台" in text(page) and "民政局 王科员" in text(page) and "民政工作人员" in text(page)
    assert audit_actions("login") == ["login.success"]


def test_login_makes_session_permanent(auth, client):
    auth.login("staff")
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.expires is not None
    assert cookie.http_only


def test_wrong_password_is_refused_and_counted(auth, client):
    response = auth.login("staff", "wrong-password")
    assert response.status_code == 200
    assert "用户名或密码错误" in text(response)
    assert _user("staff").failed_logins == 1
    assert client.get("/admin/").status_code == 302
    assert audit_actions("login") == ["login.failure"]


def test_unknown_user_gets_the_same_message(auth):
    response = auth.login("nobody", "whatever123")
    assert "用户名或密码错误" in text(response)
    entry = db.session.scalar(db.select(AuditEntry).filter_by(action="login.failure"))
    assert entry.actor == "nobody" and entry.after == {"reason": "unknown"}


def test_five_failures_lock_the_account(auth, client):
    for _ in range(4):
        assert "用户名或密码错误" in text(auth.login("staff", "wrong-password"))
    response = auth.login("staff", "wrong-password")
    assert "账号已锁定" in text(response)
    # Even the right password is refused while locked.
    response = auth.login("staff")
    assert "账号已锁定" in text(response)
    assert client.get("/admin/").status_code == 302
    user = _user("staff")
    assert user.locked_until > utcnow() + timedelta(minutes=14)
    assert audit_actions("login.lockout") == ["login.lockout"]


def test_lock_expires(auth):
    for _ in range(5):
        auth.login("staff", "wrong-password")
    user = _user("staff")
    user.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert auth.login("staff").status_code == 302
    assert _user("staff").failed_logins == 0


def test_success_resets_the_failure_count(auth):
    auth.login("staff", "wrong-password")
    auth.login("staff")
    assert _user("staff").failed_logins == 0


def test_ip_throttle_spans_usernames(app, auth):
    app.config["ADMIN_LOGIN_IP_LIMIT"] = 3
    for name in ("a1", "a2", "a3"):
        auth.login(name, "wrong-password")
    response = auth.login("staff")
    assert response.status_code == 429
    assert "登录尝试过于频繁" in text(response)
    # Another client address is not affected.
    assert auth.login("staff", environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 302


def test_deactivated_user_cannot_sign_in(auth):
    user = _user("staff")
    user.active = False
    db.session.commit()
    response = auth.login("staff")
    assert "已停用" in text(response)


def test_logout_requires_post_and_ends_session(auth, client):
    auth.login("staff")
    assert client.get("/admin/logout").status_code in (404, 405)
    assert client.get("/admin/").status_code == 200
    response = auth.logout()
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302
    assert "logout" in audit_actions()


def test_next_redirect_is_local_only(auth, client):
    response = auth.login("admin", query_string={"next": "/admin/audit"})
    assert response.headers["Location"] == "/admin/audit"
    for bad in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"):
        auth.logout()
        response = auth.login("admin", query_string={"next": bad})
        assert response.headers["Location"] == "/admin/", bad


def test_idle_session_expires(app, auth, client):
    auth.login("staff")
    db.session.execute(db.update(AdminSession).values(
        seen_at=utcnow() - timedelta(seconds=app.config["ADMIN_IDLE_SECONDS"] + 1)))
    db.session.commit()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login")
    assert "长时间未操作" in text(client.get(response.headers["Location"]))
    assert client.get("/admin/").status_code == 302


def test_password_reset_ends_other_sessions(auth, client):
    auth.login("staff")
    user = _user("staff")
    user.set_password("another-password")
    db.session.commit()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "请重新登录" in text(client.get(response.headers["Location"]))


def test_production_refuses_the_default_secret_key(backend):
    config = {k: v for k, v in backend.items() if k != "name"}
    config["SECRET_KEY"] = "dev-only-change-me"
    config["APP_ENV"] = "production"
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(config)
    assert ProductionConfig.SESSION_COOKIE_SECURE is True
