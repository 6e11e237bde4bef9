"""Finding orders for staff: keyword, phone tail, filters, sorting and the 回访 queue."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, case, func, or_
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from accounts.models import Organization
from core.extensions import db
from orders.models import Order, OrderEvent, Rating

# Events that settle a low rating for the 回访 queue (orders.operations.record_follow_up).
FOLLOWED_UP = ("follow_up", "reopen")

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


def _latest_low_rating():
    """Per order, when the resident last rated it ≤ 2 stars or said 未解决."""
    return (db.select(Rating.order_id, db.func.max(Rating.at).label("at"))
            .where(or_(Rating.score <= LOW_SCORE, Rating.resolved.is_(False)))
            .group_by(Rating.order_id).subquery())


def _followed_up(latest, order_id):
    """A 回访 recorded (or the order reopened) since that rating."""
    return (db.select(OrderEvent.id)
            .where(OrderEvent.order_id == order_id, OrderEvent.event.in_(FOLLOWED_UP),
                   OrderEvent.at >= latest.c.at).exists())


def followup_queue(done: bool = False) -> Select:
    """回访: orders whose resident gave ≤ 2 stars or said 未解决, newest rating first.

    Waiting (`done` False) until staff record a 回访 or reopen the order; a new low
    rating after that puts it back.
    """
    latest = _latest_low_rating()
    handled = _followed_up(latest, Order.id)
    query = (db.select(Order).join(latest, latest.c.order_id == Order.id)
             .where(handled if done else ~handled)
             .options(selectinload(Order.ratings), joinedload(Order.organization))
             .order_by(latest.c.at.desc(), Order.id.desc()))
    if done:  # what the 回访 found, shown on the row: those events only, one query for the page
        query = query.options(selectinload(Order.events.and_(OrderEvent.event.in_(FOLLOWED_UP))))
    return query


def waits_for_follow_up(order_id: int) -> bool:
    """Whether the order is in the 回访 queue now."""
    return db.session.scalar(followup_queue().with_only_columns(Order.id)
                             .where(Order.id == order_id).limit(1)) is not None


def followup_counts() -> dict[str, int]:
    """How many orders wait for a 回访, and how many were followed up."""
    latest = _latest_low_rating()
    handled = case((_followed_up(latest, latest.c.order_id), 1), else_=0)
    total, done = db.session.execute(
        db.select(func.count(), func.sum(handled)).select_from(latest)).one()
    return {"waiting": (total or 0) - int(done or 0), "done": int(done or 0)}


def communities_in_use() -> list[str]:
    """Communities orders were placed from, for the filter."""
    return [c for c in db.session.scalars(
        db.select(Order.community).where(Order.community != "").distinct()
        .order_by(Order.community))]
