"""Reading orders: staff queues, an organisation's orders, dispatch suggestions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, case, func, or_
from sqlalchemy.orm import selectinload

from accounts.models import Organization
from core.audit import utcnow
from core.extensions import db
from core.residents import Resident
from orders.models import OPEN_STATES, Order, OrderEvent, Rating

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
        words = (Order.number, Order.description, Order.address, Order.community)
        query = query.where(or_(*(w.contains(keyword, autoescape=True) for w in words)))
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
    query = db.select(Order).filter_by(resident=resident).order_by(Order.id.desc()).limit(limit)
    if open_only:
        query = query.where(Order.state.in_(OPEN_STATES))
    return list(db.session.scalars(query))


def awaiting_rating(resident: Resident) -> list[Order]:
    return list(db.session.scalars(
        db.select(Order).filter_by(resident=resident, state="awaiting_rating")
        .order_by(Order.completed_at.desc())))


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
