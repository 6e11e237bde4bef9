"""The one calendar: China time, and working days that last past chinese_calendar's data."""
from __future__ import annotations

from datetime import date, datetime, timedelta, UTC

import holidays
import pytest

from applications import slots
from core import calendar
from core import official_days as ops
from core.extensions import db
from forms import validators
from forms.definitions import DATE
from handlers import form_flow
from orders import deadlines

# python-holidays' China days off in the first weeks of 2027: 元旦 and 春节 (incl. observed).
CN_2027 = {d for d in holidays.China(years=2027) if d < date(2027, 3, 1)}


@pytest.fixture
def clock(monkeypatch):
    """Move the one wall clock (core.calendar) to a given UTC instant."""
    def move(*args):
        monkeypatch.setattr(calendar, "_system_utc",
                            lambda: datetime(*args, tzinfo=UTC))
    return move


def beijing(*args) -> datetime:
    return calendar.from_china(datetime(*args))


def test_the_dates_checked_are_python_holidays_own():
    assert date(2027, 1, 1) in CN_2027
    assert {date(2027, 2, 6), date(2027, 2, 7), date(2027, 2, 8)} <= CN_2027  # 春节


def test_today_is_china_s_day_on_a_utc_host(app, clock):
    clock(2026, 12, 1, 23, 30)
    assert calendar.today() == date(2026, 12, 2)
    assert validators.today() == date(2026, 12, 2)
    assert calendar.now().hour == 7 and calendar.utcnow() == datetime(2026, 12, 1, 23, 30)


def test_appointment_days_start_after_china_s_today(app, clock):
    clock(2026, 12, 1, 23, 30)  # Wednesday 07:30 in Beijing
    offered = form_flow.options(DATE, {"code": "MZ18", "answers": {}})
    assert offered[0] == "2026-12-03"


def test_deadlines_never_fall_on_new_year_or_spring_festival_2027(app):
    start = beijing(2026, 12, 20, 10)
    while start < beijing(2027, 2, 20, 10):
        for days in (1, 2, 3, 5):
            due = calendar.to_china(deadlines.add_working_days(start, days)).date()
            assert due not in CN_2027 and due.weekday() < 5, (start, days, due)
        start += timedelta(hours=13)
    # A Friday before 春节 2027: the next working day is after the whole break.
    assert deadlines.add_working_days(beijing(2027, 2, 4, 10), 1) == beijing(2027, 2, 11, 10)
    assert deadlines.add_working_days(beijing(2026, 12, 31, 15), 1) == beijing(2027, 1, 4, 15)


def test_appointment_slots_never_fall_on_new_year_or_spring_festival_2027(app):
    for offset in range(0, 70, 3):
        start = date(2026, 12, 20) + timedelta(days=offset)
        offered = set(slots.working_days(start))
        assert not offered & CN_2027, start


def test_a_staff_entered_make_up_saturday_is_a_working_day(app):
    saturday = date(2027, 1, 9)  # test data, not the real 2027 arrangement
    assert not calendar.is_workday(saturday)
    ops.set_day(date(2027, 1, 1), "off", "元旦", "王科员")
    ops.set_day(saturday, "work", "调休上班", "王科员")
    db.session.commit()
    assert calendar.source(saturday) == "official"
    assert calendar.is_workday(saturday) and not calendar.is_workday(date(2027, 1, 1))
    assert deadlines.add_working_days(beijing(2027, 1, 8, 10), 1) == beijing(2027, 1, 9, 10)
    assert saturday in slots.working_days(date(2027, 1, 7))
    # Days not entered still follow python-holidays: a half-entered year keeps 春节.
    assert calendar.source(date(2027, 2, 8)) == "holidays"
    assert not calendar.is_workday(date(2027, 2, 8))


def test_entered_days_win_over_chinese_calendar(app):
    national_day = date(2026, 10, 8)  # a working Thursday in chinese_calendar's 2026 data
    assert calendar.is_workday(national_day)
    ops.set_day(national_day, "off", "测试", "王科员")
    db.session.commit()
    assert not calendar.is_workday(national_day)


def test_the_90_day_warning_names_years_without_official_data(app, clock):
    clock(2026, 12, 1, 4, 0)
    assert calendar.years_without_official_data() == [2027]
    assert calendar.years_without_official_data(date(2026, 6, 1)) == []
    ops.set_day(date(2027, 1, 1), "off", "元旦", "王科员")
    db.session.commit()
    assert calendar.years_without_official_data() == []


def test_import_is_all_or_nothing_and_audited(app):
    from core.audit import AuditEntry

    with pytest.raises(ops.BadDay, match="第 2 行"):
        ops.import_rows([["2027-01-01", "放假", "元旦"], ["2027-13-01", "放假"]], "王科员")
    db.session.rollback()
    assert ops.days_of(2027) == []
    count = ops.import_rows([["# 日期,类型,说明"], ["2027-01-01", "放假", "元旦"],
                             ["2027-01-09", "调休上班", ""]], "王科员")
    db.session.commit()
    assert count == 2 and [d.kind for d in ops.days_of(2027)] == ["off", "work"]
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))
                             .where(AuditEntry.action == "calendar.set")) == 2


def test_calendar_import_command(app, runner, tmp_path):
    path = tmp_path / "2027.csv"
    path.write_text("2027-01-01,放假,元旦\n2027-01-09,调休上班,\n", encoding="utf-8")
    result = runner.invoke(args=["calendar", "import", str(path), "--actor", "王科员"])
    assert result.exit_code == 0 and "2 天" in result.output
    shown = runner.invoke(args=["calendar", "show", "2027"])
    assert "录入 2 天" in shown.output and "2027-01-09  调休上班" in shown.output


def test_work_starts_at_nine_on_a_working_day_and_not_on_a_day_off(app):
    """next_workday_start: the daytime as it is, the night moved to 09:00, a day off to the next working day."""
    monday = date(2027, 3, 1)  # an ordinary working Monday, past the holidays above
    assert calendar.is_workday(monday) and not calendar.is_workday(monday - timedelta(days=1))
    afternoon = datetime(2027, 3, 1, 14, 30)
    assert calendar.next_workday_start(afternoon) == afternoon
    assert calendar.next_workday_start(datetime(2027, 3, 1, 2, 15)) == datetime(2027, 3, 1, 9, 0)
    assert calendar.next_workday_start(datetime(2027, 2, 28, 20, 0)) == datetime(2027, 3, 1, 9, 0)
