"""Which spooled messages have been replayed, so each runs through the engine once."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.audit import utcnow
from core.extensions import db


class SpoolReplay(db.Model):
    """One replayed delivery, by the keyed hash of its dedupe key (no openid in clear)."""

    __tablename__ = "spool_replays"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
