"""Append-only audit trail of staff and system actions."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from core import fakeclock
from core.extensions import db


def utcnow() -> datetime:
    """Naive UTC now; tests may run it ahead (core.fakeclock, never in production)."""
    return datetime.now(timezone.utc).replace(tzinfo=None) + fakeclock.offset()


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(80))
    target: Mapped[str] = mapped_column(String(120), default="")
    before: Mapped[dict | None] = mapped_column(JSON, default=None)
    after: Mapped[dict | None] = mapped_column(JSON, default=None)


def record(actor: str, action: str, target: str = "", before: dict | None = None,
           after: dict | None = None) -> AuditEntry:
    """Append one audit row in the caller's transaction."""
    entry = AuditEntry(actor=actor, action=action, target=target, before=before, after=after)
    db.session.add(entry)
    return entry
