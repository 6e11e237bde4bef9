"""Opening, answering and closing tickets; audit rows, no commits."""
from __future__ import annotations

from functools import cache

from sqlalchemy import Select

from core import audit, pii
from core.audit import utcnow
from core.extensions import db
from core.residents import Resident, bound_resident, resident_params
from handoff import texts
from handoff.models import Ticket, TicketMessage
from notifications.operations import notify
from notifications.staff import notify_users


class TicketError(ValueError):
    """A request staff cannot make; str() is the Chinese explanation."""


def open_ticket(resident: Resident, text: str, kind: str = "help", problem: str = "") -> Ticket:
    """The resident's open ticket, or a new one with their message on it.

    `problem` is what the resident needs in their own words when the message
    itself only asks for a person (the caller reads it from the conversation).
    """
    ticket = open_ticket_for(resident)
    if ticket is None:
        ticket = Ticket(resident=resident, kind=kind, subject=_subject(problem or text))
        db.session.add(ticket)
        db.session.flush()
        audit.record(resident.audit_name, "ticket.open", f"ticket:{ticket.id}",
                     after={"kind": kind})
    elif problem:
        ticket.subject = _subject(problem)
    add_resident_message(ticket, text, states_problem=False)
    return ticket


def add_resident_message(ticket: Ticket, text: str, states_problem: bool = True) -> TicketMessage:
    """Append what the resident said while a person is handling the ticket.

    A message that says what the matter is (not "在吗", "快点") becomes the
    problem staff see in the list.
    """
    message = TicketMessage(ticket=ticket, author="resident", text=pii.mask_text(text)[:2000])
    db.session.add(message)
    db.session.flush()
    ticket.resident_at = message.at
    if states_problem:
        ticket.subject = _subject(text)
    return message


def _subject(text: str) -> str:
    return pii.mask_text(" ".join((text or "").split()))[:200]


def claim_ticket(ticket: Ticket, user, actor: str, expected: int | None) -> Ticket:
    """Staff take an unassigned ticket; refused if someone took it since the page was drawn."""
    if ticket.status != "open":
        raise TicketError(texts.ALREADY_CLOSED)
    if ticket.assignee_id != expected or ticket.assignee_id not in (None, user.id):
        raise TicketError(texts.TAKEN.format(name=ticket.assignee or "其他同事"))
    return _assign(ticket, user, actor, "ticket.claim")


def assign_ticket(ticket: Ticket, user, actor: str) -> Ticket:
    """Hand the ticket to a colleague (staff or admin), who is told in the admin and on WeChat."""
    if ticket.status != "open":
        raise TicketError(texts.ALREADY_CLOSED)
    if user is None or not user.active or user.role not in ("admin", "staff"):
        raise TicketError(texts.BAD_ASSIGNEE)
    if user.id == ticket.assignee_id:
        return ticket
    _assign(ticket, user, actor, "ticket.assign")
    if user.username != actor:
        notify_users([user.id], "staff_alert",
                     texts.ASSIGNED.format(reference=ticket.reference, subject=ticket.subject[:60]),
                     target=f"ticket:{ticket.id}")
    return ticket


def _assign(ticket: Ticket, user, actor: str, action: str) -> Ticket:
    before = {"assignee": ticket.assignee, "assignee_id": ticket.assignee_id}
    ticket.assignee_id, ticket.assignee = user.id, (user.display_name or user.username)[:80]
    audit.record(actor, action, f"ticket:{ticket.id}", before=before,
                 after={"assignee": ticket.assignee, "assignee_id": ticket.assignee_id})
    db.session.flush()
    return ticket


def staff_reply(ticket: Ticket, staff_name: str, text: str, actor: str,
                user_id: int | None = None) -> TicketMessage:
    """Staff answer on a ticket; the answer reaches the resident through notify().

    Whoever answers an unassigned ticket takes it on.
    """
    text = (text or "").strip()
    if not text:
        raise TicketError(texts.EMPTY_REPLY)
    if ticket.status != "open":
        raise TicketError(texts.REPLY_CLOSED)
    message = TicketMessage(ticket=ticket, author="staff", staff_name=staff_name, text=text[:2000])
    db.session.add(message)
    if ticket.assignee_id is None and not ticket.assignee:
        ticket.assignee, ticket.assignee_id = staff_name[:80], user_id
    db.session.flush()
    ticket.staff_at = message.at
    audit.record(actor, "ticket.reply", f"ticket:{ticket.id}")
    notify(ticket.resident, texts.STAFF_REPLY.format(name=staff_name, text=text),
           source=f"ticket:{ticket.id}", kind="ticket_answered",
           fields={"number": ticket.reference, "reason": text[:100], "status": "已回复"})
    return message


def close_ticket(ticket: Ticket, actor: str, tell_resident: bool = True, note: str = "") -> Ticket:
    """End the handoff; the bot answers the resident again.

    The note is staff's record of how it ended (for colleagues and the audit log). The
    resident is told only that the handoff ended: what they should read is sent as a reply.
    """
    if ticket.status != "open":
        raise TicketError(texts.ALREADY_CLOSED)
    ticket.status, ticket.closed_at, ticket.close_note = "closed", utcnow(), note.strip()
    audit.record(actor, "ticket.close", f"ticket:{ticket.id}",
                 after={"note": ticket.close_note} if ticket.close_note else None)
    if tell_resident:
        notify(ticket.resident, texts.CLOSED.format(reference=ticket.reference),
               source=f"ticket:{ticket.id}")
    return ticket


def open_ticket_for(resident: Resident) -> Ticket | None:
    """The resident's ticket still being handled, if any."""
    return db.session.scalar(_open_ticket_of(), resident_params(resident))


@cache
def _open_ticket_of() -> Select:
    """Built once (then only its parameters change): compiled and keyed once."""
    return (db.select(Ticket).where(bound_resident(Ticket), Ticket.status == "open")
            .order_by(Ticket.id.desc()))
