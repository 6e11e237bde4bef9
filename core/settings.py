"""Figures staff edit, stored in the database with defaults in code."""
from __future__ import annotations

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from core.extensions import db


class Setting(db.Model):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)


def get_setting(key: str, default=None):
    """The stored value, or the default in code."""
    row = db.session.get(Setting, key)
    return default if row is None else row.value


def set_setting(key: str, value) -> None:
    """Store a value in the caller's transaction."""
    row = db.session.get(Setting, key)
    if row is None:
        db.session.add(Setting(key=key, value=value))
    else:
        row.value = value
