"""Canned phrases, per use, shared by the bureau or one organisation's own."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.audit import utcnow
from core.extensions import db


class Phrase(db.Model):
    """One 常用语: offered where its use's text is typed, in `position` order."""

    __tablename__ = "phrases"

    id: Mapped[int] = mapped_column(primary_key=True)
    use: Mapped[str] = mapped_column(String(32), index=True)  # a key of phrases.uses.USES
    # None: the bureau's, offered to everyone the use is for; else that organisation's only.
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"),
                                                        default=None, index=True)
    title: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    updated_by: Mapped[str] = mapped_column(String(64), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    def snapshot(self) -> dict:
        """What the audit log keeps of it."""
        return {"use": self.use, "organization_id": self.organization_id, "title": self.title,
                "text": self.text, "position": self.position}
