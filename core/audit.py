"""Append-only audit trail of staff and system actions."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from core.calendar import utcnow
from core.extensions import db

__all__ = ["AuditEntry", "record", "utcnow"]


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"
    # The audit page filters by person (newest first) and by object ("order:DD…" exactly,
    # or every "order:…" by prefix: pattern ops, so LIKE 'x%' uses it in any collation).
    __table_args__ = (
        Index("ix_audit_entries_actor_at", "actor", "at"),
        Index("ix_audit_entries_target", "target", postgresql_ops={"target": "varchar_pattern_ops"}),
    )

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
