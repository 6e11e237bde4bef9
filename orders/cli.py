"""`flask orders sweep` and `flask orders show`: the sweep by hand, and a timeline."""
from __future__ import annotations

from datetime import datetime, UTC

import click
from flask import Blueprint

from core import calendar, unit
from orders import queries, tasks, texts

bp = Blueprint("orders_cli", __name__, cli_group="orders")


def _parse_now(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        local = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter("时间格式应为 2026-11-30T10:00 或 2026-11-30 10:00") from exc
    if local.tzinfo is not None:
        return local.astimezone(UTC).replace(tzinfo=None)
    return calendar.from_china(local)  # a bare time is Beijing time, as staff read clocks


@bp.cli.command("sweep")
@click.option("--now", "now_text", default=None,
              help="把时钟拨到这个北京时间再检查，例如 2026-11-30T10:00（用于演示和测试）")
def sweep_command(now_text: str | None) -> None:
    """Remind, escalate, take back unaccepted orders and close unrated ones."""
    now = _parse_now(now_text)
    with unit.work():
        done = tasks.sweep(now)
    labels = {k: texts.EVENT_LABELS.get(k, k) for k in done}
    summary = "，".join(f"{labels[k]} {v} 单" for k, v in done.items()) or "没有需要处理的订单"
    click.echo(f"订单巡检完成：{summary}。")


@bp.cli.command("show")
@click.argument("number")
def show_command(number: str) -> None:
    """Print an order and its timeline."""
    order = queries.by_number(number)
    if order is None:
        raise click.ClickException(texts.NO_SUCH_ORDER)
    due = calendar.to_china(order.due_at).strftime("%Y-%m-%d %H:%M") if order.due_at else "-"
    click.echo(f"{order.number} {texts.STATE_LABELS[order.state]} {order.category} 时限 {due}")
    for event in order.events:
        at = calendar.to_china(event.at).strftime("%m-%d %H:%M")
        click.echo(f"  {at} {texts.EVENT_LABELS.get(event.event, event.event)}"
                   f" [{texts.ROLE_LABELS.get(event.role, event.role)} {event.actor}]"
                   f" {event.reason}")
