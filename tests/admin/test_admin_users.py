from accounts.models import Organization, User
from core.audit import AuditEntry
from core.extensions import db

from admin_helpers import audit_actions, text


def _user(username: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(db.select(User).filter_by(username=username))


def _org(name: str) -> Organization:
    return db.session.scalar(db.select(Organization).filter_by(name=name))


def _new_user(client, **fields):
    data = {"username": "li.si", "display_name": "民政局 李四", "role": "staff",
            "organization_id": "0", "password": "secret-pass", "confirm": "secret-pass"}
    data.update(fields)
    return client.post("/admin/users/new", data=data)


def test_user_list_shows_demo_accounts(auth, client):
    auth.login("admin")
    page = text(client.get("/admin/users"))
    for name in ("admin", "staff", "org1", "阳光为老服务中心", "社会组织"):
        assert name in page


def test_admin_creates_staff_user_who_can_sign_in(auth, client):
    auth.login("admin")
    response = _new_user(client)
    assert response.status_code == 302
    assert "已创建用户 li.si" in text(client.get("/admin/users"))
    user = _user("li.si")
    assert user.role == "staff" and user.organization_id is None
    assert user.password_hash != "secret-pass"
    entry = db.session.scalar(db.select(AuditEntry).filter_by(action="user.create",
                                                              target=f"user:{user.id}"))
    assert entry.actor == "admin" and "secret-pass" not in str(entry.after)
    auth.logout()
    assert auth.login("li.si", "secret-pass").headers["Location"] == "/admin/"


def test_org_user_needs_an_organisation(auth, client):
    auth.login("admin")
    response = _new_user(client, role="org")
    assert response.status_code == 200
    assert "社会组织账号必须选择所属社会组织" in text(response)
    org = _org("安康助医服务社")
    assert _new_user(client, role="org", organization_id=str(org.id)).status_code == 302
    assert _user("li.si").organization_id == org.id


def test_staff_user_cannot_be_given_an_organisation(auth, client):
    auth.login("admin")
    org = _org("安康助医服务社")
    response = _new_user(client, organization_id=str(org.id))
    assert "只有社会组织账号" in text(response)
    assert _user("li.si") is None


def test_create_user_validation_messages(auth, client):
    auth.login("admin")
    seeded_users = len(audit_actions("user.create"))
    assert "用户名 staff 已存在" in text(_new_user(client, username="staff"))
    assert "两次输入的密码不一致" in text(_new_user(client, confirm="other-pass"))
    assert "密码长度须为" in text(_new_user(client, password="short", confirm="short"))
    assert "用户名须为" in text(_new_user(client, username="李四"))
    assert "选项无效" in text(_new_user(client, role="root"))
    assert len(audit_actions("user.create")) == seeded_users


def test_deactivate_and_reactivate(auth, client):
    auth.login("admin")
    staff = _user("staff")
    response = client.post(f"/admin/users/{staff.id}/deactivate")
    assert response.status_code == 302
    assert _user("staff").active is False
    assert "已停用用户 staff" in text(client.get("/admin/users"))
    client.post(f"/admin/users/{staff.id}/reactivate")
    assert _user("staff").active is True
    assert audit_actions("user.")[-2:] == ["user.deactivate", "user.activate"]


def test_deactivation_ends_open_sessions(app, auth, seeded):
    staff_client = app.test_client()
    staff_client.post("/admin/login", data={"username": "staff", "password": "staff12345"})
    assert staff_client.get("/admin/").status_code == 200
    auth.login("admin")
    auth.client.post(f"/admin/users/{_user('staff').id}/deactivate")
    assert staff_client.get("/admin/").status_code == 302


def test_admin_cannot_deactivate_self_or_last_admin(auth, client):
    auth.login("admin")
    admin = _user("admin")
    client.post(f"/admin/users/{admin.id}/deactivate")
    assert _user("admin").active is True
    assert "不能停用自己的账号" in text(client.get("/admin/users"))


def test_reset_password_unlocks(auth, client):
    for _ in range(5):
        auth.login("staff", "wrong-password")
    assert _user("staff").locked_until is not None
    auth.login("admin")
    staff = _user("staff")
    page = text(client.get("/admin/users"))
    assert "锁定至" in page and "解锁" in page
    response = client.post(f"/admin/users/{staff.id}/password",
                           data={"password": "new-password", "confirm": "new-password"})
    assert response.status_code == 302
    assert _user("staff").locked_until is None
    entry = db.session.scalar(db.select(AuditEntry).filter_by(action="user.reset_password"))
    assert "new-password" not in str(entry.after)
    auth.logout()
    assert auth.login("staff", "new-password").status_code == 302


def test_unlock(auth, client):
    for _ in range(5):
        auth.login("staff", "wrong-password")
    auth.login("admin")
    client.post(f"/admin/users/{_user('staff').id}/unlock")
    assert _user("staff").locked_until is None
    assert "user.unlock" in audit_actions()


def test_unknown_user_is_404(auth, client):
    auth.login("admin")
    assert client.get("/admin/users/9999/password").status_code == 404
    assert client.post("/admin/users/9999/deactivate").status_code == 404
