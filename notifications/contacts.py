"""Who can still be reached how: last interaction (48-hour window) and unsubscribes.

The database holds the truth. The engine calls `seen()` on every message and
event but writes at most once per TOUCH_EVERY per person (the conversation
state remembers the last write), so the stored time may lag by that much;
the window check allows for it, erring towards the template message.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from core.audit import utcnow
from core.extensions import db
from notifications.models import Contact

WINDOW = timedelta(hours=48)
TOUCH_EVERY = timedelta(minutes=5)
# Stored times lag by up to TOUCH_EVERY, and a send takes a moment: stay clear of the edge.
MARGIN = TOUCH_EVERY + timedelta(minutes=5)


def _row(openid: str) -> Contact:
    row = db.session.get(Contact, openid)
    if row is not None:
        return row
    try:
        with db.session.begin_nested():
            row = Contact(openid=openid)
            db.session.add(row)
            db.session.flush()
    except IntegrityError:  # another process added it first
        row = db.session.get(Contact, openid)
    return row


def seen(openid: str, now: datetime | None = None, resubscribed: bool = False) -> None:
    """The person wrote, clicked, subscribed or scanned: the window opens again."""
    row = _row(openid)
    row.last_seen_at = now or utcnow()
    if resubscribed or row.unsubscribed_at is not None:
        # Any interaction at all means they follow the account again.
        row.unsubscribed_at = None


def unsubscribed(openid: str, now: datetime | None = None) -> None:
    """They unfollowed (the event, or WeChat said 43004): stop sending."""
    _row(openid).unsubscribed_at = now or utcnow()


def is_unsubscribed(openid: str) -> bool:
    row = db.session.get(Contact, openid)
    return row is not None and row.unsubscribed_at is not None


def in_window(openid: str, now: datetime | None = None) -> bool:
    """May a customer-service message reach them now (48 h since they last interacted)?"""
    row = db.session.get(Contact, openid)
    if row is None or row.last_seen_at is None:
        return False
    return (now or utcnow()) - row.last_seen_at < WINDOW - MARGIN


def due_touch(last_written: float | None, now: datetime) -> bool:
    """Whether the engine should write the interaction time now (throttled per person)."""
    return last_written is None or now.timestamp() - last_written >= TOUCH_EVERY.total_seconds()
