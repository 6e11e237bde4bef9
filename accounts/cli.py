"""`flask users create`: add an admin, staff or organisation account."""
import click
from flask import Blueprint

from core.extensions import db
from accounts.models import ROLES, Organization
from accounts.operations import AccountError, create_user

bp = Blueprint("users", __name__, cli_group="users")


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
    try:
        create_user(username, password, role, display_name=display_name, organization=org,
                    actor="cli")
    except AccountError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"已创建用户 {username}（{role}）")
