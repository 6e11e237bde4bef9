"""Ports to the notifications and volunteers packages, built on another branch.

Until those land (and the lead wires them), what would have been sent is kept
in the order's event log, so nothing is lost: staff see it on the timeline.
"""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def _operation(module: str, name: str):
    try:
        return getattr(__import__(module, fromlist=[name]), name)
    except (ImportError, AttributeError):
        return None


def notify_resident(openid: str, text: str, order=None) -> bool:
    """Send a resident a message; always logged on the order. True if delivered."""
    from orders.operations import log_event

    notify = _operation("notifications.operations", "notify") if openid else None
    delivered = False
    if notify is not None:
        try:
            notify(openid, text)
            delivered = True
        except Exception:  # a failed send must not undo the order's step
            log.exception("notify %s failed", openid)
    if order is not None:
        log_event(order, "notify", "system", "system", reason=text,
                  data={"to": openid, "delivered": delivered})
    return delivered


def credit_volunteer_hours(volunteer_ref, hours: float, order) -> bool:
    """Add hours to a volunteer's service record; logged on the order either way."""
    from orders.operations import log_event

    add = _operation("volunteers.operations", "add_service_hours")
    credited = False
    if add is not None:
        try:
            add(volunteer_ref, hours, f"order:{order.number}")
            credited = True
        except Exception:
            log.exception("crediting %s for %s failed", volunteer_ref, order.number)
    log_event(order, "credit_hours", "system", "system",
              data={"volunteer": volunteer_ref, "hours": hours, "credited": credited})
    return credited
