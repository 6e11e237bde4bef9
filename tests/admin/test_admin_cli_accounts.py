"""`flask seed` in production, and `flask users set-password|deactivate|list`."""
from __future__ import annotations

from accounts.models import Organization, User
from core.extensions import db
from knowledge.models import Guide

from admin_helpers import audit_actions


def _user(username: str) -> User | None:
    return db.session.scalar(db.select(User).filter_by(username=username))


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_seed_in_production_loads_knowledge_but_no_demo_account(app, runner):
    app.config["APP_ENV"] = "production"
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    assert "生产环境不创建演示账号" in result.output
    assert _count(Guide) == 30
    assert _count(User) == 0 and _count(Organization) == 0


def test_seed_in_the_embedded_setup_still_creates_demo_accounts(app, runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    assert _user("admin") is not None and _count(Guide) == 30


def test_set_password_replaces_the_demo_password(seeded, runner, auth):
    result = runner.invoke(args=["users", "set-password", "staff", "--password", "new-pass-8"])
    assert result.exit_code == 0, result.output
    assert "已为用户 staff 设置新密码" in result.output
    assert audit_actions("user.reset_password")
    assert "Location" not in auth.login("staff").headers  # the old password no longer works
    assert auth.login("staff", "new-pass-8").headers["Location"] == "/admin/"


def test_set_password_lifts_a_lockout_and_refuses_bad_input(seeded, runner):
    from datetime import timedelta

    from core.audit import utcnow

    _user("org1").locked_until = utcnow() + timedelta(minutes=10)
    db.session.commit()
    result = runner.invoke(args=["users", "set-password", "org1", "--password", "new-pass-8"])
    assert result.exit_code == 0 and _user("org1").locked_until is None
    result = runner.invoke(args=["users", "set-password", "org1", "--password", "short"])
    assert result.exit_code != 0 and "密码至少 8 位" in result.output
    result = runner.invoke(args=["users", "set-password", "nobody", "--password", "new-pass-8"])
    assert result.exit_code != 0 and "没有用户名为 nobody 的用户" in result.output


def test_deactivate_stops_sign_in(seeded, runner, auth):
    result = runner.invoke(args=["users", "deactivate", "org2"])
    assert result.exit_code == 0, result.output
    assert "已停用用户 org2" in result.output
    assert _user("org2").active is False
    assert audit_actions("user.deactivate")
    assert "Location" not in auth.login("org2").headers


def test_deactivate_keeps_the_last_admin(seeded, runner):
    result = runner.invoke(args=["users", "deactivate", "admin"])
    assert result.exit_code != 0 and "至少要保留一个启用的管理员账号" in result.output
    assert _user("admin").active is True
    result = runner.invoke(args=["users", "deactivate", "nobody"])
    assert result.exit_code != 0 and "没有用户名为 nobody" in result.output


def test_list_shows_status_and_demo_passwords(seeded, runner):
    runner.invoke(args=["users", "set-password", "staff", "--password", "new-pass-8"])
    runner.invoke(args=["users", "deactivate", "org3"])
    result = runner.invoke(args=["users", "list"])
    assert result.exit_code == 0, result.output
    rows = {line.split("\t")[0]: line.split("\t") for line in result.output.splitlines()}
    assert set(rows) == {"admin", "staff", "org1", "org2", "org3", "org4"}
    assert rows["admin"][1] == "管理员" and "仍是演示密码" in rows["admin"][4]
    assert rows["staff"][4] == "启用"
    assert rows["org3"][3] == "邻里帮家政维修队" and rows["org3"][4].startswith("停用")
    assert "password" not in result.output.lower() and "scrypt" not in result.output
