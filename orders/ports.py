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


def notify_resident(openid: str, text: str, order=None, kind: str = "order_status",
                    fields: dict | None = None) -> bool:
    """Send a resident a message; always logged on the order. True if queued."""
    from orders.operations import log_event

    notify = _operation("notifications.operations", "notify") if openid else None
    delivered = False
    if notify is not None:
        try:
            notify(openid, text, source=f"order:{order.number}" if order is not None else "",
                   kind=kind, fields=fields)
            delivered = True
        except Exception:  # a failed send must not undo the order's step
            # Neither the openid nor the text: logs carry no personal data.
            log.exception("notify for order %s failed",
                          order.number if order is not None else "-")
    if order is not None:
        log_event(order, "notify", "system", "system", reason=text,
                  data={"to": openid, "delivered": delivered})
    return delivered


def notify_org(order, kind: str, text: str, fields: dict | None = None) -> int:
    """Tell the organisation's users (admin notices, and WeChat for those bound)."""
    from accounts.models import User

    if not order.organization_id:
        return 0
    return _notify_users(User.query_ids(organization_id=order.organization_id), order, kind,
                         text, fields)


def notify_staff(order, kind: str, text: str, fields: dict | None = None) -> int:
    """Tell every active staff member and admin (the admin's notice list, and WeChat)."""
    from accounts.models import User

    return _notify_users(User.query_ids(staff=True), order, kind, text, fields)


def _notify_users(user_ids: list[int], order, kind: str, text: str, fields) -> int:
    from core.extensions import db
    from notifications.staff import notify_users

    try:
        with db.session.begin_nested():  # a failed notice must not undo the order's step
            return notify_users(user_ids, kind, text, target=f"order:{order.number}",
                                fields=fields)
    except Exception:
        log.exception("notifying users about order %s failed", order.number)
        return 0


def credit_volunteer_hours(volunteer_ref, hours: float, order) -> bool:
    """Add hours to a volunteer's service record; logged on the order either way."""
    from core.extensions import db
    from orders.operations import log_event

    add = _operation("volunteers.operations", "add_service_hours")
    volunteer = _find_volunteer(volunteer_ref) if add is not None else None
    credited = False
    if volunteer is not None:
        try:
            with db.session.begin_nested():  # a refusal (not approved) keeps the order's step
                add(volunteer, hours, f"order:{order.number}:{volunteer.id}")
            credited = True
        except Exception:
            log.exception("crediting volunteer hours for %s failed", order.number)
    log_event(order, "credit_hours", "system", "system",
              data={"volunteer": volunteer_ref, "hours": hours, "credited": credited})
    return credited


def _find_volunteer(ref):
    """A registered volunteer by id or by name; None if unknown (logged as not credited).

    A picked volunteer comes as {"id", "name"}; a name the organisation typed
    that is on no roster as {"name", "registered": False}, and is never matched.
    """
    from core.extensions import db

    model = _operation("volunteers.models", "Volunteer")
    if model is None:
        return None
    if isinstance(ref, dict):
        return db.session.get(model, ref["id"]) if isinstance(ref.get("id"), int) else None
    text = str(ref).strip()
    if text.isdigit():
        found = db.session.get(model, int(text))
        if found is not None:
            return found
    found = db.session.scalars(db.select(model).filter_by(name=text).limit(2)).all()
    return found[0] if len(found) == 1 else None  # two of the same name: a person decides
