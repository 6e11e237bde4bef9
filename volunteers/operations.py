"""Writes on volunteers: registration, review and service hours; audit rows, no commits."""
from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError

from core import audit, pii
from core.audit import utcnow
from core.extensions import db
from core.residents import Resident
from notifications.operations import notify
from volunteers import texts
from volunteers.models import RosterEntry, ServiceHours, Volunteer


log = logging.getLogger(__name__)


class VolunteerError(ValueError):
    """A request that cannot be carried out; str() is the Chinese explanation."""


def register_volunteer(resident: Resident, *, name: str, id_number: str, phone: str, skills: list[str],
                       availability: list[str], community: str) -> Volunteer:
    """Record a registration for staff to review; one per resident (a repeat returns it)."""
    existing = db.session.scalar(db.select(Volunteer).filter_by(resident=resident))
    if existing is not None:
        return existing
    volunteer = Volunteer(resident=resident, name=name, phone=phone, skills=skills,
                          availability=availability, community=community,
                          id_masked=pii.mask_id(id_number), id_number_enc=pii.encrypt(id_number))
    try:
        with db.session.begin_nested():
            db.session.add(volunteer)
            db.session.flush()
    except IntegrityError:
        return db.session.scalar(db.select(Volunteer).filter_by(resident=resident))
    audit.record(resident.audit_name, "volunteer.register", f"volunteer:{volunteer.id}",
                 after={"name": name, "community": community, "skills": skills})
    return volunteer


def review_volunteer(volunteer: Volunteer, approve: bool, actor: str, reason: str = "") -> Volunteer:
    """Staff approve or reject a pending registration; the resident is told."""
    if volunteer.status != "pending":
        raise VolunteerError("这条注册已经审核过了")
    if not approve and not reason.strip():
        raise VolunteerError("不予通过时请填写原因")
    volunteer.status = "approved" if approve else "rejected"
    volunteer.reason, volunteer.reviewed_at = reason.strip(), utcnow()
    audit.record(actor, "volunteer.review", f"volunteer:{volunteer.id}",
                 after={"status": volunteer.status, "reason": volunteer.reason})
    text = texts.APPROVED if approve else texts.REJECTED.format(reason=volunteer.reason)
    notify(volunteer.resident, text, source=f"volunteer:{volunteer.id}")
    return volunteer


def add_service_hours(volunteer: Volunteer, hours: float, source: str,
                      actor: str = "system") -> ServiceHours:
    """Credit hours to an approved volunteer; the same source is credited only once.

    An order a volunteer served credits it once completed (`credit_order`),
    with source "order:<number>:<volunteer id>".
    """
    if volunteer.status != "approved":
        raise VolunteerError("只有审核通过的志愿者才能记录服务时长")
    if not 0 < hours <= 24:
        raise VolunteerError("单次服务时长应在 0 到 24 小时之间")
    existing = db.session.scalar(db.select(ServiceHours).filter_by(source=source))
    if existing is not None:
        return existing
    row = ServiceHours(volunteer=volunteer, hours=round(float(hours), 1), source=source)
    db.session.add(row)
    db.session.flush()
    audit.record(actor, "volunteer.hours", f"volunteer:{volunteer.id}",
                 after={"hours": row.hours, "source": source})
    notify(volunteer.resident, texts.HOURS_ADDED.format(hours=row.hours, total=volunteer.total_hours),
           source=f"volunteer:{volunteer.id}")
    return row


def add_to_roster(organization_id: int, name: str, phone: str, actor: str) -> RosterEntry:
    """Put an approved volunteer on an organisation's roster, found by name and phone.

    Both must match (the phone in full or its last 4 digits), so a roster cannot
    be filled by guessing names from the register.
    """
    name, digits = (name or "").strip(), "".join(ch for ch in phone or "" if ch.isdigit())
    if not name or len(digits) < 4:
        raise VolunteerError(texts.ROSTER_NEED)
    found = [v for v in db.session.scalars(db.select(Volunteer).filter_by(name=name, status="approved"))
             if _phone_matches(v.phone, digits)]
    if not found:
        raise VolunteerError(texts.ROSTER_NOT_FOUND)
    if len(found) > 1:
        raise VolunteerError(texts.ROSTER_AMBIGUOUS)
    volunteer = found[0]
    if db.session.scalar(db.select(RosterEntry).filter_by(
            organization_id=organization_id, volunteer_id=volunteer.id)) is not None:
        raise VolunteerError(texts.ROSTER_ALREADY.format(name=volunteer.name))
    entry = RosterEntry(organization_id=organization_id, volunteer_id=volunteer.id, added_by=actor)
    db.session.add(entry)
    db.session.flush()
    audit.record(actor, "volunteer.roster_add", f"volunteer:{volunteer.id}",
                 after={"organization_id": organization_id})
    return entry


def _phone_matches(phone: str, digits: str) -> bool:
    own = "".join(ch for ch in phone or "" if ch.isdigit())
    return own == digits if len(digits) > 4 else own.endswith(digits)


def remove_from_roster(entry: RosterEntry, actor: str) -> None:
    """Take a volunteer off the roster; hours already credited stay on their record."""
    audit.record(actor, "volunteer.roster_remove", f"volunteer:{entry.volunteer_id}",
                 before={"organization_id": entry.organization_id})
    db.session.delete(entry)
    db.session.flush()


def credit_order(order) -> dict:
    """Credit the hours of an order completed by volunteers (core.signals.order_completed).

    Each reference is a volunteer picked from the roster ({"id", "name"}), or on older
    orders an id or name; returns {position in order.volunteers: credited?}.
    A refusal (not approved, unknown, two of the same name) leaves the order's
    step as it is: the timeline shows the reference as not credited.
    """
    credited = {}
    for position, ref in enumerate(order.volunteers):
        volunteer = _find(ref)
        credited[position] = False
        if volunteer is None:
            continue
        try:
            with db.session.begin_nested():
                add_service_hours(volunteer, order.service_hours,
                                  f"order:{order.number}:{volunteer.id}")
            credited[position] = True
        except (VolunteerError, IntegrityError):
            log.info("hours for order %s not credited to volunteer %s", order.number, volunteer.id)
    return credited


def _find(ref) -> Volunteer | None:
    """A registered volunteer by id or by name; None if unknown or ambiguous (a person decides).

    A name the organisation typed that is on no roster comes as {"name", "registered": False}
    and is never matched.
    """
    if isinstance(ref, dict):
        return db.session.get(Volunteer, ref["id"]) if isinstance(ref.get("id"), int) else None
    text = str(ref).strip()
    if text.isdigit():
        found = db.session.get(Volunteer, int(text))
        if found is not None:
            return found
    named = db.session.scalars(db.select(Volunteer).filter_by(name=text).limit(2)).all()
    return named[0] if len(named) == 1 else None
