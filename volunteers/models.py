"""Volunteers (MZ29) and the service hours they have given."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, composite, mapped_column, relationship

from core.audit import utcnow
from core.extensions import db
from core.residents import Resident

STATUS_LABELS = {"pending": "待审核", "approved": "已通过", "rejected": "未通过"}


class Volunteer(db.Model):
    """One resident's volunteer registration; staff approve it."""

    __tablename__ = "volunteers"
    # One registration per resident: per (channel, id).
    __table_args__ = (UniqueConstraint("resident", "channel", name="uq_volunteers_resident_channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), default="wechat", server_default="wechat")
    resident_id: Mapped[str] = mapped_column("resident", String(64))
    resident: Mapped[Resident] = composite("channel", "resident_id")
    name: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str] = mapped_column(String(20))
    id_masked: Mapped[str] = mapped_column(String(24))
    id_number_enc: Mapped[str] = mapped_column(Text)
    skills: Mapped[list] = mapped_column(JSON, default=list)  # order category codes
    availability: Mapped[list] = mapped_column(JSON, default=list)
    community: Mapped[str] = mapped_column(String(40), default="", index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    reviewed_at: Mapped[datetime | None] = mapped_column(default=None)

    hours: Mapped[list[ServiceHours]] = relationship(back_populates="volunteer",
                                                       order_by="ServiceHours.id")

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def total_hours(self) -> float:
        return round(sum(h.hours for h in self.hours), 1)


class ServiceHours(db.Model):
    """Hours credited for one piece of service (an order, an event, a staff entry)."""

    __tablename__ = "volunteer_hours"

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"), index=True)
    hours: Mapped[float]
    # Where the hours come from, e.g. "order:123"; unique so a repeat is not counted twice.
    source: Mapped[str] = mapped_column(String(80), unique=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    volunteer: Mapped[Volunteer] = relationship(back_populates="hours")


class RosterEntry(db.Model):
    """A registered volunteer on a social organisation's roster: whom it may credit hours to."""

    __tablename__ = "organization_volunteers"
    __table_args__ = (UniqueConstraint("organization_id", "volunteer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"), index=True)
    added_by: Mapped[str] = mapped_column(String(64), default="", server_default="")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    volunteer: Mapped[Volunteer] = relationship()
