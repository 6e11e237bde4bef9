"""Bookable slots: working days in the booking window, fixed times, seats per slot.

The figures are DB-backed settings staff can change; defaults are in code.
"""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func

from applications.models import Appointment
from core import calendar
from core.extensions import db
from core.settings import get_setting

DEFAULT_TIMES = ["09:00", "10:00", "11:00", "14:00", "15:00", "16:00"]
DEFAULT_CAPACITY = 3
DEFAULT_WINDOW_DAYS = 14
MAX_DAYS_OFFERED = 7


def times() -> list[str]:
    """The start times of each day's slots."""
    return list(get_setting("appointments.times", DEFAULT_TIMES))


def capacity() -> int:
    """Seats per slot."""
    return int(get_setting("appointments.capacity", DEFAULT_CAPACITY))


def working_days(start: date) -> list[date]:
    """Working days from the day after `start` through the booking window."""
    window = int(get_setting("appointments.window_days", DEFAULT_WINDOW_DAYS))
    days = (start + timedelta(days=n) for n in range(1, window + 1))
    return [d for d in days if calendar.is_workday(d)]


def taken(service: str, day: date) -> dict[str, int]:
    """Booked seats per time on one day."""
    rows = db.session.execute(
        db.select(Appointment.time, func.count())
        .where(Appointment.service == service, Appointment.day == day,
               Appointment.seat.is_not(None))
        .group_by(Appointment.time)).all()
    return {time: count for time, count in rows}


def free_times(service: str, day: date) -> list[str]:
    """Times on `day` with a free seat."""
    used, cap = taken(service, day), capacity()
    return [t for t in times() if used.get(t, 0) < cap]


def open_days(service: str, start: date) -> list[str]:
    """ISO dates with at least one free seat, the nearest first."""
    found = []
    for day in working_days(start):
        if free_times(service, day):
            found.append(day.isoformat())
        if len(found) >= MAX_DAYS_OFFERED:
            break
    return found


def day_label(iso: str) -> str:
    """"11月25日（周三）" for a date offered to residents."""
    d = date.fromisoformat(iso)
    return f"{d.month}月{d.day}日（周{'一二三四五六日'[d.weekday()]}）"
