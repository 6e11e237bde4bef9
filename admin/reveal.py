"""Seeing one personal value in full: asked for on the page, and who looked is audited.

Pages show phones, ID numbers and addresses masked (admin.masking). A 显示 link
adds ?show=<field> (or <field>:<row id> on a list) to the same page; the view
asks `revealed()` which value that is, the look is written to the audit log in
the request's unit of work, and the page shows that one value in full.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from flask import request, url_for
from flask_login import current_user

from admin.blueprint import bp
from core import audit
from core.extensions import db

ARG = "show"


@dataclass(frozen=True)
class Shown:
    """The value a page shows in full: a field of the page's record, or of one row of a list."""

    field: str = ""
    row: int | None = None

    def __call__(self, field: str, row: int | None = None) -> bool:
        return bool(self.field) and self.field == field and self.row == row


NOTHING = Shown()


def revealed(kind: str, fields: Iterable[str], target: Callable[[int | None], str | None]) -> Shown:
    """What ?show= asks to see, audited as `<kind>.view_<field>` on `target(row)`; else nothing.

    `target` names the record for the audit row, or returns None when there is no
    such record (a stale or made-up link), which reveals nothing and records nothing.
    """
    field, _, row_text = request.args.get(ARG, "").partition(":")
    if field not in fields:
        return NOTHING
    row = int(row_text) if row_text.isdigit() else None
    if row_text and row is None:
        return NOTHING
    name = target(row)
    if name is None:
        return NOTHING
    audit.record(current_user.username, f"{kind}.view_{field}", name)
    return Shown(field, row)


def row_target(model, kind: str, row: int | None) -> str | None:
    """The audit target of one list row asked to be shown in full, if it exists."""
    return f"{kind}:{row}" if row is not None and db.session.get(model, row) else None


@bp.app_template_global()
def reveal_url(field: str, row: int | None = None) -> str:
    """This page, with its filters and page number, showing `field` (of `row`) in full."""
    values: dict[str, Any] = dict(request.view_args or {})
    values.update((key, value) for key, value in request.args.items() if key != ARG)
    values[ARG] = field if row is None else f"{field}:{row}"
    return url_for(request.endpoint or "", **values)
