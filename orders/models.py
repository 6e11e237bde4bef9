"""Orders (点单), their append-only event log, and ratings."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, composite, mapped_column, relationship

from core.audit import utcnow
from core.extensions import db
from core.residents import Resident

OPEN_STATES = ("submitted", "pending_dispatch", "dispatched", "in_service", "awaiting_rating")
TERMINAL_STATES = ("closed", "rejected", "cancelled", "closed_admin")


class Order(db.Model):
    """One resident's request for help, from ordering to rating."""

    __tablename__ = "orders"
    __table_args__ = (Index("ix_orders_resident_channel", "resident", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    state: Mapped[str] = mapped_column(String(20), index=True, default="submitted")
    category: Mapped[str] = mapped_column(String(32), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    community: Mapped[str] = mapped_column(String(64), default="")
    lat: Mapped[float | None] = mapped_column(default=None)
    lng: Mapped[float | None] = mapped_column(default=None)
    preferred_time: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    # The resident's (channel, id); id '' for requests other systems filed through Open311.
    channel: Mapped[str] = mapped_column(String(16), default="wechat", server_default="wechat")
    resident_id: Mapped[str] = mapped_column("resident", String(64), default="")
    resident: Mapped[Resident] = composite("channel", "resident_id")
    source: Mapped[str] = mapped_column(String(16), default="wechat")
    external: Mapped[dict] = mapped_column(JSON, default=dict)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"),
                                                        index=True, default=None)
    due_at: Mapped[datetime | None] = mapped_column(index=True, default=None)
    reminded_at: Mapped[datetime | None] = mapped_column(default=None)
    escalated_at: Mapped[datetime | None] = mapped_column(default=None)
    completed_at: Mapped[datetime | None] = mapped_column(default=None)
    rating_reminded_at: Mapped[datetime | None] = mapped_column(default=None)
    # When the organisation was told the deadline is about to pass (once per stage).
    due_warned_at: Mapped[datetime | None] = mapped_column(default=None)
    completion_notes: Mapped[str] = mapped_column(Text, default="")
    service_hours: Mapped[float | None] = mapped_column(default=None)
    volunteers: Mapped[list] = mapped_column(JSON, default=list)
    outcome: Mapped[str] = mapped_column(String(32), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Compare-and-set on every UPDATE: a concurrent writer gets StaleDataError.
    version: Mapped[int] = mapped_column(default=1)

    organization = relationship("Organization")
    events: Mapped[list[OrderEvent]] = relationship(
        order_by="OrderEvent.id", viewonly=True)
    ratings: Mapped[list[Rating]] = relationship(
        order_by="Rating.id", viewonly=True)

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def rating(self) -> Rating | None:
        """The latest rating: a reopened order may be rated again."""
        return self.ratings[-1] if self.ratings else None


class OrderEvent(db.Model):
    """One thing that happened to an order; rows are only ever appended."""

    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    event: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str] = mapped_column(String(20), default="")
    to_state: Mapped[str] = mapped_column(String(20), default="")
    actor: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    order: Mapped[Order] = relationship()


class Rating(db.Model):
    """The resident's rating of a completed order (评单)."""

    __tablename__ = "order_ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"),
                                                        index=True, default=None)
    score: Mapped[int]
    resolved: Mapped[bool]
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)

    order: Mapped[Order] = relationship()


class AppendOnlyError(RuntimeError):
    """Order events are history: they are never changed or removed."""


@event.listens_for(OrderEvent, "before_update")
@event.listens_for(OrderEvent, "before_delete")
def _refuse_change(mapper, connection, target) -> None:
    raise AppendOnlyError(f"order event {target.id} is append-only")
