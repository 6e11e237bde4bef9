"""Reading 转人工 tickets for staff: the queues by where each stands, and their counts."""
from __future__ import annotations

from sqlalchemy import Select, and_, case, func, or_

from core.extensions import db
from handoff.models import Ticket


PHASES = ("waiting", "answered", "closed")
_OPEN = Ticket.status == "open"
# Staff answered after the resident's last message (or the resident has said nothing since).
_ANSWERED = and_(_OPEN, Ticket.staff_at.is_not(None),
                 or_(Ticket.resident_at.is_(None), Ticket.resident_at <= Ticket.staff_at))
_WAITING = and_(_OPEN, ~_ANSWERED)
WHERE = {"waiting": _WAITING, "answered": _ANSWERED, "closed": Ticket.status != "open"}


def ticket_queue(phase: str, assignee_id: int | None = None) -> Select:
    """Tickets in one phase (for paging): the longest waiting first, else the latest first."""
    query = db.select(Ticket).where(WHERE[phase])
    if assignee_id is not None:
        query = query.where(Ticket.assignee_id == assignee_id)
    if phase == "waiting":
        return query.order_by(Ticket.resident_at.is_(None), Ticket.resident_at, Ticket.id)
    if phase == "answered":
        return query.order_by(Ticket.staff_at.desc(), Ticket.id.desc())
    return query.order_by(Ticket.closed_at.is_(None), Ticket.closed_at.desc(), Ticket.id.desc())


def ticket_counts(assignee_id: int | None = None) -> dict[str, int]:
    """How many tickets each phase holds (everyone's, or one person's)."""
    query = db.select(*(func.sum(case((WHERE[p], 1), else_=0)) for p in PHASES))
    query = query.select_from(Ticket)
    if assignee_id is not None:
        query = query.where(Ticket.assignee_id == assignee_id)
    row = db.session.execute(query).one()
    return {phase: int(value or 0) for phase, value in zip(PHASES, row, strict=True)}
