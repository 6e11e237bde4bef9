"""China time and the one working-day calendar every deadline and slot counts on.

Times are stored as naive UTC; which day it is, and whether it is a working
day, is decided in China time (Asia/Shanghai), so 23:30 UTC on 1 December is
already 2 December in the bureau, whatever the server's own zone.

Which days are working days, by precedence:

1. the official 放假/调休 days staff entered for a year (`OfficialDay`, admin
   page 节假日安排 or `flask calendar import`), day by day: a day not entered
   falls through to the sources below, so a half-entered year never turns
   春节 into working days (a library holiday that is in fact worked must be
   entered as 调休上班);
2. chinese_calendar's data (holidays and 调休 make-up days; ends with 2026);
3. python-holidays' China calendar (statutory holidays and the days off
   around them for later years, e.g. 2027; but NOT the 调休 Saturdays and
   Sundays that are worked, which the State Council publishes each autumn:
   a make-up working weekend counts as a day off until staff enter it);
4. Monday–Friday.
"""
from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta, UTC
from functools import lru_cache
from zoneinfo import ZoneInfo

import chinese_calendar
import holidays
from flask import g, has_app_context
from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from core import fakeclock
from core.extensions import db

log = logging.getLogger(__name__)
CHINA_TZ = ZoneInfo("Asia/Shanghai")
# When the bureau's working day starts: a deadline never counts from the small hours.
WORKDAY_START = time(9, 0)
KINDS = {"off": "放假", "work": "调休上班"}
SOURCES = {"official": "工作人员录入的官方安排", "chinese_calendar": "chinese_calendar 数据",
           "holidays": "python-holidays（只含法定假日，不含调休上班日）",
           "weekdays": "仅按周一至周五"}


def _system_utc() -> datetime:
    """The one place the wall clock is read (tests move it here, or core.fakeclock)."""
    return datetime.now(UTC) + fakeclock.offset()


def utcnow() -> datetime:
    """Now as naive UTC, the way times are stored."""
    return _system_utc().replace(tzinfo=None)


def now() -> datetime:
    """Now in China time (aware)."""
    return _system_utc().astimezone(CHINA_TZ)


def today() -> date:
    """Today's date in China time."""
    return now().date()


def to_china(stored: datetime) -> datetime:
    """A stored naive-UTC time as naive China time (for display and day arithmetic)."""
    return stored.replace(tzinfo=UTC).astimezone(CHINA_TZ).replace(tzinfo=None)


def from_china(local: datetime) -> datetime:
    """A naive China time as stored naive UTC."""
    return local.replace(tzinfo=CHINA_TZ).astimezone(UTC).replace(tzinfo=None)


def china_day(stored: datetime) -> date:
    """The China day of a stored naive-UTC time."""
    return to_china(stored).date()


def china_midnight(day: date) -> datetime:
    """The stored naive-UTC instant a China day starts at."""
    return from_china(datetime.combine(day, time()))


class OfficialDay(db.Model):
    """One day of the State Council's arrangement for a year, as staff entered it."""

    __tablename__ = "official_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(8))  # off (放假) or work (调休上班)
    note: Mapped[str] = mapped_column(String(120), default="")
    entered_by: Mapped[str] = mapped_column(String(80), default="")
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)


def official(year: int) -> dict[date, str]:
    """The entered days of a year (day -> kind); empty if none, cached per app context."""
    if not has_app_context():  # no database to read: the libraries decide
        return {}
    cache = g.setdefault("mzt_official_days", {})
    if year not in cache:
        rows = db.session.execute(db.select(OfficialDay.day, OfficialDay.kind)
                                  .where(OfficialDay.year == year)).all()
        cache[year] = dict(rows)
    return cache[year]


def forget() -> None:
    """Drop the cached official days (after an edit, or between jobs)."""
    if has_app_context():
        g.pop("mzt_official_days", None)


@lru_cache(maxsize=16)
def _library_year(year: int) -> bool:
    """Does chinese_calendar have data for this year?"""
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
        return True
    except NotImplementedError:
        return False


@lru_cache(maxsize=16)
def _python_holidays(year: int) -> tuple[frozenset, frozenset]:
    """python-holidays' China days off and worked weekend days for a year."""
    cn = holidays.China(years=year)
    worked = frozenset(d for d in cn.weekend_workdays if d.year == year)
    return frozenset(cn), worked


def source(day: date) -> str:
    """Which source decides this day (a key of SOURCES)."""
    if day in official(day.year):
        return "official"
    return year_source(day.year)


def year_source(year: int) -> str:
    """Which source decides the days of a year that staff did not enter."""
    if _library_year(year):
        return "chinese_calendar"
    if _python_holidays(year)[0]:
        return "holidays"
    return "weekdays"


def is_workday(day: date) -> bool:
    """A working day in China, counting 调休 make-up days where the data knows them."""
    kind = source(day)
    if kind == "official":
        return official(day.year)[day] == "work"
    if kind == "chinese_calendar":
        return chinese_calendar.is_workday(day)
    off, worked = _python_holidays(day.year)
    if day in worked:
        return True
    return day not in off and day.weekday() < 5


def next_workday_start(local: datetime, start: time = WORKDAY_START) -> datetime:
    """When work on something arriving at `local` (China time) can start.

    `local` itself within a working day; `start` o'clock that day if earlier (a
    message sent in the night); `start` o'clock on the next working day if `local`
    falls on a day off.
    """
    day = local.date()
    if is_workday(day):
        return max(local, datetime.combine(day, start, tzinfo=local.tzinfo))
    while not is_workday(day):
        day += timedelta(days=1)
    return datetime.combine(day, start, tzinfo=local.tzinfo)


def years_without_official_data(start: date | None = None, days: int = 90) -> list[int]:
    """Years touched by the next `days` days that have neither entered days nor chinese_calendar's."""
    start = start or today()
    years = sorted({(start + timedelta(days=n)).year for n in range(days + 1)})
    return [y for y in years if not official(y) and not _library_year(y)]
