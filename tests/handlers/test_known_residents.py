"""Details offered back when a form or an order starts: the right record, in one query."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event

from applications.models import Application, Appointment
from core.extensions import db
from core.residents import Resident
from forms.definitions import FORMS
from handlers import known_residents
from orders.models import Order
from tests.helpers import sim, wx
from volunteers.models import Volunteer

T0 = datetime(2026, 3, 1, 8, 0)
_serial = iter(range(1, 10_000))


def _application(resident: Resident, service: str = "MZ01", *, name: str = "张三",
                 phone: str = "13800000001", community: str = "和平社区",
                 at: datetime = T0) -> None:
    n = next(_serial)
    db.session.add(Application(resident=resident, reference=f"A{n}", idempotency_key=f"a{n}",
                               service=service, title=FORMS[service].title, name=name,
                               phone=phone, community=community, created_at=at))


def _appointment(resident: Resident, day: date, *, service: str = "MZ18", name: str = "李四",
                 phone: str = "13800000002", at: datetime = T0) -> None:
    n = next(_serial)
    db.session.add(Appointment(resident=resident, reference=f"P{n}", idempotency_key=f"p{n}",
                               service=service, title=FORMS[service].title, name=name,
                               phone=phone, day=day, time="09:00", created_at=at))


def _volunteer(resident: Resident, status: str = "approved") -> None:
    db.session.add(Volunteer(resident=resident, name="王五", phone="13800000003", id_masked="3201**",
                             id_number_enc="x", community="友谊社区", status=status))


def _order(resident: Resident, phone: str) -> None:
    n = next(_serial)
    db.session.add(Order(resident=resident, number=f"O{n}", category="meal", phone=phone))


@pytest.fixture
def statements(app):
    """The SELECT statements the database receives while the test runs."""
    seen: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)


def test_nothing_known(app, statements):
    db.session.commit()
    assert known_residents.details_for(sim(), FORMS["MZ01"]) == ({}, {}, "")
    assert known_residents.phone_for_order(sim()) == ""
    assert len(statements) == 2  # one each


def test_newest_application_against_soonest_appointment(app, statements):
    resident = sim()
    _application(resident, name="旧名", phone="13900000001", at=T0)
    _application(resident, name="张三", phone="13900000002", community="和平社区",
                 at=T0 + timedelta(days=1))
    # The soonest appointment is the one compared, though another was booked later.
    _appointment(resident, date(2026, 4, 2), phone="13900000003", at=T0 + timedelta(days=2))
    _appointment(resident, date(2026, 4, 9), phone="13900000004", at=T0 + timedelta(days=5))
    _application(sim("居民B"), phone="13900000009", at=T0 + timedelta(days=9))
    _application(Resident("sms", sim().id), phone="13900000008", at=T0 + timedelta(days=9))
    db.session.commit()
    statements.clear()
    # The appointment (booked after the newest application) is the latest: its form names
    # the applicant, and an appointment holds no community.
    assert known_residents.details_for(resident, FORMS["MZ01"]) == (
        {}, {"name": "李四", "phone": "13900000003"}, "")
    assert known_residents.phone_for_order(resident) == "13900000003"
    assert len(statements) == 2


def test_application_when_newer_and_an_elders_name_not_offered(app):
    resident = sim()
    _appointment(resident, date(2026, 4, 2), phone="13900000003", at=T0)
    _application(resident, "MZ07", name="老人", phone="13900000002", community="和平社区",
                 at=T0 + timedelta(days=1))
    db.session.commit()
    # 高龄津贴's name field is the elder's: not the resident's own name.
    assert known_residents.details_for(resident, FORMS["MZ01"]) == (
        {}, {"phone": "13900000002", "community": "和平社区"}, "")


def test_volunteer_record_first(app, statements):
    resident = wx("oVolunteer")
    _volunteer(resident)
    _application(resident, phone="13900000002", at=T0 + timedelta(days=1))
    db.session.commit()
    statements.clear()
    prefilled, offered, note = known_residents.details_for(resident, FORMS["MZ30"])
    assert prefilled == {"name": "王五", "phone": "13800000003"} and offered == {}
    assert "王五" in note and "13800000003" not in note
    assert known_residents.details_for(resident, FORMS["MZ01"]) == (
        {}, {"name": "王五", "phone": "13800000003", "community": "友谊社区"}, "")
    assert len(statements) == 2


def test_pending_volunteer_offered_not_prefilled(app):
    resident = wx("oPending")
    _volunteer(resident, status="pending")
    db.session.commit()
    assert known_residents.details_for(resident, FORMS["MZ30"]) == (
        {}, {"name": "王五", "phone": "13800000003"}, "")


def test_order_phone_first_then_the_forms(app, statements):
    resident = sim()
    _volunteer(resident)
    _order(resident, "13700000001")
    _order(resident, "13700000002")
    db.session.commit()
    statements.clear()
    assert known_residents.phone_for_order(resident) == "13700000002"
    _order(resident, "")  # the newest order holds no phone: the volunteer record's
    db.session.commit()
    assert known_residents.phone_for_order(resident) == "13800000003"
    assert len(statements) == 2
