"""Across 春节 2027 in simulated time, on the real scheduler and worker (tests/notices/simtime.py).

python-holidays has 5-10 February 2027 off (no days are entered by staff here:
the State Council's arrangement is theirs to enter). Deadlines counted in
working days wait for the holiday to end; the day-3 rating reminder and the
day-7 close count calendar days and run through it. Residents hear of their
orders, applications and tickets by customer-service message inside WeChat's
48 hours and by template after; the one who unfollowed gets nothing, and the
order's and application's pages say why.
"""
from __future__ import annotations

import time
import uuid
from datetime import date, timedelta

from applications import operations as app_ops
from applications.models import Application
from core import calendar
from core.extensions import db
from handoff import operations as ticket_ops
from orders.models import Order, OrderEvent
from orders.transitions import Actor
from tests.helpers import gen_id, wx, years_ago
from tests.notices.simtime import (ACTIVE, GONE, ORG_WECHAT, QUIET, Sim, apply, beijing,
                                   check_recorded_is_received, check_unfollowed_got_nothing,
                                   configure_templates, due_day, needs_services, org_binds,
                                   staff, staff_sees_why, staff_texts, submit, template_kind,
                                   unfollow)

pytestmark = needs_services  # the `sim` fixture comes from conftest.py
START = beijing(2027, 2, 3, 10, 0)  # Wednesday, two working days before the break
HOLIDAY = {date(2027, 2, 5) + timedelta(days=n) for n in range(6)}  # 5-10 Feb
QUIET_WINDOW_ENDS = beijing(2027, 2, 5, 10, 0)  # 48 h after the quiet resident's last message
WORKING_DAY_TIMERS = ("remind", "escalate", "accept_timeout", "due_soon")


def test_spring_festival_deadlines_wait_and_every_party_hears(sim):
    started = time.monotonic()
    sim.set_time(START, active_writes=False)
    configure_templates()
    org1 = org_binds(sim)
    org = Actor("org", "org1", org_id=org1)
    # P: nobody accepts it; Q: served late (resident unfollowed); R: served before the break.
    p, q, r = (submit(sim, who) for who in (ACTIVE, GONE, QUIET))
    cases = _applications_and_tickets()
    sim.settled()
    unfollow(sim, GONE)
    assert due_day(p) == (date(2027, 2, 4), "10:00")

    sim.set_time(beijing(2027, 2, 4, 10, 30))
    for number in (p, q, r):
        sim.wait_event(number, "remind")
    sim.set_time(beijing(2027, 2, 4, 14, 30))
    for number in (p, q, r):
        sim.wait_event(number, "escalate")
        apply(number, "approve", staff())
        apply(number, "dispatch", staff(), organization_id=org1)
    apply(q, "accept", org)
    apply(r, "accept", org)
    apply(r, "complete", org, notes="已上门服务", hours=2.0, volunteers=[])
    # Dispatched the Thursday before the break: one working day to accept is the Thursday
    # after it, and three working days of service end on Monday 15 February.
    assert due_day(p) == (date(2027, 2, 11), "14:30") and due_day(q) == (date(2027, 2, 15), "14:30")

    # In the holiday: R's day-3 rating reminder comes; no working-day deadline has passed.
    sim.set_time(beijing(2027, 2, 7, 15, 0))
    s = submit(sim, ACTIVE)  # ordered on a day off: review is due the day after work resumes
    assert due_day(s) == (date(2027, 2, 12), "09:00")
    sim.wait_event(r, "rating_reminder")
    # The same sweep pass (one commit) looked at P and Q at the same moment and left them.
    assert not sim.events(p, "accept_timeout") and not sim.events(p, "due_soon")
    assert len(sim.events(q, "remind")) == 1  # the review-stage one only

    # Work resumes: the organisation is warned of P, then it is taken back; R closes on day 7.
    sim.set_time(beijing(2027, 2, 11, 10, 45))
    sim.wait_event(p, "due_soon")
    sim.say(ACTIVE, "我的申请")  # back in WeChat after the break
    _staff_answer(cases)
    sim.set_time(beijing(2027, 2, 11, 14, 45))
    sim.wait_event(p, "accept_timeout")
    sim.wait_event(r, "rating_timeout")
    apply(p, "dispatch", staff(), organization_id=org1)
    apply(p, "accept", org)
    assert due_day(p)[0] == date(2027, 2, 16)  # Fri 12, Mon 15, Tue 16

    sim.set_time(beijing(2027, 2, 12, 9, 30))
    sim.wait_event(s, "remind")
    for event, actor, data in (("approve", staff(), {}), ("dispatch", staff(), {"organization_id": org1}),
                               ("accept", org, {})):
        apply(s, event, actor, **data)

    # Q is late: warned, reminded at its deadline, escalated 4 h later.
    sim.set_time(beijing(2027, 2, 15, 11, 0))
    sim.wait_event(q, "due_soon")
    sim.set_time(beijing(2027, 2, 15, 15, 0))
    sim.wait_event(q, "remind", 2)
    sim.set_time(beijing(2027, 2, 15, 19, 0))
    sim.wait_event(q, "escalate", 2)
    for number in (p, q, s):
        apply(number, "complete", org, notes="已上门服务", hours=1.5, volunteers=[])
    completed = sim.now()
    sim.set_time(completed + timedelta(days=3) - timedelta(hours=1))
    sim.set_time(completed + timedelta(days=3, minutes=5))
    for number in (p, q, s):
        sim.wait_event(number, "rating_reminder")
    sim.set_time(completed + timedelta(days=7, minutes=5))
    for number in (p, q, s):
        sim.wait_event(number, "rating_timeout")
    sim.settled()

    _check_no_working_day_timer_in_the_holiday(r)
    _check_channels(sim, cases)
    _check_staff_heard(p, q)
    print("\n" + sim.report(started, START))


def _applications_and_tickets() -> dict:
    """Each resident files a pre-application; the quiet one also asks for a person (转人工)."""
    ids = {}
    for n, who in enumerate((ACTIVE, QUIET, GONE)):
        person = app_ops.Person(f"居民{n}", "13812345678", gen_id(years_ago(82), f"12{n}"), "幸福社区")
        ids[who] = app_ops.submit_application(wx(who), "MZ07", "高龄津贴", person, {}, {},
                                              key=uuid.uuid4().hex).id
    ticket = ticket_ops.open_ticket(wx(QUIET), "想问问高龄津贴什么时候发")
    db.session.commit()
    return {"applications": ids, "ticket": ticket.id}


def _staff_answer(cases: dict) -> None:
    """After the break staff decide the applications and answer the ticket."""
    from handoff.models import Ticket

    decisions = {ACTIVE: ("approved", ""), QUIET: ("need_info", "请补充户口簿复印件"),
                 GONE: ("rejected", "年龄未满80周岁")}
    for who, (status, reason) in decisions.items():
        record = db.session.get(Application, cases["applications"][who])
        app_ops.change_status(record, status, actor="staff", reason=reason)
    ticket = db.session.get(Ticket, cases["ticket"])
    ticket_ops.staff_reply(ticket, "王科员", "高龄津贴每月10日前发放到社保卡。", actor="staff")
    db.session.commit()


def _check_no_working_day_timer_in_the_holiday(r: str) -> None:
    events = db.session.scalars(db.select(OrderEvent).where(
        OrderEvent.event.in_((*WORKING_DAY_TIMERS, "rating_reminder")))).all()
    fired = {(e.event, calendar.china_day(e.at)) for e in events}
    assert not {(event, day) for event, day in fired
                if event in WORKING_DAY_TIMERS and day in HOLIDAY}, sorted(fired)
    (reminder,) = [e for e in events if e.event == "rating_reminder" and e.order.number == r]
    assert calendar.china_day(reminder.at) == date(2027, 2, 7)  # calendar days run on


def _check_channels(sim: Sim, cases: dict) -> None:
    api = sim.api
    check_recorded_is_received(sim)
    # The active resident wrote within 48 hours of each notice: customer-service messages.
    assert api.sent(ACTIVE) and not api.sent(ACTIVE, "template")
    assert not [s for s in api.refused if s["openid"] in (ACTIVE, QUIET)]
    # The quiet resident: customer-service messages while the window was open, then templates.
    custom, template = api.sent(QUIET, "custom"), api.sent(QUIET, "template")
    assert custom and all(s["at"] < QUIET_WINDOW_ENDS for s in custom)
    assert template and all(s["at"] >= QUIET_WINDOW_ENDS for s in template)
    assert {"rating_reminder", "need_materials", "ticket_answered"} <= {
        template_kind(s) for s in template}
    (materials,) = [s for s in template if template_kind(s) == "need_materials"]
    assert materials["body"]["data"]["keyword2"]["value"] == "需补充材料"
    # The unfollowed resident: only the 点单 receipt went; the rest, application result
    # included, is undeliverable, and staff see why on the order and the application.
    after = check_unfollowed_got_nothing(sim, before=1, at_least=6)
    assert "application_result" in {n.kind for n in after}
    q = db.session.scalar(db.select(Order.id).where(Order.resident == wx(GONE)))
    staff_sees_why(sim, f"/admin/orders/{q}")
    staff_sees_why(sim, f"/admin/applications/{cases['applications'][GONE]}")
    # The organisation: the three first orders inside its 48 hours (each with its deadline
    # after the break), everything later by template.
    dispatched = [s["body"]["text"]["content"] for s in api.sent(ORG_WECHAT, "custom")]
    assert len(dispatched) == 3 and all("02月11日 14:30 前接单" in t for t in dispatched), dispatched
    assert {template_kind(s) for s in api.sent(ORG_WECHAT, "template")} == {
        "org_dispatched", "deadline_soon", "reminder"}


def _check_staff_heard(p: str, q: str) -> None:
    texts = staff_texts()
    assert any("无人接单" in t and p in t for t in texts)
    assert any("超时上报" in t and q in t and "社会组织" in t for t in texts)
    states = db.session.execute(db.select(Order.state, Order.outcome)).all()
    assert set(states) == {("closed", "unrated")}, states
