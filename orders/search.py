"""Finding orders for staff: keyword, phone tail, filters, sorting and the 回访 queue."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, case, func, or_
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from accounts.models import Organization
from core.extensions import db
from orders.models import Order, Rating

LOW_SCORE = 2
# Column key → what it sorts by; anything else falls back to the queue's own order.
SORTS = {"number": Order.number, "category": Order.category, "community": Order.community,
         "created": Order.created_at, "due": Order.due_at, "organization": Organization.name}


@dataclass
class OrderFilter:
    """What staff narrowed a list to; empty fields do not filter."""

    keyword: str = ""
    # Part of an order number as staff have it: its start (DD20261202) or any run of it.
    number: str = ""
    # Four digits: the end of the resident's phone, or of an order number (its day's sequence).
    phone_tail: str = ""
    category: str = ""
    community: str = ""
    organization_id: int | None = None
    overdue: bool = False
    rating: str = ""  # "low" (≤ 2 stars), "unresolved", or "followup" (either)
    since: datetime | None = None
    until: datetime | None = None

    def active(self) -> bool:
        return any(v not in ("", None, False) for v in vars(self).values())


def _low_or_unresolved(kind: str):
    low = db.select(Rating.id).where(Rating.order_id == Order.id, Rating.score <= LOW_SCORE)
    unresolved = db.select(Rating.id).where(Rating.order_id == Order.id, Rating.resolved.is_(False))
    if kind == "low":
        return low.exists()
    if kind == "unresolved":
        return unresolved.exists()
    return or_(low.exists(), unresolved.exists())


def number_contains(text: str):
    """Order numbers holding `text`, typed in any case (numbers are stored upper case)."""
    return Order.number.contains(text.strip().upper(), autoescape=True)


def _where(query: Select, f: OrderFilter, now: datetime) -> Select:
    if f.keyword:
        words = [Order.description, Order.address, Order.community]
        query = query.where(or_(*(w.contains(f.keyword, autoescape=True) for w in words),
                                number_contains(f.keyword)))
    if f.number:
        query = query.where(number_contains(f.number))
    if f.phone_tail:
        query = query.where(or_(Order.phone.endswith(f.phone_tail, autoescape=True),
                                Order.number.endswith("-" + f.phone_tail, autoescape=True)))
    for column, value in ((Order.category, f.category), (Order.community, f.community),
                          (Order.organization_id, f.organization_id)):
        if value:
            query = query.where(column == value)
    if f.overdue:
        query = query.where(Order.due_at < now)
    if f.rating:
        query = query.where(_low_or_unresolved(f.rating))
    if f.since:
        query = query.where(Order.created_at >= f.since)
    if f.until:
        query = query.where(Order.created_at < f.until)
    return query


def search(state: str | None, f: OrderFilter, now: datetime, sort: str = "",
           descending: bool = False) -> Select:
    """Orders (in `state`, or any) matching `f`; late and escalated first unless sorted."""
    # The row's organisation comes with it (the join is there for sorting): no query per row.
    query = (db.select(Order).outerjoin(Organization, Order.organization_id == Organization.id)
             .options(contains_eager(Order.organization)))
    if state:
        query = query.where(Order.state == state)
    query = _where(query, f, now)
    if sort in SORTS:
        column = SORTS[sort]
        return query.order_by(column.is_(None), column.desc() if descending else column, Order.id)
    overdue = case((Order.due_at < now, 0), else_=1)
    escalated = case((Order.escalated_at.is_not(None), 0), else_=1)
    return query.order_by(overdue, escalated, Order.due_at.is_(None), Order.due_at, Order.id)


def state_counts(f: OrderFilter, now: datetime) -> dict[str, int]:
    """How many orders in each state match `f` (for the tabs of a search)."""
    query = _where(db.select(Order.state, func.count()).select_from(Order), f, now)
    return dict(db.session.execute(query.group_by(Order.state)).all())


def followup_queue() -> Select:
    """Orders whose resident gave ≤ 2 stars or said 未解决, newest rating first."""
    latest = (db.select(Rating.order_id, db.func.max(Rating.at).label("at"))
              .where(or_(Rating.score <= LOW_SCORE, Rating.resolved.is_(False)))
              .group_by(Rating.order_id).subquery())
    return (db.select(Order).join(latest, latest.c.order_id == Order.id)
            .options(selectinload(Order.ratings), joinedload(Order.organization))
            .order_by(latest.c.at.desc(), Order.id.desc()))


def communities_in_use() -> list[str]:
    """Communities orders were placed from, for the filter."""
    return [c for c in db.session.scalars(
        db.select(Order.community).where(Order.community != "").distinct()
        .order_by(Order.community))]
