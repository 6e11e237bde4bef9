"""节假日安排: staff enter a year's 放假/调休 days; the dashboard warns while the next 90 days have none."""
from __future__ import annotations

import re
from datetime import date, datetime, UTC

import pytest

from core import calendar, fakeclock
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


@pytest.fixture
def fake_date(tmp_path, monkeypatch):
    """Run the one clock ahead to a Beijing date at 10:00, as `core.fakeclock` does for processes."""
    path = str(tmp_path / "clock")
    monkeypatch.setenv("FAKE_CLOCK", "1")
    monkeypatch.setenv("MZT_FAKE_CLOCK_FILE", path)
    fakeclock.configure()  # the clock reads its variables once (core.fakeclock)

    def move(*day):
        at = calendar.from_china(datetime(*day, 10, 0))
        fakeclock.write_offset(path, (at - datetime.now(UTC).replace(tzinfo=None)).total_seconds())
        assert calendar.today() == date(*day)
    yield move
    monkeypatch.undo()
    fakeclock.configure()  # later tests read the real clock


def _sign_in_again(auth) -> None:
    """Months apart, each look is a sign-in of its own (the last one has long expired)."""
    auth.logout()
    auth.login("staff")


def _warned_years(auth, client) -> list[int]:
    _sign_in_again(auth)
    page = client.get("/admin/").get_data(as_text=True)
    return [int(y) for y in re.findall(r'data-testid="calendar-gap">未来 90 天内的 (\d{4}) 年', page)]


def _enter(auth, client, day: str, note: str) -> None:
    """Staff enter one day on 节假日安排 (test data standing in for the published notice)."""
    _sign_in_again(auth)
    assert client.post("/admin/calendar", data={"day": day, "kind": "off", "note": note}).status_code == 302


def test_the_dashboard_warning_at_dates_in_december_2026_and_in_2027(auth, client, fake_date):
    fake_date(2026, 12, 1)  # 2026 is chinese_calendar's; the next 90 days reach into 2027
    assert _warned_years(auth, client) == [2027]
    fake_date(2026, 10, 1)  # 90 days end on 30 December: nothing to warn of yet
    assert _warned_years(auth, client) == []
    fake_date(2027, 3, 15)  # inside 2027, nothing entered
    assert _warned_years(auth, client) == [2027]
    fake_date(2027, 10, 3)  # the 90th day is 1 January 2028
    assert _warned_years(auth, client) == [2027, 2028]
    _enter(auth, client, "2027-01-01", "元旦")
    assert _warned_years(auth, client) == [2028]
    fake_date(2027, 10, 2)  # the 90th day is 31 December 2027
    assert _warned_years(auth, client) == []
    fake_date(2027, 12, 1)
    assert _warned_years(auth, client) == [2028]
    _enter(auth, client, "2028-01-01", "元旦")
    assert _warned_years(auth, client) == []
    # The link takes staff to the year that is missing.
    fake_date(2028, 11, 1)
    _sign_in_again(auth)
    page = client.get("/admin/").get_data(as_text=True)
    assert "/admin/calendar?year=2029" in page and "2028 年还没有" not in page


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
