"""notify(): record a message for a resident and queue its delivery."""
from __future__ import annotations

from flask import current_app

from core import jobs
from core.extensions import db
from notifications.models import Notification


def notify(resident: str, text: str, source: str = "") -> Notification:
    """Add the message in the caller's transaction and queue the send job.

    The row is written first so a send that fails, or a job that never runs,
    leaves something to retry: `flask notifications retry` picks it up.
    """
    row = Notification(resident=resident, text=text[:2000], source=source[:64],
                       via=current_app.config.get("NOTIFY_VIA", "outbox"))
    db.session.add(row)
    db.session.flush()
    jobs.enqueue("notifications.tasks.send", row.id)
    return row
