"""Order fixtures: demo organisations and users, and orders built in any state."""
from __future__ import annotations

from datetime import datetime

import functools

import pytest

from accounts.models import Organization, User
from core.extensions import db
from orders import operations
from orders.models import OrderEvent
from orders.transitions import Actor
from tests.helpers import wx

from order_paths import PATH, RESIDENT, T0  # noqa: E402


class Kit:
    """Actors and builders for order tests."""

    def __init__(self) -> None:
        orgs = {o.name: o for o in db.session.scalars(db.select(Organization))}
        self.org_ids = {"org1": orgs["阳光为老服务中心"].id, "org2": orgs["安康助医服务社"].id,
                        "org3": orgs["邻里帮家政维修队"].id}
        users = {u.username: u for u in db.session.scalars(db.select(User))}
        self.actors = {
            "staff": Actor.for_user(users["staff"]),
            "org1": Actor.for_user(users["org1"]), "org2": Actor.for_user(users["org2"]),
            "org3": Actor.for_user(users["org3"]),
            "resident": Actor.for_resident(wx(RESIDENT)),
            "other_resident": Actor.for_resident(wx("oOther")),
            "system": operations.SYSTEM, "api": Actor("api", "12345"),
        }

    def data(self, data: dict) -> dict:
        data = dict(data)
        if isinstance(data.get("organization_id"), str):
            data["organization_id"] = self.org_ids[data["organization_id"]]
        return data

    def new(self, category: str = "cleaning", now: datetime = T0, **fields):
        fields.setdefault("address", "幸福社区和平路12号3栋")
        return operations.submit_order(self.actors["resident"], category=category,
                                       description="家里老人需要有人上门打扫卫生",
                                       phone="13800138000", now=now, **fields)

    def do(self, order, event: str, who: str, now: datetime | None = None, **data):
        return operations.apply(order.id, event, self.actors[who], now=now or T0,
                                **self.data(data))

    def in_state(self, state: str, category: str = "cleaning"):
        order = self.new(category)
        for event, who, data in PATH[state]:
            self.do(order, event, who, **data)
        db.session.commit()
        return order


@functools.lru_cache(maxsize=1)
def _hash() -> str:
    # Hashing is slow on purpose; one hash serves every demo user in tests.
    from werkzeug.security import generate_password_hash

    return generate_password_hash("org12345")


@pytest.fixture
def accounts(app):
    """Only the demo organisations and users: seeding the knowledge base is slow."""
    from accounts.seed import DEMO_USERS, demo_orgs

    orgs = {}
    for name, cats, communities, phone in demo_orgs():
        orgs[name] = Organization(name=name, categories=cats, communities=communities,
                                  contact_phone=phone)
        db.session.add(orgs[name])
    for username, _, role, display, org_name in DEMO_USERS:
        db.session.add(User(username=username, role=role, display_name=display,
                            password_hash=_hash(), organization=orgs.get(org_name)))
    db.session.commit()
    return app


@pytest.fixture
def kit(accounts) -> Kit:
    return Kit()


def _last_event(self, order):
    return db.session.scalars(db.select(OrderEvent).filter_by(order_id=order.id)
                              .where(OrderEvent.event != "notify")
                              .where(OrderEvent.event != "credit_hours")
                              .order_by(OrderEvent.id.desc()).limit(1)).one()


Kit.last_event = _last_event


def _timeline(self, order):
    return db.session.scalars(db.select(OrderEvent).filter_by(order_id=order.id)).all()


Kit.timeline = _timeline
