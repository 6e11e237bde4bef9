"""Order figures for the dashboard: orders by state with SLA breaches, and each organisation's record."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func

from accounts.models import Organization
from core.extensions import db
from core.sqlfunc import seconds_between
from orders import queries
from orders.models import OPEN_STATES, TERMINAL_STATES, Order, OrderEvent, Rating

STATES = OPEN_STATES + TERMINAL_STATES
STATE_SERIES = [("on_time", "未超时"), ("overdue", "已超时")]


def orders_by_state(now: datetime | None = None) -> list[tuple[str, dict[str, int]]]:
    """Every state with its orders split into on time and overdue (SLA breached)."""
    counts = queries.queue_counts(now)
    found = []
    for state in STATES:
        c = counts.get(state, {"total": 0, "overdue": 0})
        found.append((state, {"on_time": c["total"] - c["overdue"], "overdue": c["overdue"]}))
    return found


@dataclass
class OrgRecord:
    name: str
    completed: int = 0
    rated: int = 0
    score: float | None = None
    resolved: int = 0
    hours_to_complete: float | None = None

    @property
    def resolved_share(self) -> float | None:
        return 100 * self.resolved / self.rated if self.rated else None


def organization_records() -> list[OrgRecord]:
    """Per organisation: ratings (average, share resolved) and time from dispatch to completion."""
    records = {org_id: OrgRecord(name) for org_id, name in db.session.execute(
        db.select(Organization.id, Organization.name).order_by(Organization.id))}
    for org_id, rated, score, resolved in db.session.execute(
            db.select(Rating.organization_id, func.count(), func.avg(Rating.score),
                      func.sum(case((Rating.resolved.is_(True), 1), else_=0)))
            .group_by(Rating.organization_id)):
        if org_id in records:
            record = records[org_id]
            record.rated, record.resolved = rated, int(resolved or 0)
            record.score = round(float(score), 2)
    for org_id, completed, hours in _completion_hours():
        if org_id in records:
            records[org_id].completed = completed
            records[org_id].hours_to_complete = round(float(hours), 1) if hours is not None else None
    return list(records.values())


def _completion_hours():
    """(organisation, completed orders, average hours from its dispatch to completion)."""
    # The organisation answers for the time since the order reached it, not since it was
    # placed: the last dispatch or reassignment before completion. Counted in the database,
    # one join and two groupings, where thousands of orders would each be a round of Python.
    per_order = (db.select(Order.organization_id.label("org"), Order.completed_at.label("done"),
                           func.max(OrderEvent.at).label("sent"))
                 .join(OrderEvent, (OrderEvent.order_id == Order.id)
                       & OrderEvent.event.in_(("dispatch", "reassign"))
                       & (OrderEvent.at <= Order.completed_at))
                 .where(Order.state.in_(("awaiting_rating", "closed")),  # not reopened and pending again
                        Order.completed_at.is_not(None), Order.organization_id.is_not(None))
                 .group_by(Order.id, Order.organization_id, Order.completed_at).subquery())
    seconds = seconds_between(per_order.c.sent, per_order.c.done)
    return db.session.execute(
        db.select(per_order.c.org, func.count(), func.avg(seconds) / 3600)
        .group_by(per_order.c.org)).all()
