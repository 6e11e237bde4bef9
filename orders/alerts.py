"""Staff alerts from the orders workflow: a domain event other packages hook.

`alert_staff` writes the alert onto the order's timeline and the audit log
(so it is never lost, whoever listens), then sends the `staff_alert` signal.
A staff-notice list or WeChat notice to bound staff connects to it:

    from orders.alerts import staff_alert
    staff_alert.connect(lambda order, kind, note, at: ...)

Receivers run inside the caller's transaction; one that fails is logged and
does not undo the order's step.
"""
from __future__ import annotations

import logging
from datetime import datetime

from blinker import Namespace

from core import audit
from orders import notices, texts
from orders.models import Order
from orders.timeline import SYSTEM, log_event

log = logging.getLogger(__name__)
signals = Namespace()
# Sent with order=Order, kind="emergency" (more kinds may follow), note=str, at=UTC datetime.
staff_alert = signals.signal("orders.staff-alert")


def alert_staff(order: Order, kind: str, note: str, now: datetime) -> None:
    """Alert staff at once about an order: timeline event, audit row, then the signal."""
    log_event(order, "staff_alert", SYSTEM.name, SYSTEM.role, reason=note,
              data={"kind": kind}, now=now)
    audit.record(SYSTEM.name, "order.staff_alert", f"order:{order.number}",
                 after={"kind": kind, "note": note})
    # Staff's notice list (and WeChat, if bound) hears at once; listeners after.
    fields = notices.values(order, reason=note[:100])
    notices.notify_staff(order, "staff_alert", texts.STAFF_NOTICE["emergency"].format(**fields), fields)
    _send(order, kind, note, now)


def _send(order: Order, kind: str, note: str, now: datetime) -> list:
    results = []
    for receiver in staff_alert.receivers_for(order):
        try:
            results.append((receiver, receiver(order, kind=kind, note=note, at=now)))
        except Exception:  # a listener's failure must not undo the order's step
            log.exception("staff alert receiver failed for %s", order.number)
    return results
