"""Order figures for the dashboard: orders by state with SLA breaches, and each organisation's record."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func

from accounts.models import Organization
from core.extensions import db
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
    durations = defaultdict(list)
    for org_id, hours in _completion_hours():
        durations[org_id].append(hours)
    for org_id, values in durations.items():
        if org_id in records:
            records[org_id].completed = len(values)
            records[org_id].hours_to_complete = round(sum(values) / len(values), 1)
    return list(records.values())


def _completion_hours():
    """(organisation, hours from its dispatch to completion) for every completed order."""
    # The organisation answers for the time since the order reached it, not since it was placed.
    dispatched = (db.select(func.max(OrderEvent.at))
                  .where(OrderEvent.order_id == Order.id,
                         OrderEvent.event.in_(("dispatch", "reassign")),
                         OrderEvent.at <= Order.completed_at)
                  .correlate(Order).scalar_subquery())
    rows = db.session.execute(
        db.select(Order.organization_id, Order.completed_at, dispatched)
        .where(Order.state.in_(("awaiting_rating", "closed")),  # not reopened and pending again
               Order.completed_at.is_not(None), Order.organization_id.is_not(None)))
    for org_id, completed_at, dispatched_at in rows:
        if dispatched_at is not None:
            yield org_id, max(0.0, (completed_at - dispatched_at).total_seconds() / 3600)
