"""Jobs: deliver one notification; sweep failed and stuck ones."""
from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app

from core import sent
from core.audit import utcnow
from core.redact import scrub
from core.extensions import db
from notifications import texts
from notifications.delivery import Undeliverable, deliver
from notifications.models import Notification

log = logging.getLogger(__name__)
STUCK_AFTER = timedelta(minutes=2)


def send(notification_id: int) -> str:
    """Deliver one notification; a failure is recorded on the row, never raised away."""
    row = db.session.get(Notification, notification_id)
    if row is None:  # queued after its commit (core.jobs): the row was deleted since
        log.warning("notification %s no longer exists: nothing to send", notification_id)
        return "gone"
    if row.status in ("sent", "undeliverable"):
        return row.status
    row.attempts += 1
    try:
        # Marked as delivered outside this job's transaction: a sweep or job
        # killed before its commit runs again without repeating the message.
        sent.once(f"notification:{row.id}", lambda: deliver(row))
    except Undeliverable as exc:  # retrying cannot help: staff see why on the case
        row.status, row.reason = "undeliverable", str(exc)
        log.warning("notification %s (%s) undeliverable", row.id, row.kind)
        return "undeliverable"
    except Exception as exc:  # any transport failure: keep the row for the retry sweep
        row.status, row.last_error = "failed", scrub(f"{type(exc).__name__}: {exc}")[:500]
        _give_up_if_exhausted(row)
        log.warning("notification %s (%s) failed (attempt %s): %s", row.id, row.kind,
                    row.attempts, type(exc).__name__)
        return row.status
    row.status, row.sent_at, row.last_error = "sent", utcnow(), ""
    return "sent"


def _give_up_if_exhausted(row: Notification) -> None:
    if row.attempts >= current_app.config.get("NOTIFY_MAX_ATTEMPTS", 8):
        row.status = "undeliverable"
        row.reason = texts.RETRIES_EXHAUSTED.format(attempts=row.attempts,
                                                     error=row.last_error[:200])


def retry_failed(limit: int = 200) -> dict:
    """Periodic sweep: resend failed rows and pending rows whose job never ran."""
    max_attempts = current_app.config.get("NOTIFY_MAX_ATTEMPTS", 8)
    stuck = utcnow() - STUCK_AFTER
    rows = db.session.scalars(
        db.select(Notification)
        .where(Notification.attempts < max_attempts,
               (Notification.status == "failed") |
               ((Notification.status == "pending") & (Notification.created_at < stuck)))
        .order_by(Notification.id).limit(limit)).all()
    counts = {"sent": 0, "failed": 0}
    for row in rows:
        counts["sent" if send(row.id) == "sent" else "failed"] += 1
    return counts
