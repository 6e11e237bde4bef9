"""Reading applications and appointments: a resident's own, and staff queues."""
from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from functools import cache

from sqlalchemy import Integer, Select, bindparam

from applications.models import STATUS_LABELS, Application, Appointment
from core import calendar, pii
from core.extensions import db
from core.residents import Resident, bound_resident, resident_params


def applications_for(resident: Resident, limit: int = 10) -> list[Application]:
    """The resident's applications, newest first."""
    return db.session.scalars(_applications_of(), {**resident_params(resident), "limit": limit}).all()


def appointments_for(resident: Resident, active_only: bool = False, limit: int = 10) -> list[Appointment]:
    """The resident's appointments, soonest first."""
    params = {**resident_params(resident), "limit": limit}
    if active_only:
        params["today"] = calendar.today()
    return db.session.scalars(_appointments_of(active_only), params).all()


# Built once (then only their parameters change): compiled and keyed once.
@cache
def _applications_of() -> Select:
    return (db.select(Application).where(bound_resident(Application))
            .order_by(Application.id.desc()).limit(bindparam("limit", type_=Integer)))


@cache
def _appointments_of(active_only: bool) -> Select:
    query = db.select(Appointment).where(bound_resident(Appointment))
    if active_only:
        query = query.where(Appointment.status == "booked", Appointment.day >= bindparam("today"))
    return query.order_by(Appointment.day, Appointment.time).limit(bindparam("limit", type_=Integer))


def application_queue(status: str = "", service: str = "", community: str = "",
                      q: str = "") -> Select:
    """Staff queue with filters, newest first (for paging); q matches a reference or a name."""
    query = db.select(Application)
    if status:
        query = query.where(Application.status == status)
    if service:
        query = query.where(Application.service == service)
    if community:
        query = query.where(Application.community == community)
    if q:
        query = query.where(Application.reference.contains(q) | Application.name.contains(q))
    return query.order_by(Application.id.desc())


def status_counts() -> dict[str, int]:
    """How many applications are in each status (every status present, zeros too), and in all."""
    counts = dict.fromkeys(STATUS_LABELS, 0)
    counts.update(db.session.execute(db.select(Application.status, db.func.count())
                                     .group_by(Application.status)).all())
    counts["all"] = sum(counts.values())
    return counts


def appointment_queue(status: str = "", service: str = "", day: date | None = None) -> Select:
    """Staff list of bookings, by day and time (for paging)."""
    query = db.select(Appointment)
    if status:
        query = query.where(Appointment.status == status)
    if service:
        query = query.where(Appointment.service == service)
    if day:
        query = query.where(Appointment.day == day)
    # The id breaks ties between bookings in one slot, so no row moves between pages.
    return query.order_by(Appointment.day, Appointment.time, Appointment.id)


def unsealed(record: Application | Appointment) -> dict:
    """The full personal values, for the audit-logged detail view only."""
    values = json.loads(pii.decrypt(record.sealed) or "{}")
    values["id_number"] = pii.decrypt(record.id_number_enc)
    return values


def applications_by_item() -> list[tuple[str, dict[str, int]]]:
    """Application counts per service item ("<code> <title>"), split by status."""
    rows = db.session.execute(db.select(Application.service, Application.title,
                                        Application.status, db.func.count())
                              .group_by(Application.service, Application.title, Application.status))
    by_item: dict[str, dict[str, int]] = defaultdict(dict)
    for service, title, status, count in rows:
        by_item[f"{service} {title}"][status] = by_item[f"{service} {title}"].get(status, 0) + count
    return sorted(by_item.items())
