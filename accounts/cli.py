"""`flask users create|set-password|deactivate|list`: manage admin accounts from the shell."""
from __future__ import annotations

from dataclasses import dataclass

import click
from flask import Blueprint

from core import unit
from core.extensions import db
from accounts.models import ROLE_LABELS, ROLES, Organization, User
from accounts.operations import AccountError, create_user, reset_password, set_user_active
from accounts.seed import DEMO_USERS

bp = Blueprint("users", __name__, cli_group="users")
ACTOR = "cli"


@dataclass(frozen=True)
class _Operator:
    """The shell operator as an actor: no user id, so "not yourself" never applies."""

    id: None = None
    username: str = ACTOR


def _user(username: str) -> User:
    user = db.session.scalar(db.select(User).filter_by(username=username))
    if user is None:
        raise click.ClickException(f"没有用户名为 {username} 的用户")
    return user


def _commit_or_fail(change) -> None:
    try:
        with unit.work():
            change()
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc


@bp.cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--org", "org_name", default=None, help="社会组织名称（role=org 时必填）")
@click.option("--name", "display_name", default="")
@click.password_option()
def create_command(username, role, org_name, display_name, password):
    """Create a user who can sign in to the admin."""
    org = None
    if org_name:
        org = db.session.scalar(db.select(Organization).filter_by(name=org_name))
        if org is None:
            raise click.ClickException(f"没有名为 {org_name} 的社会组织")
    _commit_or_fail(lambda: create_user(username, password, role, display_name=display_name,
                                        organization=org, actor=ACTOR))
    click.echo(f"已创建用户 {username}（{role}）")


@bp.cli.command("set-password")
@click.argument("username")
@click.password_option()
def set_password_command(username, password):
    """Give a user a new password (and lift a sign-in lockout)."""
    user = _user(username)
    _commit_or_fail(lambda: reset_password(user, password, actor=ACTOR))
    click.echo(f"已为用户 {username} 设置新密码")


@bp.cli.command("deactivate")
@click.argument("username")
def deactivate_command(username):
    """Stop a user signing in; their open sessions end at their next request."""
    user = _user(username)
    _commit_or_fail(lambda: set_user_active(user, False, actor=_Operator()))
    click.echo(f"已停用用户 {username}")


@bp.cli.command("list")
def list_command():
    """Every user: role, organisation, status, and whether a demo password is still set."""
    demo = {username: password for username, password, *_ in DEMO_USERS}
    users = db.session.scalars(db.select(User).order_by(User.role, User.username))
    for user in users:
        status = "启用" if user.active else "停用"
        if user.locked_until is not None:
            status += "，已锁定"
        if user.username in demo and user.check_password(demo[user.username]):
            status += "，仍是演示密码"
        org = user.organization.name if user.organization else "-"
        click.echo(f"{user.username}\t{ROLE_LABELS.get(user.role, user.role)}\t"
                   f"{user.display_name}\t{org}\t{status}")
