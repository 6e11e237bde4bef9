"""Reading 转人工 tickets for staff."""
from __future__ import annotations

from sqlalchemy import Select

from core.extensions import db
from handoff.models import Ticket


def ticket_queue(status: str) -> Select:
    """Tickets with a status, newest first (for paging)."""
    return db.select(Ticket).filter_by(status=status).order_by(Ticket.id.desc())
