"""Entering the State Council's 放假/调休 days for a year: operations and `flask calendar`.

Each change is audited and, like every write here, committed by the caller
(the admin request or the command).
"""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import click
from flask import Blueprint

from core import audit, calendar, unit
from core.calendar import KINDS, OfficialDay
from core.extensions import db

bp = Blueprint("calendar", __name__, cli_group="calendar")
KIND_WORDS = {"off": "off", "放假": "off", "休": "off", "work": "work", "调休": "work",
              "调休上班": "work", "上班": "work", "班": "work"}


class BadDay(ValueError):
    """A day that cannot be entered; the message is in Chinese."""


def parse(day: str, kind: str, note: str = "") -> tuple[date, str, str]:
    """Check one entry: an ISO date, a kind (放假/调休上班) and a short note."""
    try:
        parsed = date.fromisoformat(str(day).strip())
    except ValueError as exc:
        raise BadDay(f"日期“{day}”看不懂，请写成 2027-02-06 这样。") from exc
    code = KIND_WORDS.get(str(kind).strip())
    if code is None:
        raise BadDay(f"类型“{kind}”看不懂，请选“放假”或“调休上班”。")
    if code == "off" and parsed.weekday() >= 5 and not note.strip():
        note = "周末"
    return parsed, code, str(note).strip()[:120]


def set_day(day: date, kind: str, note: str, actor: str) -> OfficialDay:
    """Enter or change one day of a year's arrangement."""
    row = db.session.get(OfficialDay, day)
    before = {"kind": row.kind, "note": row.note} if row else None
    if row is None:
        row = OfficialDay(day=day, year=day.year)
        db.session.add(row)
    row.kind, row.note, row.entered_by = kind, note, actor
    row.entered_at = calendar.utcnow()
    audit.record(actor, "calendar.set", f"day:{day.isoformat()}", before=before,
                 after={"kind": kind, "note": note})
    calendar.forget()
    return row


def remove_day(day: date, actor: str) -> bool:
    """Take one entered day out; False if it was not entered."""
    row = db.session.get(OfficialDay, day)
    if row is None:
        return False
    audit.record(actor, "calendar.remove", f"day:{day.isoformat()}",
                 before={"kind": row.kind, "note": row.note})
    db.session.delete(row)
    calendar.forget()
    return True


def days_of(year: int) -> list[OfficialDay]:
    """A year's entered days in date order."""
    return list(db.session.scalars(db.select(OfficialDay).where(OfficialDay.year == year)
                                   .order_by(OfficialDay.day)))


def import_rows(rows: list[list[str]], actor: str) -> int:
    """Enter `date,kind[,note]` rows, all or nothing; returns how many."""
    entries = []
    for number, row in enumerate(rows, 1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if len(row) < 2:
            raise BadDay(f"第 {number} 行缺少类型：{','.join(row)}")
        try:
            entries.append(parse(row[0], row[1], row[2] if len(row) > 2 else ""))
        except BadDay as exc:
            raise BadDay(f"第 {number} 行：{exc}") from exc
    for day, kind, note in entries:
        set_day(day, kind, note, actor)
    return len(entries)


@bp.cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--actor", required=True, help="Who is entering the arrangement (audited).")
def import_command(path: Path, actor: str) -> None:
    """Enter a year's 放假/调休 days from a CSV file: date,kind(放假|调休上班),note."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    try:
        with unit.work():
            count = import_rows(rows, actor)
    except BadDay as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"已录入 {count} 天。")


@bp.cli.command("show")
@click.argument("year", type=int)
def show_command(year: int) -> None:
    """Print a year's entered days and which source decides the year."""
    entered = days_of(year)
    rest = calendar.SOURCES[calendar.year_source(year)]
    click.echo(f"{year} 年：录入 {len(entered)} 天，其余按{rest}")
    for row in entered:
        click.echo(f"{row.day.isoformat()}  {KINDS[row.kind]}  {row.note}")


def init_app(app) -> None:
    app.register_blueprint(bp)
