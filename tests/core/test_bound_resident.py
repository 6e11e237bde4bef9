"""A resident's own rows through statements built once with the resident bound at execution."""
from __future__ import annotations

from datetime import date, timedelta

from applications.models import Application, Appointment
from applications.queries import applications_for, appointments_for
from core import calendar
from core.extensions import db
from core.residents import Resident
from orders.models import Order
from orders.queries import awaiting_rating, resident_orders
from volunteers.models import Volunteer
from volunteers.queries import volunteer_for

ME, SAME_ID_ELSEWHERE, OTHER = Resident("wechat", "o1"), Resident("sms", "o1"), Resident("wechat", "o2")


def _rows() -> None:
    n = 0
    for who in (ME, SAME_ID_ELSEWHERE, OTHER):
        db.session.add(Volunteer(resident=who, name=who.channel + who.id, phone="1", id_masked="",
                                 id_number_enc="", status="pending"))
        for state in ("submitted", "closed", "awaiting_rating"):
            n += 1
            db.session.add(Order(resident=who, number=f"N{n}", category="meal", state=state,
                                 phone=f"{who.key}-{state}"))
        for k in range(3):
            n += 1
            db.session.add(Application(resident=who, reference=f"A{n}", idempotency_key=f"a{n}",
                                       service="MZ01", title="t", name=f"{who.key}-{k}"))
        for k, (day, status) in enumerate(((-2, "booked"), (3, "cancelled"), (1, "booked"),
                                           (5, "booked"))):
            n += 1
            db.session.add(Appointment(resident=who, reference=f"P{n}", idempotency_key=f"p{n}",
                                       service="MZ18", title="t", name=f"{who.key}-{k}",
                                       day=calendar.today() + timedelta(days=day), time="09:00",
                                       status=status))
    db.session.commit()


def test_each_query_reads_the_residents_own_rows_on_its_own_channel(app):
    _rows()
    for who in (ME, SAME_ID_ELSEWHERE):
        assert volunteer_for(who).name == who.channel + who.id
        assert [o.phone for o in resident_orders(who)] == [
            f"{who.key}-awaiting_rating", f"{who.key}-closed", f"{who.key}-submitted"]
        assert [o.phone for o in resident_orders(who, open_only=True, limit=5)] == [
            f"{who.key}-awaiting_rating", f"{who.key}-submitted"]
        assert [o.phone for o in resident_orders(who, limit=1)] == [f"{who.key}-awaiting_rating"]
        assert [o.phone for o in awaiting_rating(who)] == [f"{who.key}-awaiting_rating"]
        assert [a.name for a in applications_for(who, limit=2)] == [f"{who.key}-2", f"{who.key}-1"]
        assert [a.name for a in appointments_for(who)] == [
            f"{who.key}-{k}" for k in (0, 2, 1, 3)]
        # Active: booked, from today on, soonest first.
        assert [a.name for a in appointments_for(who, active_only=True)] == [
            f"{who.key}-2", f"{who.key}-3"]
        assert [a.name for a in appointments_for(who, active_only=True, limit=1)] == [f"{who.key}-2"]
    assert volunteer_for(Resident("wechat", "nobody")) is None
    assert resident_orders(Resident("wechat", "nobody")) == []
    assert isinstance(calendar.today(), date)


def test_the_open_ticket_is_the_residents_own_on_its_own_channel(app):
    from handoff.models import Ticket
    from handoff.operations import open_ticket_for

    for who in (ME, SAME_ID_ELSEWHERE):
        db.session.add(Ticket(resident=who, kind="help", subject=f"{who.key}-old", status="closed"))
        db.session.add(Ticket(resident=who, kind="help", subject=f"{who.key}-open"))
    db.session.commit()
    for who in (ME, SAME_ID_ELSEWHERE):
        assert open_ticket_for(who).subject == f"{who.key}-open"
    assert open_ticket_for(OTHER) is None
