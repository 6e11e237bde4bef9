"""Notices about an order: to the resident, the organisation and staff; each on its timeline."""
from __future__ import annotations

import logging

from accounts.models import Organization, User
from core import calendar
from core.extensions import db
from core.residents import Resident
from notifications.operations import notify
from notifications.staff import notify_users
from orders import categories, texts
from orders.models import Order
from orders.timeline import SYSTEM, log_event

log = logging.getLogger(__name__)


def values(order: Order, **extra) -> dict:
    """What notices about an order may say (also the template fields)."""
    org = db.session.get(Organization, order.organization_id) if order.organization_id else None
    deadline = f"{calendar.to_china(order.due_at):%m月%d日 %H:%M}" if order.due_at else "-"
    return {"number": order.number, "category": categories.short(order.category),
            "status": texts.STATE_LABELS.get(order.state, order.state),
            "org": org.name if org else "", "deadline": deadline, "reason": "", **extra}


def notify_resident(resident: Resident, text: str, order=None, kind: str = "order_status",
                    fields: dict | None = None) -> bool:
    """Send a resident a message; always logged on the order. True if queued."""
    delivered = False
    if resident:
        try:
            notify(resident, text, source=f"order:{order.number}" if order is not None else "",
                   kind=kind, fields=fields)
            delivered = True
        except Exception:  # a failed send must not undo the order's step
            # Neither the resident's id nor the text: logs carry no personal data.
            log.exception("notify for order %s failed",
                          order.number if order is not None else "-")
    if order is not None:
        log_event(order, "notify", SYSTEM.name, SYSTEM.role, reason=text,
                  data={"to": resident.key, "delivered": delivered})
    return delivered


def notify_org(order, kind: str, text: str, fields: dict | None = None) -> int:
    """Tell the organisation's users (admin notices, and WeChat for those bound)."""
    if not order.organization_id:
        return 0
    return _notify_users(User.query_ids(organization_id=order.organization_id), order, kind,
                         text, fields)


def notify_staff(order, kind: str, text: str, fields: dict | None = None) -> int:
    """Tell every active staff member and admin (the admin's notice list, and WeChat)."""
    return _notify_users(User.query_ids(staff=True), order, kind, text, fields)


def _notify_users(user_ids: list[int], order, kind: str, text: str, fields) -> int:
    try:
        with db.session.begin_nested():  # a failed notice must not undo the order's step
            return notify_users(user_ids, kind, text, target=f"order:{order.number}",
                                fields=fields)
    except Exception:
        log.exception("notifying users about order %s failed", order.number)
        return 0
