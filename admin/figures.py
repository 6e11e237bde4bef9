"""Figures for the dashboard, read from each feature's tables (read only)."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import case

from applications.models import STATUS_LABELS, Application
from conversations.models import MessageLog
from core import calendar
from core.audit import utcnow
from core.extensions import db
from core.sqlfunc import days_since
from volunteers.models import ServiceHours

# answered / clarified / missed are what the issue asks for; acted and referred are
# answers too (a form step, a pointer to another department), shown apart.
OUTCOME_SERIES = [("answered", "已回答"), ("acted", "办理/转介"), ("clarified", "追问澄清"),
                  ("missed", "未答上")]
APPLICATION_SERIES = list(STATUS_LABELS.items())


def cst_day(value) -> date:
    """The China Standard Time day of a stored UTC time."""
    return calendar.china_day(value)


def _bucket(column, starts: list[datetime]):
    """Which period a stored time falls in (0 … len(starts) - 1), counted by the database.

    `starts` are the periods' first instants in stored UTC, ascending; rows before
    the first are filtered out by the caller. Months are not all one length, so
    a CASE (the same on every database) rather than arithmetic.
    """
    return case(*((column < start, n) for n, start in enumerate(starts[1:])), else_=len(starts) - 1)


def _china_midnight(day: date) -> datetime:
    return calendar.from_china(datetime.combine(day, time()))


def messages_per_day(days: int = 14) -> list[tuple[date, Counter]]:
    """Outcome counts per China day for the last `days` days (events left out)."""
    first = cst_day(utcnow()) - timedelta(days=days - 1)
    keys = [first + timedelta(days=i) for i in range(days)]
    starts = [_china_midnight(day) for day in keys]
    counts: dict[date, Counter] = {day: Counter() for day in keys}
    # China has no daylight saving: every day is 86,400 seconds from the first midnight.
    bucket = days_since(starts[0], MessageLog.at)
    rows = db.session.execute(db.select(bucket, MessageLog.outcome, db.func.count())
                              .where(MessageLog.at >= starts[0], MessageLog.outcome != "event")
                              .group_by(bucket, MessageLog.outcome))
    for n, outcome, count in rows:
        if 0 <= n < days:  # a clock a little ahead of the server's now is tomorrow: not shown
            counts[keys[n]]["acted" if outcome == "referred" else outcome] += count
    return list(counts.items())


def outcome_shares(per_day: list[tuple[date, Counter]]) -> dict[str, float]:
    """Each outcome's share of all messages in the period, in percent."""
    total = Counter()
    for _, counter in per_day:
        total.update(counter)
    n = sum(total.values())
    return {key: (100 * total[key] / n if n else 0.0) for key, _ in OUTCOME_SERIES} | {"total": n}


def applications_by_item() -> list[tuple[str, dict[str, int]]]:
    """Application counts per service item, split by status."""
    rows = db.session.execute(db.select(Application.service, Application.title,
                                        Application.status, db.func.count())
                              .group_by(Application.service, Application.title, Application.status))
    by_item: dict[str, dict[str, int]] = defaultdict(dict)
    for service, title, status, count in rows:
        by_item[f"{service} {title}"][status] = by_item[f"{service} {title}"].get(status, 0) + count
    return sorted(by_item.items())


def volunteer_hours_per_month(months: int = 12) -> list[tuple[str, float]]:
    """Volunteer service hours credited per China month, oldest first."""
    today = cst_day(utcnow())
    firsts = []
    year, month = today.year, today.month
    for _ in range(months):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    firsts.reverse()
    starts = [_china_midnight(day) for day in firsts]
    totals = {day.strftime("%Y-%m"): 0.0 for day in firsts}
    bucket = _bucket(ServiceHours.at, starts)
    for n, hours in db.session.execute(db.select(bucket, db.func.sum(ServiceHours.hours))
                                       .where(ServiceHours.at >= starts[0]).group_by(bucket)):
        totals[firsts[n].strftime("%Y-%m")] += float(hours or 0)
    return [(key, round(value, 1)) for key, value in totals.items()]
