"""Reading orders: staff queues, an organisation's orders, dispatch suggestions, the dashboard's figures."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Integer, Select, bindparam, case, func, or_
from sqlalchemy.orm import selectinload

from accounts.models import Organization
from core.audit import utcnow
from core.extensions import db
from core.residents import Resident, bound_resident, resident_params
from core.sqlfunc import seconds_between
from orders.models import OPEN_STATES, TERMINAL_STATES, Order, OrderEvent, Rating

ORG_VISIBLE = ("dispatched", "in_service", "awaiting_rating", "closed")
ACTIVE = ("dispatched", "in_service")


def by_number(number: str) -> Order | None:
    return db.session.scalar(db.select(Order).filter_by(number=number.strip().upper()))


def staff_queue(state: str, now: datetime | None = None) -> Select:
    """Orders in a state, overdue and escalated ones first, then by deadline (for paging)."""
    now = now or utcnow()
    overdue = case((Order.due_at < now, 0), else_=1)
    escalated = case((Order.escalated_at.is_not(None), 0), else_=1)
    return (db.select(Order).filter_by(state=state)
            .order_by(overdue, escalated, Order.due_at.is_(None), Order.due_at, Order.id))


def queue_counts(now: datetime | None = None) -> dict[str, dict[str, int]]:
    """Per state: how many orders, and how many of them are overdue."""
    now = now or utcnow()
    rows = db.session.execute(
        db.select(Order.state, func.count(),
                  func.sum(case((Order.due_at < now, 1), else_=0)))
        .group_by(Order.state))
    return {state: {"total": total, "overdue": int(late or 0)} for state, total, late in rows}


def org_orders(org_id: int, state: str = "", keyword: str = "") -> Select:
    """An organisation's own orders (for paging), in one state or all it sees.

    Orders still to serve come by deadline; finished ones (the history) by when
    they were completed, the latest first. `keyword` is looked for in the
    number, the request, the address and the community.
    """
    query = db.select(Order).options(selectinload(Order.ratings)).where(
        Order.organization_id == org_id,
        Order.state.in_((state,) if state in ORG_VISIBLE else ORG_VISIBLE))
    if keyword:
        words = (Order.description, Order.address, Order.community)
        # Numbers are stored upper case; staff type dd20261202 as often as DD20261202.
        query = query.where(or_(*(w.contains(keyword, autoescape=True) for w in words),
                                Order.number.contains(keyword.upper(), autoescape=True)))
    if state in ACTIVE:
        return query.order_by(Order.due_at.is_(None), Order.due_at, Order.id)
    if state:
        return query.order_by(Order.completed_at.is_(None), Order.completed_at.desc(),
                              Order.id.desc())
    active = case((Order.state.in_(ACTIVE), 0), else_=1)
    return query.order_by(active, Order.due_at.is_(None), Order.due_at,
                          Order.completed_at.desc(), Order.id.desc())


def org_state_counts(org_id: int) -> dict[str, int]:
    """How many of the organisation's orders each state it sees holds."""
    rows = db.session.execute(db.select(Order.state, func.count()).where(
        Order.organization_id == org_id, Order.state.in_(ORG_VISIBLE)).group_by(Order.state))
    counts = dict.fromkeys(ORG_VISIBLE, 0)
    counts.update({state: total for state, total in rows})
    return counts


def org_active_count(org_id: int) -> int:
    """How many of the organisation's orders wait to be accepted or are being served."""
    return db.session.scalar(db.select(func.count(Order.id)).where(
        Order.organization_id == org_id, Order.state.in_(ACTIVE))) or 0


def org_order(org_id: int | None, order_id: int) -> Order | None:
    """The order only if it is this organisation's; anyone else's is None (404)."""
    order = db.session.get(Order, order_id)
    if order is None or org_id is None or order.organization_id != org_id:
        return None
    return order if order.state in ORG_VISIBLE else None


def resident_orders(resident: Resident, open_only: bool = False, limit: int = 5) -> list[Order]:
    return list(db.session.scalars(_orders_of(open_only), {**resident_params(resident), "limit": limit}))


@cache
def _orders_of(open_only: bool) -> Select:
    """Built once per kind (then only its parameters change)."""
    query = (db.select(Order).where(bound_resident(Order)).order_by(Order.id.desc())
             .limit(bindparam("limit", type_=Integer)))
    if open_only:
        query = query.where(Order.state.in_(OPEN_STATES))
    return query


def awaiting_rating(resident: Resident) -> list[Order]:
    return list(db.session.scalars(_awaiting_rating(), resident_params(resident)))


@cache
def _awaiting_rating() -> Select:
    return (db.select(Order).where(bound_resident(Order), Order.state == "awaiting_rating")
            .order_by(Order.completed_at.desc()))


@dataclass
class Suggestion:
    org: Organization
    serves: bool
    covers: bool
    load: int
    rating: float | None
    declined: bool


def suggest_organizations(order: Order) -> list[Suggestion]:
    """Organisations for dispatch, best first: category, area, open load, rating."""
    orgs = list(db.session.scalars(db.select(Organization).filter_by(active=True)))
    loads = dict(db.session.execute(
        db.select(Order.organization_id, func.count())
        .where(Order.state.in_(ACTIVE)).group_by(Order.organization_id)).all())
    ratings = dict(db.session.execute(
        db.select(Rating.organization_id, func.avg(Rating.score))
        .group_by(Rating.organization_id)).all())
    declined = {e.data.get("declined_by") for e in db.session.scalars(
        db.select(OrderEvent).where(OrderEvent.order_id == order.id,
                                    OrderEvent.event.in_(("decline", "cannot_complete",
                                                          "accept_timeout"))))}
    found = [Suggestion(org, order.category in (org.categories or []),
                        _covers(org, order), loads.get(org.id, 0),
                        round(float(ratings[org.id]), 2) if org.id in ratings else None,
                        org.id in declined)
             for org in orgs]
    found.sort(key=lambda s: (s.declined, not s.serves, not s.covers, s.load,
                              -(s.rating or 0), s.org.id))
    return found


def _covers(org: Organization, order: Order) -> bool:
    place = (order.community or "") + (order.address or "")
    return any(c and c in place for c in org.communities or [])


def known_communities() -> list[str]:
    """Every community some organisation serves, to recognise in addresses."""
    names: set[str] = set()
    for communities in db.session.scalars(db.select(Organization.communities)):
        names.update(communities or [])
    return sorted(names, key=len, reverse=True)


def orders_by_state(now: datetime | None = None) -> list[tuple[str, dict[str, int]]]:
    """Every state with its orders split into on time and overdue (SLA breached)."""
    counts = queue_counts(now)
    found = []
    for state in OPEN_STATES + TERMINAL_STATES:
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
