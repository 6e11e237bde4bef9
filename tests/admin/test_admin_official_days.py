"""节假日安排: staff enter a year's 放假/调休 days; the dashboard warns while the next 90 days have none."""
from __future__ import annotations

from datetime import date, datetime, UTC

import pytest

from core import calendar
from core.audit import AuditEntry
from core.extensions import db


@pytest.fixture
def december_2026(monkeypatch):
    monkeypatch.setattr(calendar, "_system_utc",
                        lambda: datetime(2026, 12, 1, 4, 0, tzinfo=UTC))


def test_dashboard_warns_until_2027_has_official_days(auth, client, december_2026):
    auth.login("staff")
    page = client.get("/admin/").get_data(as_text=True)
    assert 'data-testid="calendar-gap"' in page and "2027 年还没有官方放假调休安排" in page
    response = client.post("/admin/calendar?year=2027",
                           data={"day": "2027-01-01", "kind": "off", "note": "元旦"})
    assert response.status_code == 302
    assert 'data-testid="calendar-gap"' not in client.get("/admin/").get_data(as_text=True)


def test_staff_enter_and_remove_a_day_audited(auth, client, december_2026):
    auth.login("staff")
    client.post("/admin/calendar", data={"day": "2027-01-09", "kind": "work", "note": "调休上班"})
    page = client.get("/admin/calendar?year=2027").get_data(as_text=True)
    assert "2027-01-09（周六）" in page and "调休上班" in page
    assert calendar.is_workday(date(2027, 1, 9))
    client.post("/admin/calendar/delete?year=2027", data={"key": "2027-01-09"})
    calendar.forget()
    assert not calendar.is_workday(date(2027, 1, 9))
    actions = db.session.scalars(db.select(AuditEntry.action)
                                 .where(AuditEntry.action.like("calendar.%"))).all()
    assert sorted(actions) == ["calendar.remove", "calendar.set"]


def test_a_bad_date_comes_back_with_the_reason_and_what_was_typed(auth, client):
    auth.login("staff")
    response = client.post("/admin/calendar", data={"day": "2027-02-30", "kind": "off",
                                                    "note": "春节"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "看不懂" in page and 'value="春节"' in page


def test_organisations_cannot_enter_days(auth, client):
    auth.login("org1")
    assert client.get("/admin/calendar").status_code in (302, 403)
