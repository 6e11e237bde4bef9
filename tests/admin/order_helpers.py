"""gen_* builders for orders in admin tests: through the domain, as residents and staff make them."""
from __future__ import annotations

import re
from datetime import datetime

from accounts.models import User
from core.audit import utcnow
from core.extensions import db
from orders import operations
from orders.models import Order
from orders.transitions import Actor
from tests.helpers import wx

RESIDENT = Actor.for_resident(wx("oResidentA"))
PHONE = "13800138000"


def user(username: str) -> User:
    return db.session.scalar(db.select(User).filter_by(username=username))


def actor(username: str) -> Actor:
    """A demo account acting on orders, as the admin pages make it."""
    return RESIDENT if username == "resident" else Actor.for_user(user(username))


def org_id(username: str) -> int:
    return user(username).organization_id


def gen_order(now: datetime | None = None, category: str = "cleaning", **fields) -> Order:
    """A submitted order, committed; `now` in the past makes it overdue."""
    fields.setdefault("address", "幸福社区和平路12号3栋")
    fields.setdefault("community", "幸福社区")
    fields.setdefault("phone", PHONE)
    fields.setdefault("description", "家里老人需要有人上门打扫卫生")
    order = operations.submit_order(RESIDENT, category=category, now=now or utcnow(), **fields)
    db.session.commit()
    return order


def move(order: Order, *steps, now: datetime | None = None) -> Order:
    """Apply (event, who, data) steps through the domain and commit."""
    for event, who, data in steps:
        data = dict(data)
        if isinstance(data.get("organization_id"), str):
            data["organization_id"] = org_id(data["organization_id"])
        operations.apply(order.id, event, actor(who), now=now, **data)
    db.session.commit()
    db.session.refresh(order)
    return order


APPROVE = ("approve", "staff", {})
DISPATCH_ORG1 = ("dispatch", "staff", {"organization_id": "org1"})
ACCEPT_ORG1 = ("accept", "org1", {})
COMPLETE_ORG1 = ("complete", "org1", {"notes": "打扫完毕", "hours": 2, "volunteers": []})


def flashes(html: str) -> list[str]:
    """The flash messages on a page."""
    return re.findall(r'<p class="flash flash-\w+">([^<]*)</p>', html)


def forms_offered(html: str) -> list[str]:
    """The order actions a page offers, in page order."""
    return re.findall(r'data-event="(\w+)"', html)
