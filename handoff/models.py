"""Tickets and the messages exchanged on them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, composite, mapped_column, relationship

from core.audit import utcnow
from core.extensions import db
from core.residents import Resident

STATUS_LABELS = {"open": "处理中", "closed": "已结束"}
# Where an open ticket stands: the resident waits for staff, or staff answered last.
PHASE_LABELS = {"waiting": "待回复", "answered": "已回复", "closed": "已结束"}
KIND_LABELS = {"help": "转人工", "complaint": "投诉"}


class Ticket(db.Model):
    """A resident's request for a person; open until staff close it."""

    __tablename__ = "tickets"
    __table_args__ = (Index("ix_tickets_resident_channel", "resident", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), default="wechat", server_default="wechat")
    resident_id: Mapped[str] = mapped_column("resident", String(64))
    resident: Mapped[Resident] = composite("channel", "resident_id")
    kind: Mapped[str] = mapped_column(String(16), default="help")
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    # The resident's problem in their words: their last message that says more than
    # "a person, please" (masked); the opening message until one does.
    subject: Mapped[str] = mapped_column(String(200), default="")
    assignee: Mapped[str] = mapped_column(String(80), default="")  # the assignee's name, shown
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None,
                                                    index=True)
    # Last message each way: the resident waits while theirs is the newer.
    resident_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    staff_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    # What staff recorded on ending it (kept for colleagues and the audit log; not sent).
    close_note: Mapped[str] = mapped_column(Text, default="", server_default="")

    messages: Mapped[list[TicketMessage]] = relationship(back_populates="ticket",
                                                           order_by="TicketMessage.id")

    @property
    def reference(self) -> str:
        return f"GD{self.created_at:%Y%m%d}-{self.id:04d}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def phase(self) -> str:
        """waiting (待回复), answered (已回复) or closed."""
        if self.status != "open":
            return "closed"
        if self.staff_at is not None and (self.resident_at is None or self.resident_at <= self.staff_at):
            return "answered"
        return "waiting"

    @property
    def phase_label(self) -> str:
        return PHASE_LABELS[self.phase]


class TicketMessage(db.Model):
    """One message on a ticket, from the resident or from staff."""

    __tablename__ = "ticket_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    author: Mapped[str] = mapped_column(String(16))  # resident or staff
    staff_name: Mapped[str] = mapped_column(String(80), default="")
    text: Mapped[str] = mapped_column(Text)

    ticket: Mapped[Ticket] = relationship(back_populates="messages")
