"""Reading volunteers."""
from __future__ import annotations

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from core.extensions import db
from core.residents import Resident
from volunteers.models import RosterEntry, Volunteer


def volunteer_for(resident: Resident) -> Volunteer | None:
    """The resident's registration, if any."""
    return db.session.scalar(db.select(Volunteer).filter_by(resident=resident))


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
