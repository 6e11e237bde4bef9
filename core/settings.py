"""Figures staff edit, stored in the database with defaults in code."""
from __future__ import annotations

from sqlalchemy import JSON, ColumnElement, Integer, String, Text, bindparam, cast, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.orm.util import identity_key

from core.extensions import db


class Setting(db.Model):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)


# The value by key as a plain statement, built once (handlers read settings on the message path).
_VALUE = select(Setting.__table__.c.value).where(Setting.__table__.c.key == bindparam("key"))


def get_setting(key: str, default=None):
    """The stored value, or the default in code (this unit's own changes included)."""
    session = db.session()
    if session.new or session.dirty or session.deleted or identity_key(Setting, key) in session.identity_map:
        # The unit holds changes or this row: the ORM's view of them, flushed first.
        row = session.get(Setting, key)
        return default if row is None else row.value
    found = session.execute(_VALUE, {"key": key}).first()
    return default if found is None else found[0]


def set_setting(key: str, value) -> None:
    """Store a value in the caller's transaction."""
    row = db.session.get(Setting, key)
    if row is None:
        db.session.add(Setting(key=key, value=value))
    else:
        row.value = value


def increment(key: str) -> int:
    """Add one to a counting setting in the caller's transaction and return the new value.

    One UPDATE ... RETURNING: its row lock makes a concurrent increment wait and
    then add one to this one's value, so two edits at once never share a number
    (reading, adding one and writing back did).
    """
    plus_one: ColumnElement
    if db.engine.dialect.name == "postgresql":
        plus_one = func.to_json(cast(cast(Setting.value, Text), Integer) + 1)
    else:  # SQLite holds a JSON number as an integer
        plus_one = cast(Setting.value, Integer) + 1
    value = db.session.execute(
        db.update(Setting).where(Setting.key == key).values(value=plus_one)
        .returning(Setting.value).execution_options(synchronize_session="fetch")).scalar()
    if value is not None:
        return int(value)
    try:
        with db.session.begin_nested():  # the first increment ever writes the row
            db.session.add(Setting(key=key, value=1))
        return 1
    except IntegrityError:  # a concurrent first increment wrote it: add one to its value
        return increment(key)
