from accounts.models import User
from core.extensions import db

from admin_helpers import audit_actions


def _user(username: str) -> User | None:
    return db.session.scalar(db.select(User).filter_by(username=username))


def test_users_create_staff(seeded, runner, client):
    result = runner.invoke(args=["users", "create", "wang.wu", "--role", "staff",
                                 "--name", "民政局 王五", "--password", "cli-password"])
    assert result.exit_code == 0, result.output
    assert "已创建用户 wang.wu" in result.output
    assert _user("wang.wu").display_name == "民政局 王五"
    assert audit_actions("user.create")[-1] == "user.create"
    response = client.post("/admin/login", data={"username": "wang.wu",
                                                 "password": "cli-password"})
    assert response.headers["Location"] == "/admin/"


def test_users_create_org_user(seeded, runner):
    result = runner.invoke(args=["users", "create", "org9", "--role", "org",
                                 "--org", "春苗儿童关爱站", "--password", "cli-password"])
    assert result.exit_code == 0, result.output
    assert _user("org9").organization.name == "春苗儿童关爱站"


def test_users_create_refuses_bad_input(seeded, runner):
    result = runner.invoke(args=["users", "create", "staff", "--role", "staff",
                                 "--password", "cli-password"])
    assert result.exit_code != 0 and "已存在" in result.output
    result = runner.invoke(args=["users", "create", "org9", "--role", "org",
                                 "--org", "不存在的组织", "--password", "cli-password"])
    assert result.exit_code != 0 and "没有名为" in result.output
    result = runner.invoke(args=["users", "create", "zhao", "--role", "staff",
                                 "--password", "short"])
    assert result.exit_code != 0 and "密码至少 8 位" in result.output
