"""Reading notifications: the simulator's outbox and the staff overview."""
from __future__ import annotations

from core.audit import utcnow
from core.extensions import db
from notifications.models import Notification


def take_outbox(resident: str) -> list[dict]:
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
