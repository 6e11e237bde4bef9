"""The order's timeline: one event row per step, reminder or notice."""
from __future__ import annotations

from datetime import datetime

from core.audit import utcnow
from core.extensions import db
from orders.models import Order, OrderEvent
from orders.transitions import Actor

SYSTEM = Actor("system", "system")


def log_event(order: Order, event: str, actor: str, role: str, *, reason: str = "",
              data: dict | None = None, from_state: str | None = None,
              to_state: str | None = None, now: datetime | None = None) -> OrderEvent:
    """Append one event to the order's timeline."""
    row = OrderEvent(order_id=order.id, event=event, actor=actor, role=role, reason=reason,
                     data=data or {}, from_state=from_state or order.state,
                     to_state=to_state or order.state, at=now or utcnow())
    db.session.add(row)
    return row
