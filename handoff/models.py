"""Tickets and the messages exchanged on them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.audit import utcnow
from core.extensions import db

STATUS_LABELS = {"open": "处理中", "closed": "已结束"}
KIND_LABELS = {"help": "转人工", "complaint": "投诉"}


class Ticket(db.Model):
    """A resident's request for a person; open until staff close it."""

    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(primary_key=True)
    resident: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="help")
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    subject: Mapped[str] = mapped_column(String(200), default="")
    assignee: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)

    messages: Mapped[list[TicketMessage]] = relationship(back_populates="ticket",
                                                           order_by="TicketMessage.id")

    @property
    def reference(self) -> str:
        return f"GD{self.created_at:%Y%m%d}-{self.id:04d}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


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
