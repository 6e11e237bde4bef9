"""Orders through every stage in simulated time, on the real scheduler and worker, past 元旦 2027.

`flask scheduler` and `flask worker` run as processes on PostgreSQL and
Redis (TEST_DATABASE_URL / TEST_REDIS_URL), with their clock run ahead by an
offset file (core.fakeclock) and WeChat faked on loopback (tests/notices/simtime.py).
Nothing here calls the sweep: the test moves the clock and waits for the
processes to act. It starts on 2026-12-30 and runs past 元旦 2027; the 春节
scenario is test_simulated_spring_festival.py.
"""
from __future__ import annotations

import time
from datetime import date, timedelta

from core import create_app
from core.extensions import db
from core.periodic import periodic_jobs
from orders.models import Order
from orders.transitions import Actor
from tests.helpers import wx
from tests.notices.simtime import (ACTIVE, GONE, ORG_WECHAT, QUIET, Sim, apply, beijing,
                                   check_recorded_is_received, check_unfollowed_got_nothing,
                                   configure_templates, due, due_day, needs_services, org_binds,
                                   staff, staff_sees_why, staff_texts, submit, template_kind,
                                   unfollow)

pytestmark = needs_services  # the `sim` fixture comes from conftest.py
START = beijing(2026, 12, 30, 9, 0)  # a Wednesday


def test_every_stage_runs_by_itself_and_every_party_hears(sim):
    started = time.monotonic()
    assert "orders.tasks.sweep" in [p.dotted for p in periodic_jobs(create_app())]
    sim.set_time(START, active_writes=False)
    configure_templates()
    org1 = org_binds(sim)
    numbers = [submit(sim, who) for who in (ACTIVE, QUIET, GONE)]
    a, b, c = numbers
    sim.settled()
    unfollow(sim, GONE)

    # Review is due one working day later: a reminder at due, escalation 4 h after.
    assert due_day(a) == (date(2026, 12, 31), "09:00")
    sim.set_time(due(a) + timedelta(minutes=30))
    for number in numbers:
        sim.wait_event(number, "remind")
    sim.set_time(due(a) + timedelta(hours=4, minutes=30))
    for number in numbers:
        sim.wait_event(number, "escalate")

    for number in numbers:
        apply(number, "approve", staff())
        apply(number, "dispatch", staff(), organization_id=org1)
    org = Actor("org", "org1", org_id=org1)
    for number in (b, c):
        apply(number, "accept", org)
    # Dispatched on the last afternoon of 2026: accepting is due after 元旦 and the weekend,
    # and three working days of service end on Wednesday 6 January.
    assert due_day(a)[0] == date(2027, 1, 4) and due_day(b)[0] == date(2027, 1, 6)
    # Nobody accepts order A: the organisation is warned, then it is taken back.
    sim.set_time(due(a) - timedelta(hours=3))
    sim.wait_event(a, "due_soon")
    sim.set_time(due(a) + timedelta(minutes=5))
    sim.wait_event(a, "accept_timeout")
    apply(a, "dispatch", staff(), organization_id=org1)
    apply(a, "accept", org)

    # Order B is served late: the organisation is reminded, then staff are told.
    sim.set_time(due(b) + timedelta(minutes=30))
    sim.wait_event(b, "remind", 2)
    sim.set_time(due(b) + timedelta(hours=4, minutes=30))
    sim.wait_event(b, "escalate", 2)
    sim.say(ACTIVE, "我的订单")
    for number in numbers:
        apply(number, "complete", org, notes="已上门服务", hours=2.0, volunteers=[])
    completed = sim.now()

    # Day 3: rating reminders. The active resident wrote an hour before.
    sim.set_time(completed + timedelta(days=3) - timedelta(hours=1))
    sim.set_time(completed + timedelta(days=3, minutes=5))
    for number in numbers:
        sim.wait_event(number, "rating_reminder")
    apply(a, "rate", Actor.for_resident(wx(ACTIVE)), score=2, resolved=False)
    # Day 7: the unrated ones close as 未评价.
    sim.set_time(completed + timedelta(days=7, minutes=5))
    for number in (b, c):
        sim.wait_event(number, "rating_timeout")
    sim.settled()
    _check_channels(sim, numbers)
    _check_staff_heard(numbers)
    print("\n" + sim.report(started, START))


def _check_channels(sim: Sim, numbers: list[str]) -> None:
    api = sim.api
    check_recorded_is_received(sim)
    # The active resident always wrote within 48 hours: customer-service messages only.
    assert api.sent(ACTIVE) and not api.sent(ACTIVE, "template")
    assert [s for s in api.refused if s["openid"] == ACTIVE] == []
    # The quiet one went silent at the start: completion and rating reminder by template.
    quiet = {s["body"]["template_id"] for s in api.sent(QUIET, "template")}
    assert {"TPL_order_completed_0001", "TPL_rating_reminder_0001"} <= quiet, quiet
    # The one who unfollowed got nothing after, and WeChat was not even asked.
    check_unfollowed_got_nothing(sim, before=1, at_least=4)  # only the 点单 receipt went
    # The organisation: new order inside its 48 hours, deadline warning after them.
    org = {template_kind(s) for s in api.sent(ORG_WECHAT, "template")}
    assert "deadline_soon" in org and api.sent(ORG_WECHAT, "custom")
    order_id = db.session.scalar(db.select(Order.id).filter_by(number=numbers[2]))
    staff_sees_why(sim, f"/admin/orders/{order_id}")


def _check_staff_heard(numbers: list[str]) -> None:
    texts = staff_texts()
    a = numbers[0]
    assert any("超时上报" in t and a in t for t in texts)
    assert any("无人接单" in t and a in t for t in texts)
    assert any("未解决" in t and a in t for t in texts)
    for number in numbers[1:]:
        closed = db.session.scalar(db.select(Order).filter_by(number=number))
        assert (closed.state, closed.outcome) == ("closed", "unrated")
