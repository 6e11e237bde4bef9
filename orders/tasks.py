"""The deadline sweep: remind, escalate, take back unaccepted orders, close unrated.

Run every minute by `flask scheduler` (registered in orders/__init__.py), or
by hand with `flask orders sweep [--now ...]`. It also warns organisations
when a deadline is near. Safe to run twice: each reminder
and escalation is marked on the order, and transitions check the state.
"""
from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime, timedelta

from core.audit import utcnow
from core.extensions import db
from orders import deadlines, operations
from orders.models import Order
from orders.transitions import TransitionError

log = logging.getLogger(__name__)
WARN_BEFORE = timedelta(hours=4)


def sweep(now: str | datetime | None = None) -> dict[str, int]:
    """One pass over open orders; returns how many of each action it took."""
    if isinstance(now, str):  # jobs pass arguments through Redis as text
        now = datetime.fromisoformat(now)
    now = now or utcnow()
    done: Counter = Counter()
    ids = db.session.scalars(db.select(Order.id).where(
        Order.state.in_(("submitted", "pending_dispatch", "dispatched", "in_service",
                         "awaiting_rating")))).all()
    for order_id in ids:
        try:
            with db.session.begin_nested():
                action = _one(operations.load_for_update(order_id), now)
        except TransitionError as exc:  # someone moved it meanwhile: next sweep sees it
            log.info("sweep skipped order %s: %s", order_id, exc)
            continue
        if action:
            done[action] += 1
    log.info("order sweep at %s: %s", now, dict(done))
    return dict(done)


def _one(order: Order, now: datetime) -> str | None:
    if order.state == "awaiting_rating":
        return _rating(order, now)
    if order.due_at is None:
        return None
    if order.due_at > now:
        return _due_soon(order, now)
    if order.state == "dispatched":
        operations.apply(order.id, "accept_timeout", operations.SYSTEM, now=now,
                         reason="超过接单时限未接单，退回待派单")
        return "accept_timeout"
    if order.escalated_at is None and order.due_at + deadlines.escalate_after() <= now:
        operations.remind(order, "escalate", _late(order, now), now)
        return "escalate"
    if order.reminded_at is None:
        operations.remind(order, "remind", _late(order, now), now)
        return "remind"
    return None


def _due_soon(order: Order, now: datetime) -> str | None:
    """Warn the organisation once per stage when its deadline is near."""
    if (order.state not in ("dispatched", "in_service") or order.due_warned_at is not None
            or not order.organization_id):
        return None
    # A quarter of the stage's allowance, at most WARN_BEFORE: 1 h orders warn at 15 min.
    before = min(WARN_BEFORE, (order.due_at - order.updated_at) / 4)
    if order.due_at - now > before:
        return None
    operations.remind(order, "due_soon", "即将超过办理时限", now)
    return "due_soon"


def _rating(order: Order, now: datetime) -> str | None:
    days = deadlines.rating_days()
    done = order.completed_at or order.updated_at
    if done + timedelta(days=days["close_days"]) <= now:
        operations.apply(order.id, "rating_timeout", operations.SYSTEM, now=now,
                         reason=f"完成后 {days['close_days']} 天未评价，按未评价办结")
        return "rating_timeout"
    if order.rating_reminded_at is None and done + timedelta(days=days["remind_days"]) <= now:
        operations.remind(order, "rating_reminder", "提醒居民评价", now)
        return "rating_reminder"
    return None


def _late(order: Order, now: datetime) -> str:
    hours = (now - order.due_at).total_seconds() / 3600
    who = "社会组织" if order.state == "in_service" else "民政工作人员"
    return f"已超过办理时限 {hours:.1f} 小时，请{who}尽快处理"
