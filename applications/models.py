"""Applications with their status history, and appointments holding a seat in a slot."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, composite, declared_attr, mapped_column, relationship

from core.audit import utcnow
from core.extensions import db
from core.residents import Resident

STATUS_LABELS = {"submitted": "已提交", "under_review": "审核中", "need_info": "需补充材料",
                 "approved": "已通过", "rejected": "未通过"}
# Which status staff may move an application to from each status.
TRANSITIONS = {
    "submitted": ("under_review", "need_info", "approved", "rejected"),
    "under_review": ("need_info", "approved", "rejected"),
    "need_info": ("under_review", "approved", "rejected"),
    "approved": (),
    "rejected": (),
}
# Moves the resident must be told the reason for.
NEEDS_REASON = ("need_info", "rejected")
APPOINTMENT_LABELS = {"booked": "已预约", "cancelled": "已取消", "done": "已办结",
                      "missed": "未到场"}


class ResidentRecord:
    """What an application and an appointment both hold: who, for what, and their data."""

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(24), unique=True)
    channel: Mapped[str] = mapped_column(String(16), default="wechat", server_default="wechat")
    resident_id: Mapped[str] = mapped_column("resident", String(64))
    service: Mapped[str] = mapped_column(String(8), index=True)
    title: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text, default="")
    name: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    id_masked: Mapped[str] = mapped_column(String(24), default="")
    id_number_enc: Mapped[str] = mapped_column(Text, default="")
    # Display answers with personal values masked; the full values live in `sealed`.
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    sealed: Mapped[str] = mapped_column(Text, default="")
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @declared_attr
    def resident(cls) -> Mapped[Resident]:
        """(channel, id): compared and filtered on both (core.residents)."""
        return composite("channel", "resident_id")


class Application(ResidentRecord, db.Model):
    """A resident's online pre-application for one item."""

    __tablename__ = "applications"
    __table_args__ = (Index("ix_applications_resident_channel", "resident", "channel"),)

    status: Mapped[str] = mapped_column(String(16), default="submitted", index=True)
    community: Mapped[str] = mapped_column(String(40), default="", index=True)

    events: Mapped[list[ApplicationEvent]] = relationship(
        back_populates="application", order_by="ApplicationEvent.id")

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


class ApplicationEvent(db.Model):
    """One step in an application's status history."""

    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(80), default="")

    application: Mapped[Application] = relationship(back_populates="events")

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


class Appointment(ResidentRecord, db.Model):
    """A booked time slot for an in-person item.

    A slot (service, day, time) has a fixed number of seats; each active
    appointment holds one seat number, and the unique constraint is what stops
    two concurrent bookings from taking the same seat. Cancelling frees the
    seat by setting it to NULL (NULLs never collide in a unique constraint).
    """

    __tablename__ = "appointments"
    __table_args__ = (UniqueConstraint("service", "day", "time", "seat", name="uq_appointments_seat"),
                      Index("ix_appointments_resident_channel", "resident", "channel"))

    day: Mapped[date] = mapped_column(Date, index=True)
    time: Mapped[str] = mapped_column(String(5))
    seat: Mapped[int | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(16), default="booked", index=True)

    @property
    def status_label(self) -> str:
        return APPOINTMENT_LABELS.get(self.status, self.status)

    @property
    def when(self) -> str:
        return f"{self.day.month}月{self.day.day}日（周{'一二三四五六日'[self.day.weekday()]}）{self.time}"


class Attachment(db.Model):
    """A document the resident sent in chat for an application: the file is kept encrypted."""

    __tablename__ = "application_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    media_id: Mapped[str] = mapped_column(String(128))
    # pending (waiting for the worker), stored, failed
    status: Mapped[str] = mapped_column(String(16), default="pending")
    content_type: Mapped[str] = mapped_column(String(64), default="")
    size: Mapped[int] = mapped_column(default=0)
    # Fernet token of the file's bytes (core.pii key); never the plain file.
    content_enc: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped[Application] = relationship()
