import pytest
from flask_login import login_user

from accounts.models import User
from admin.auth import current_org_id
from core.extensions import db

from admin_helpers import text

STAFF_PAGES = ["/admin/"]
ADMIN_PAGES = ["/admin/audit", "/admin/users", "/admin/users/new", "/admin/organizations",
               "/admin/organizations/new"]


@pytest.mark.parametrize("path", STAFF_PAGES + ADMIN_PAGES + ["/admin/org/"])
def test_anonymous_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login?next=")
    assert "请先登录" in text(client.get(response.headers["Location"]))


@pytest.mark.parametrize("path", STAFF_PAGES + ADMIN_PAGES)
def test_org_user_gets_403_on_staff_pages(auth, client, path):
    auth.login("org1")
    response = client.get(path)
    assert response.status_code == 403
    assert "无权访问" in text(response)


@pytest.mark.parametrize("username", ["staff", "admin"])
def test_staff_get_403_on_org_portal(auth, client, username):
    auth.login(username)
    response = client.get("/admin/org/")
    assert response.status_code == 403
    assert "无权访问" in text(response)


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_staff_get_403_on_admin_pages(auth, client, path):
    auth.login("staff")
    assert client.get(path).status_code == 403


def test_admin_reaches_admin_pages(auth, client):
    auth.login("admin")
    for path in STAFF_PAGES + ADMIN_PAGES:
        assert client.get(path).status_code == 200, path


def test_org_user_lands_on_own_portal(auth, client):
    response = auth.login("org1")
    assert response.headers["Location"] == "/admin/org/"
    page = text(client.get("/admin/org/"))
    assert "社会组织工作台" in page and "阳光为老服务中心" in page and "暂无订单" in page
    assert "安康助医服务社" not in page
    assert "我的订单" in page and "审计日志" not in page and "工作台</a>" not in page


def test_navigation_differs_by_role(auth, client):
    auth.login("staff")
    page = text(client.get("/admin/"))
    assert "工作台" in page and "用户与组织" not in page and "审计日志" not in page
    auth.logout()
    auth.login("admin")
    page = text(client.get("/admin/"))
    assert "用户与组织" in page and "审计日志" in page and "系统管理员" in page
    # Pages that are built are linked (casework pages exist now).
    assert "预申请审核" in page


def test_current_org_id_is_the_users_own(app, seeded):
    for username, allowed in (("org2", True), ("staff", False)):
        user = db.session.scalar(db.select(User).filter_by(username=username))
        with app.test_request_context():
            login_user(user)
            if allowed:
                assert current_org_id() == user.organization_id
            else:
                with pytest.raises(Exception) as info:
                    current_org_id()
                assert getattr(info.value, "code", None) == 403


def test_org_user_without_organisation_is_refused(auth, client):
    user = db.session.scalar(db.select(User).filter_by(username="org1"))
    user.organization_id = None
    db.session.commit()
    auth.login("org1")
    assert client.get("/admin/org/").status_code == 403


def test_unknown_admin_url_is_chinese_404(client):
    response = client.get("/admin/no-such-page")
    assert response.status_code == 404
    assert "页面不存在" in text(response)


def test_security_headers(client):
    response = client.get("/admin/login")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.own_app  # adds a view
def test_server_error_page_is_chinese_and_rolls_back(app, auth, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def boom():
        raise RuntimeError("boom")

    # A view added to the app under the admin blueprint's URL space and endpoint name.
    app.add_url_rule("/admin/boom-test", "admin.boom", boom)
    auth.login("staff")
    response = client.get("/admin/boom-test")
    assert response.status_code == 500
    assert "系统出错了" in text(response)
