"""Opening, answering and closing tickets; audit rows, no commits."""
from __future__ import annotations

from core import audit, pii
from core.audit import utcnow
from core.extensions import db
from handoff import texts
from handoff.models import Ticket, TicketMessage
from notifications.operations import notify


class TicketError(ValueError):
    """A request staff cannot make; str() is the Chinese explanation."""


def open_ticket(resident: str, text: str, kind: str = "help") -> Ticket:
    """The resident's open ticket, or a new one with their message on it."""
    ticket = open_ticket_for(resident)
    if ticket is None:
        ticket = Ticket(resident=resident, kind=kind, subject=pii.mask_text(text)[:200])
        db.session.add(ticket)
        db.session.flush()
        audit.record(f"resident:{resident}", "ticket.open", f"ticket:{ticket.id}",
                     after={"kind": kind})
    add_resident_message(ticket, text)
    return ticket


def add_resident_message(ticket: Ticket, text: str) -> TicketMessage:
    """Append what the resident said while a person is handling the ticket."""
    message = TicketMessage(ticket=ticket, author="resident", text=pii.mask_text(text)[:2000])
    db.session.add(message)
    db.session.flush()
    return message


def staff_reply(ticket: Ticket, staff_name: str, text: str, actor: str) -> TicketMessage:
    """Staff answer on a ticket; the answer reaches the resident through notify()."""
    text = (text or "").strip()
    if not text:
        raise TicketError(texts.EMPTY_REPLY)
    if ticket.status != "open":
        raise TicketError(texts.REPLY_CLOSED)
    message = TicketMessage(ticket=ticket, author="staff", staff_name=staff_name, text=text[:2000])
    db.session.add(message)
    ticket.assignee = ticket.assignee or staff_name
    db.session.flush()
    audit.record(actor, "ticket.reply", f"ticket:{ticket.id}")
    notify(ticket.resident, texts.STAFF_REPLY.format(name=staff_name, text=text),
           source=f"ticket:{ticket.id}", kind="ticket_answered",
           fields={"number": ticket.reference, "reason": text[:100], "status": "已回复"})
    return message


def close_ticket(ticket: Ticket, actor: str, tell_resident: bool = True) -> Ticket:
    """End the handoff; the bot answers the resident again."""
    if ticket.status != "open":
        raise TicketError(texts.ALREADY_CLOSED)
    ticket.status, ticket.closed_at = "closed", utcnow()
    audit.record(actor, "ticket.close", f"ticket:{ticket.id}")
    if tell_resident:
        notify(ticket.resident, texts.CLOSED.format(reference=ticket.reference),
               source=f"ticket:{ticket.id}")
    return ticket


def open_ticket_for(resident: str) -> Ticket | None:
    """The resident's ticket still being handled, if any."""
    return db.session.scalar(db.select(Ticket).filter_by(resident=resident, status="open")
                             .order_by(Ticket.id.desc()))
