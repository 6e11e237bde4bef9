"""Reading notifications: the simulator's outbox, the staff overview, a case's notices."""
from __future__ import annotations

from core.audit import utcnow
from core.extensions import db
from core.residents import Resident
from notifications.models import Notification


def take_outbox(resident: Resident) -> list[dict]:
    """Outbox messages not yet shown to the resident, marked as shown (caller commits)."""
    rows = db.session.scalars(
        db.select(Notification)
        .where(Notification.resident == resident, Notification.via == "outbox",
               Notification.status == "sent", Notification.delivered_at.is_(None))
        .order_by(Notification.id)).all()
    now = utcnow()
    for row in rows:
        row.delivered_at = now
    return [{"id": r.id, "text": r.text, "at": r.created_at.isoformat(timespec="seconds")}
            for r in rows]


def failed(limit: int = 100) -> list[Notification]:
    """Notifications that could not be sent, for the admin."""
    return db.session.scalars(db.select(Notification).where(Notification.status == "failed")
                              .order_by(Notification.id.desc()).limit(limit)).all()


def for_source(source: str) -> list[Notification]:
    """Every notice about one case (order:DD…, application:12), oldest first, for its page."""
    return db.session.scalars(db.select(Notification).where(Notification.source == source)
                              .order_by(Notification.id)).all()


def undelivered_for(source: str) -> list[Notification]:
    """The case's notices that did not reach anyone, with the reason staff should act on."""
    return [row for row in for_source(source) if row.status in ("undeliverable", "failed")]
