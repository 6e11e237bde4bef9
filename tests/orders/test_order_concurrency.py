"""Two staff dispatching, or two org users accepting, at once: exactly one wins.

Real concurrent sessions need a real server, so this runs on PostgreSQL only.
"""
from __future__ import annotations

import threading

import pytest

from accounts.models import User
from core.extensions import db
from orders.operations import apply
from orders.transitions import Actor, TransitionError

def race(app, order_id: int, attempts: list[tuple]) -> list[str]:
    """Run the attempts in threads with their own app contexts; 'ok' or the message."""
    barrier = threading.Barrier(len(attempts))
    results: list[str] = [""] * len(attempts)

    def attempt(i, event, actor, data):
        with app.app_context():
            barrier.wait()
            try:
                apply(order_id, event, actor, version=data.pop("version"), **data)
                db.session.commit()
                results[i] = "ok"
            except TransitionError as exc:
                db.session.rollback()
                results[i] = str(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(i, *a)) for i, a in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results

@pytest.fixture
def pg(app):
    if app.config["BACKEND"] != "services":
        pytest.skip("concurrent sessions need PostgreSQL (set TEST_DATABASE_URL)")
    return app

@pytest.mark.parametrize("round_", range(3))
def test_two_staff_dispatch_at_once(pg, kit, round_):
    order = kit.in_state("pending_dispatch")
    version = order.version
    results = race(pg, order.id, [
        ("dispatch", kit.actors["staff"], {"organization_id": kit.org_ids["org1"],
                                           "version": version}),
        ("dispatch", Actor("staff", "另一位科员"), {"organization_id": kit.org_ids["org3"],
                                                 "version": version}),
    ])
    assert results.count("ok") == 1, results
    loser = next(r for r in results if r != "ok")
    assert "刚刚已被其他人处理" in loser and "待接单" in loser
    db.session.expire_all()
    assert db.session.get(type(order), order.id).state == "dispatched"
    assert len([e for e in kit.timeline(order) if e.event == "dispatch"]) == 1

def test_two_org_users_accept_at_once(pg, kit):

    org1 = db.session.scalar(db.select(User).filter_by(username="org1"))
    colleague = Actor("org", "阳光为老 另一位社工", org_id=org1.organization_id)
    order = kit.in_state("dispatched")
    results = race(pg, order.id, [("accept", Actor.for_user(org1), {"version": order.version}),
                                  ("accept", colleague, {"version": order.version})])
    assert results.count("ok") == 1, results
    assert "服务中" in next(r for r in results if r != "ok")
    assert len([e for e in kit.timeline(order) if e.event == "accept"]) == 1

def test_without_version_the_loser_is_told_the_state(pg, kit):
    """Without a version from the form, the row lock still serialises them."""
    order = kit.in_state("dispatched")
    org1 = kit.actors["org1"]
    results = race(pg, order.id, [("accept", org1, {"version": None}),
                                  ("accept", org1, {"version": None})])
    assert results.count("ok") == 1, results
    assert "服务中" in next(r for r in results if r != "ok")
