"""Reading volunteers."""
from __future__ import annotations

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from core.extensions import db
from volunteers.models import Volunteer


def volunteer_for(resident: str) -> Volunteer | None:
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
