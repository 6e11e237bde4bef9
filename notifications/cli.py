"""`flask notifications retry`: resend failed notifications (also run periodically)."""
import click
from flask import Blueprint

from core import unit
from notifications.tasks import retry_failed

bp = Blueprint("notifications", __name__, cli_group="notifications")


@bp.cli.command("retry")
def retry_command() -> None:
    """Resend failed notifications and ones whose send job never ran."""
    with unit.work():
        counts = retry_failed()
    click.echo(f"重发完成：成功 {counts['sent']} 条，失败 {counts['failed']} 条。")
