"""`flask missed purge-form-noise`: remove form answers once logged as missed questions."""
from __future__ import annotations

import click
from flask import Blueprint

from conversations.operations import delete_missed
from conversations.queries import missed_in_open_flows
from core import unit
from intents.normalize import looks_like_question

bp = Blueprint("missed_cli", __name__, cli_group="missed")
SHOWN = 20


@bp.cli.command("purge-form-noise")
@click.option("--apply", "apply_", is_flag=True, help="真正删除（默认只列出）")
def purge_form_noise(apply_: bool) -> None:
    """List (or with --apply delete) missed rows typed while a form was open."""
    # A question asked mid-form stays: the form may have failed a real question.
    noise = [m for m in missed_in_open_flows() if not looks_like_question(m.text)]
    for row in noise[:SHOWN]:
        click.echo(f"  #{row.id} {row.text[:30]}")
    if len(noise) > SHOWN:
        click.echo(f"  …… 另有 {len(noise) - SHOWN} 条")
    if not apply_:
        click.echo(f"共 {len(noise)} 条是填表时的回答；加 --apply 删除。")
        return
    with unit.work():
        count = delete_missed(noise, "cli")
    click.echo(f"已删除 {count} 条填表时误记的未答问题。")
