"""Reading 转人工 tickets for staff."""
from __future__ import annotations

from sqlalchemy import Select

from core.extensions import db
from handoff.models import STATUS_LABELS, Ticket


def status_counts() -> dict[str, int]:
    """How many tickets are open and closed."""
    counts = dict.fromkeys(STATUS_LABELS, 0)
    counts.update(db.session.execute(db.select(Ticket.status, db.func.count())
                                     .group_by(Ticket.status)).all())
    return counts


def ticket_queue(status: str) -> Select:
    """Tickets with a status, newest first (for paging)."""
    return db.select(Ticket).filter_by(status=status).order_by(Ticket.id.desc())
