"""Who can still be reached how: last interaction (48-hour window) and unsubscribes.

The database holds the truth. The engine records an interaction on every
message and event but at most once per TOUCH_EVERY per person (the
conversation state remembers the last write), so the stored time may lag by
that much; the window check allows for it, erring towards the template
message. With Redis the interaction travels with the message-log rows
(conversations.logbuffer) and `write_seen` stores it, a second or so later;
without Redis `seen()` writes it in the message's transaction.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import case, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from core.audit import utcnow
from core.extensions import db
from core.residents import WECHAT, Resident
from notifications.models import Contact

WINDOW = timedelta(hours=48)
TOUCH_EVERY = timedelta(minutes=5)
# Stored times lag by up to TOUCH_EVERY, and a send takes a moment: stay clear of the edge.
MARGIN = TOUCH_EVERY + timedelta(minutes=5)


def _get(resident: Resident) -> Contact | None:
    return db.session.get(Contact, (resident.channel, resident.id))


def _row(resident: Resident) -> Contact:
    row = _get(resident)
    if row is not None:
        return row
    try:
        with db.session.begin_nested():
            row = Contact(resident=resident)
            db.session.add(row)
            db.session.flush()
    except IntegrityError:  # another process added it first
        row = _get(resident)
    return row


def seen(resident: Resident, now: datetime | None = None, resubscribed: bool = False) -> None:
    """The person wrote, clicked, subscribed or scanned: the window opens again."""
    row = _row(resident)
    row.last_seen_at = now or utcnow()
    if resubscribed or row.unsubscribed_at is not None:
        # Any interaction at all means they follow the account again.
        row.unsubscribed_at = None


def write_seen(rows: list[dict]) -> None:
    """Store buffered interactions ({"channel", "openid", "at"}), in any order and more than once.

    Each row does what `seen()` does when it happened: the latest time wins,
    and an unsubscribe is cleared only by an interaction after it, so a row
    written late never undoes an unsubscribe that came after it. A row an
    older version buffered has no channel: it was WeChat's.
    """
    latest: dict[tuple[str, str], datetime] = {}
    for row in rows:
        who, at = (row.get("channel") or WECHAT, row["openid"]), row["at"]
        if who not in latest or latest[who] < at:
            latest[who] = at
    if not latest:
        return
    table = Contact.__table__
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table)
    new = statement.excluded.last_seen_at
    statement = statement.on_conflict_do_update(index_elements=[table.c.channel, table.c.openid], set_={
        "last_seen_at": case((or_(table.c.last_seen_at.is_(None), table.c.last_seen_at < new), new),
                             else_=table.c.last_seen_at),
        "unsubscribed_at": case((table.c.unsubscribed_at <= new, None),
                                else_=table.c.unsubscribed_at)})
    db.session.execute(statement, [{"channel": channel, "openid": openid, "last_seen_at": at,
                                    "unsubscribed_at": None}
                                   for (channel, openid), at in sorted(latest.items())])


def unsubscribed(resident: Resident, now: datetime | None = None) -> None:
    """They unfollowed (the event, or WeChat said 43004): stop sending."""
    _row(resident).unsubscribed_at = now or utcnow()


def is_unsubscribed(resident: Resident) -> bool:
    row = _get(resident)
    return row is not None and row.unsubscribed_at is not None


def in_window(resident: Resident, now: datetime | None = None) -> bool:
    """May a customer-service message reach them now (48 h since they last interacted)?"""
    row = _get(resident)
    if row is None or row.last_seen_at is None:
        return False
    return (now or utcnow()) - row.last_seen_at < WINDOW - MARGIN


def due_touch(last_written: float | None, now: datetime) -> bool:
    """Whether the engine should write the interaction time now (throttled per person)."""
    return last_written is None or now.timestamp() - last_written >= TOUCH_EVERY.total_seconds()
