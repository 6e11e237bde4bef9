"""Deadlines (due_at): working days on the one calendar (core.calendar).

Times are stored as naive UTC; which days are working days is decided in
China time, so 23:30 UTC on a Sunday already counts as Monday in the bureau.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from core import calendar
from core.settings import get_setting
from orders import categories

SETTING = "orders.sla"
# Per-stage allowances by deadline class (each order category names its class in the
# catalogue; "standard" is "default"); a class overrides any stage. Staff override
# these per category or per class in the setting. Ordinary stages count working days,
# accepting too: a clock in plain hours would take an order back on the first morning
# of a holiday, when nobody is there to dispatch it again. Only urgent counts hours.
DEFAULT_SLA = {
    "default": {"review": {"working_days": 1}, "dispatch": {"working_days": 1},
                "accept": {"working_days": 1}, "complete": {"working_days": 3}},
    "urgent": {"review": {"hours": 1}, "dispatch": {"hours": 1},
               "accept": {"hours": 1}, "complete": {"hours": 4}},
    "complete_1_day": {"complete": {"working_days": 1}},
    "complete_2_days": {"complete": {"working_days": 2}},
}
RATING = {"remind_days": 3, "close_days": 7}
STAGE_OF_STATE = {"submitted": "review", "pending_dispatch": "dispatch",
                  "dispatched": "accept", "in_service": "complete"}


def add_working_days(start: datetime, days: int) -> datetime:
    """`days` working days after `start` (UTC), at the same China time of day.

    Started on a day off, the clock starts at 09:00 on the next working day; started
    before 09:00 on a working day (a message sent in the night), at 09:00 that day, so
    no deadline falls in the small hours when nobody is at work.
    """
    local = calendar.next_workday_start(calendar.to_china(start))
    day, left = local.date(), days
    while left > 0:
        day += timedelta(days=1)
        if calendar.is_workday(day):
            left -= 1
    return calendar.from_china(datetime.combine(day, local.time()))


def sla(category: str, stage: str) -> dict:
    """The allowance for a stage of a category: {"hours": n} or {"working_days": n}."""
    table = get_setting(SETTING, DEFAULT_SLA) or DEFAULT_SLA
    klass = categories.deadline_class(category)
    for source, keys in ((table, (category, klass, "default")), (DEFAULT_SLA, (klass, "default"))):
        for key in keys:
            value = (source.get(key) or {}).get(stage)
            if value:
                return value
    return {"working_days": 1}


def due_for(state: str, category: str, now: datetime) -> datetime | None:
    """When an order entering `state` at `now` must move on; None if nobody owes a step."""
    if state == "awaiting_rating":
        return now + timedelta(days=rating_days()["close_days"])
    stage = STAGE_OF_STATE.get(state)
    if stage is None:
        return None
    allowance = sla(category, stage)
    if "hours" in allowance:
        return now + timedelta(hours=float(allowance["hours"]))
    return add_working_days(now, int(allowance.get("working_days", 1)))


def rating_days() -> dict:
    """Days after completion to remind the resident to rate, and to close unrated."""
    return {**RATING, **(get_setting("orders.rating", {}) or {})}


def escalate_after() -> timedelta:
    """How long past due_at before an order is escalated to staff."""
    return timedelta(hours=float(get_setting("orders.escalate_after_hours", 4)))
