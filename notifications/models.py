"""The notification outbox: every message we owe a resident, until it is delivered."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.audit import utcnow
from core.extensions import db

STATUSES = ("pending", "sent", "failed")
STATUS_LABELS = {"pending": "待发送", "sent": "已发送", "failed": "发送失败"}


class Notification(db.Model):
    """One message to one resident; a failed send stays here to be retried."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    resident: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    via: Mapped[str] = mapped_column(String(16), default="outbox")
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    # Outbox only: when the simulator picked the message up.
    delivered_at: Mapped[datetime | None] = mapped_column(default=None)
