"""What residents said and how the bot fared, for review and the dashboard."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, String, Text
from sqlalchemy.orm import Mapped, composite, mapped_column

from core.audit import utcnow
from core.extensions import db
from core.residents import Resident

OUTCOMES = ("answered", "clarified", "missed", "acted", "referred", "event")


class MessageLog(db.Model):
    """One incoming message or event and the bot's reply."""

    __tablename__ = "message_log"
    relaxed_durability = True  # see core.durability
    # The dashboard counts outcomes per day from this index alone (an index-only scan);
    # it replaces the index on `at`, so logging a message updates no more indexes than before.
    __table_args__ = (Index("ix_message_log_at_outcome", "at", "outcome"),
                      Index("ix_message_log_resident_channel", "resident", "channel"))

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    resident_id: Mapped[str] = mapped_column("resident", String(64))
    channel: Mapped[str] = mapped_column(String(16), default="wechat", server_default="wechat")
    resident: Mapped[Resident] = composite("channel", "resident_id")
    kind: Mapped[str] = mapped_column(String(16), default="text")
    text: Mapped[str] = mapped_column(Text, default="")
    reply: Mapped[str] = mapped_column(Text, default="")
    intent: Mapped[str | None] = mapped_column(String(16), default=None)
    service: Mapped[str | None] = mapped_column(String(8), default=None)
    aspect: Mapped[str | None] = mapped_column(String(16), default=None)
    category: Mapped[str | None] = mapped_column(String(16), default=None)
    confidence: Mapped[float | None] = mapped_column(default=None)
    outcome: Mapped[str] = mapped_column(String(16), default="answered")
    # The form open after this message: it outlives Redis (see bot.engine).
    flow: Mapped[str | None] = mapped_column(String(32), default=None)


class MissedQuestion(db.Model):
    """A message the bot could not answer well, waiting for staff review."""

    __tablename__ = "missed_questions"
    relaxed_durability = True

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    text: Mapped[str] = mapped_column(Text)
    guesses: Mapped[list] = mapped_column(JSON, default=list)
    confidence: Mapped[float] = mapped_column(default=0.0)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    resolution: Mapped[str] = mapped_column(String(120), default="")
