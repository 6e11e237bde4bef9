"""Writes on applications and appointments: each adds an audit row; none commits."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError

from applications import slots, texts
from applications.models import (NEEDS_REASON, STATUS_LABELS, TRANSITIONS, Application,
                                 ApplicationEvent, Appointment)
from core import audit, calendar, pii
from core.extensions import db
from core.residents import Resident
from notifications.operations import notify


class ApplicationError(ValueError):
    """A request staff or residents cannot make; str() is the Chinese explanation."""


class SlotFull(ApplicationError):
    """Every seat in the slot was taken, possibly a moment ago by someone else."""


@dataclass
class Person:
    """Who a record is about: the sensitive parts are sealed before they are stored."""

    name: str
    phone: str
    id_number: str = ""
    community: str = ""


def _seal(person: Person, answers: dict, secrets: dict) -> dict:
    return {"name": person.name, "phone": person.phone, "id_masked": pii.mask_id(person.id_number),
            "id_number_enc": pii.encrypt(person.id_number), "answers": answers,
            "sealed": pii.encrypt(json.dumps(secrets, ensure_ascii=False)) if secrets else ""}


def submit_application(resident: Resident, service: str, title: str, person: Person, answers: dict,
                       secrets: dict, key: str) -> Application:
    """Create an application once per idempotency key; a repeat returns the first."""
    existing = db.session.scalar(db.select(Application).filter_by(idempotency_key=key))
    if existing is not None:
        return existing
    app = Application(resident=resident, service=service, title=title, community=person.community,
                      idempotency_key=key, reference="TMP-" + uuid.uuid4().hex[:16],
                      **_seal(person, answers, secrets))
    try:
        with db.session.begin_nested():
            db.session.add(app)
            db.session.flush()
    except IntegrityError:
        # Another worker committed the same key between our check and insert.
        return db.session.scalar(db.select(Application).filter_by(idempotency_key=key))
    app.reference = f"SQ{calendar.today():%Y%m%d}-{app.id:04d}"
    db.session.add(ApplicationEvent(application=app, status="submitted", actor=resident.audit_name))
    db.session.flush()
    audit.record(resident.audit_name, "application.submit", f"application:{app.id}",
                 after={"reference": app.reference, "service": service})
    return app


# Which template a status change uses outside WeChat's 48-hour window.
NOTICE_KINDS = {"need_info": "need_materials", "approved": "application_result",
                "rejected": "application_result"}


def change_status(app: Application, status: str, actor: str, reason: str = "") -> Application:
    """Move an application along its allowed transitions and tell the resident."""
    if status not in TRANSITIONS.get(app.status, ()):
        raise ApplicationError(f"“{app.status_label}”的申请不能改为“{STATUS_LABELS.get(status, status)}”")
    reason = (reason or "").strip()
    if status in NEEDS_REASON and not reason:
        raise ApplicationError(texts.NEED_REASON)
    before = app.status
    app.status, app.reason = status, reason
    db.session.add(ApplicationEvent(application=app, status=status, reason=reason, actor=actor))
    db.session.flush()
    audit.record(actor, "application.status", f"application:{app.id}",
                 before={"status": before}, after={"status": status, "reason": reason})
    notify(app.resident, texts.STATUS_CHANGED.format(
        title=app.title, reference=app.reference, label=app.status_label,
        reason=texts.reason_line(reason),
        next=texts.NEXT_STEPS[status]), source=f"application:{app.id}",
        kind=NOTICE_KINDS.get(status, "general"),
        fields={"number": app.reference, "category": app.title, "status": app.status_label,
                "reason": reason or texts.NEXT_STEPS[status]})
    return app


def book_appointment(resident: Resident, service: str, title: str, day: date, time: str,
                     person: Person, answers: dict, secrets: dict, key: str) -> Appointment:
    """Take a seat in a slot, once per idempotency key; SlotFull when none is left."""
    existing = db.session.scalar(db.select(Appointment).filter_by(idempotency_key=key))
    if existing is not None:
        return existing
    if active_appointment(resident, service) is not None:
        raise ApplicationError("您已经有一个这项业务的预约了，可以发送“改约”或“取消预约”。")
    appt = Appointment(resident=resident, service=service, title=title, day=day, time=time,
                       idempotency_key=key, reference="TMP-" + uuid.uuid4().hex[:16],
                       **_seal(person, answers, secrets))
    _take_seat(appt, day, time)
    appt.reference = f"YY{calendar.today():%Y%m%d}-{appt.id:04d}"
    db.session.flush()
    audit.record(resident.audit_name, "appointment.book", f"appointment:{appt.id}",
                 after={"reference": appt.reference, "day": day.isoformat(), "time": time})
    return appt


def _take_seat(appt: Appointment, day: date, time: str) -> None:
    """Hold the first free seat; the unique (slot, seat) row settles any race."""
    for seat in range(1, slots.capacity() + 1):
        try:
            with db.session.begin_nested():
                appt.day, appt.time, appt.seat = day, time, seat
                db.session.add(appt)
                db.session.flush()
            return
        except IntegrityError:
            continue
    raise SlotFull("这个时间段已经约满了，请换一个时间。")


def reschedule(appt: Appointment, day: date, time: str, actor: str) -> Appointment:
    """Move a booking to another slot, giving up the old seat only once the new one is held."""
    if appt.status != "booked":
        raise ApplicationError("这个预约已经不能修改了")
    before = {"day": appt.day.isoformat(), "time": appt.time}
    old = (appt.day, appt.time, appt.seat)
    try:
        _take_seat(appt, day, time)
    except SlotFull:
        appt.day, appt.time, appt.seat = old
        raise
    audit.record(actor, "appointment.reschedule", f"appointment:{appt.id}", before=before,
                 after={"day": day.isoformat(), "time": time})
    return appt


def cancel_appointment(appt: Appointment, actor: str, reason: str = "",
                       tell_resident: bool = False) -> Appointment:
    """Free the seat; staff cancellations are announced to the resident."""
    if appt.status != "booked":
        raise ApplicationError("这个预约已经取消或办结了")
    appt.status, appt.seat, appt.reason = "cancelled", None, reason
    db.session.flush()
    audit.record(actor, "appointment.cancel", f"appointment:{appt.id}", after={"reason": reason})
    if tell_resident:
        notify(appt.resident, texts.APPOINTMENT_CANCELLED.format(
            title=appt.title, reference=appt.reference, when=appt.when,
            reason=texts.reason_line(reason)),
            source=f"appointment:{appt.id}")
    return appt


def close_appointment(appt: Appointment, status: str, actor: str) -> Appointment:
    """Staff mark a booking as done or missed; the seat stays counted for that past slot."""
    if appt.status != "booked" or status not in ("done", "missed"):
        raise ApplicationError("这个预约不能这样处理")
    appt.status = status
    audit.record(actor, "appointment.close", f"appointment:{appt.id}", after={"status": status})
    return appt


def active_appointment(resident: Resident, service: str) -> Appointment | None:
    """The resident's current booking for an item, if any."""
    return db.session.scalar(db.select(Appointment).filter_by(
        resident=resident, service=service, status="booked"))
