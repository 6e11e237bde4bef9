"""Commits that hold only log rows need not wait for PostgreSQL's disk flush.

A transaction that wrote only models marked `relaxed_durability = True` (the
message log, where Redis is not there to buffer it) commits with
synchronous_commit off: a database crash may lose the last fraction of a
second of such log rows, never an application, order or rating (those force
a normal commit). A message that wrote nothing commits nothing.
"""
from __future__ import annotations

from sqlalchemy import event, text
from sqlalchemy.orm import Session

from core.extensions import db

FLAG = "mzt.durable"
RELAXED = "mzt.relaxed"


@event.listens_for(Session, "before_flush")
def _note_durable_writes(session, flush_context, instances) -> None:
    for obj in (*session.new, *session.dirty, *session.deleted):
        if not getattr(type(obj), "relaxed_durability", False):
            session.info[FLAG] = True
            return
        session.info[RELAXED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_statement_writes(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[FLAG] = True


@event.listens_for(Session, "after_transaction_end")
def _reset(session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(FLAG, None)
        session.info.pop(RELAXED, None)


def commit() -> None:
    """Commit the session; relaxed when it wrote only log rows (PostgreSQL)."""
    if not db.session.registry.has():
        return  # the unit never opened a session: nothing to flush, not even a session to make
    session = db.session()
    session.flush()
    if not session.in_transaction():
        return  # nothing was read or written: most answers need no database at all
    # A read-only transaction has no WAL to wait for; SET LOCAL would be a wasted round trip.
    if session.info.get(RELAXED) and not session.info.get(FLAG) \
            and db.engine.dialect.name == "postgresql":
        session.execute(text("SET LOCAL synchronous_commit TO OFF"))
    session.commit()
