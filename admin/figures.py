"""Figures for the dashboard, read from each feature's tables (read only)."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from applications.models import STATUS_LABELS, Application
from conversations.models import MessageLog
from core import calendar
from core.audit import utcnow
from core.extensions import db
from volunteers.models import ServiceHours

# answered / clarified / missed are what the issue asks for; acted and referred are
# answers too (a form step, a pointer to another department), shown apart.
OUTCOME_SERIES = [("answered", "已回答"), ("acted", "办理/转介"), ("clarified", "追问澄清"),
                  ("missed", "未答上")]
APPLICATION_SERIES = list(STATUS_LABELS.items())


def cst_day(value) -> date:
    """The China Standard Time day of a stored UTC time."""
    return calendar.china_day(value)


def messages_per_day(days: int = 14) -> list[tuple[date, Counter]]:
    """Outcome counts per day for the last `days` days (events left out)."""
    today = cst_day(utcnow())
    first = today - timedelta(days=days - 1)
    since = utcnow() - timedelta(days=days)
    counts: dict[date, Counter] = {first + timedelta(days=i): Counter() for i in range(days)}
    rows = db.session.execute(db.select(MessageLog.at, MessageLog.outcome)
                              .where(MessageLog.at >= since, MessageLog.outcome != "event"))
    for at, outcome in rows:
        day = cst_day(at)
        if day in counts:
            counts[day]["acted" if outcome == "referred" else outcome] += 1
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
    """Volunteer service hours credited per month, oldest first."""
    today = cst_day(utcnow())
    keys = []
    year, month = today.year, today.month
    for _ in range(months):
        keys.append(f"{year}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    totals = dict.fromkeys(reversed(keys), 0.0)
    since = utcnow() - timedelta(days=31 * months)
    for at, hours in db.session.execute(db.select(ServiceHours.at, ServiceHours.hours)
                                        .where(ServiceHours.at >= since)):
        key = cst_day(at).strftime("%Y-%m")
        if key in totals:
            totals[key] += hours
    return [(key, round(value, 1)) for key, value in totals.items()]
