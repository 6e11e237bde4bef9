"""Reading volunteers: registrations, organisations' rosters, service hours per month."""
from __future__ import annotations

from datetime import date
from functools import cache

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from core import calendar
from core.audit import utcnow
from core.extensions import db
from core.residents import Resident, bound_resident, resident_params
from core.sqlfunc import period_of
from volunteers.models import RosterEntry, ServiceHours, Volunteer


def volunteer_for(resident: Resident) -> Volunteer | None:
    """The resident's registration, if any."""
    return db.session.scalar(_volunteer_of(), resident_params(resident))


@cache
def _volunteer_of() -> Select:
    return db.select(Volunteer).where(bound_resident(Volunteer))


def volunteer_queue(status: str = "", community: str = "") -> Select:
    """Registrations for staff, newest first (for paging), each with its hours in one more query."""
    query = db.select(Volunteer).options(selectinload(Volunteer.hours))
    if status:
        query = query.where(Volunteer.status == status)
    if community:
        query = query.where(Volunteer.community == community)
    return query.order_by(Volunteer.id.desc())


def roster(organization_id: int) -> list[RosterEntry]:
    """An organisation's volunteers, by name: the people it may credit service hours to."""
    return list(db.session.scalars(roster_query(organization_id)))


def roster_query(organization_id: int) -> Select:
    """The same, for paging."""
    return (db.select(RosterEntry).join(Volunteer, RosterEntry.volunteer_id == Volunteer.id)
            .where(RosterEntry.organization_id == organization_id)
            .order_by(Volunteer.name, Volunteer.id))


def roster_entry(organization_id: int, entry_id: int) -> RosterEntry | None:
    """One roster line, only if it is this organisation's (anyone else's is None: a 404)."""
    entry = db.session.get(RosterEntry, entry_id)
    return entry if entry is not None and entry.organization_id == organization_id else None


def hours_per_month(months: int = 12) -> list[tuple[str, float]]:
    """Volunteer service hours credited per China month ("YYYY-MM"), oldest first."""
    today = calendar.china_day(utcnow())
    firsts = []
    year, month = today.year, today.month
    for _ in range(months):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    firsts.reverse()
    starts = [calendar.china_midnight(day) for day in firsts]
    totals = {day.strftime("%Y-%m"): 0.0 for day in firsts}
    bucket = period_of(ServiceHours.at, starts)
    for n, hours in db.session.execute(db.select(bucket, db.func.sum(ServiceHours.hours))
                                       .where(ServiceHours.at >= starts[0]).group_by(bucket)):
        totals[firsts[n].strftime("%Y-%m")] += float(hours or 0)
    return [(key, round(value, 1)) for key, value in totals.items()]
