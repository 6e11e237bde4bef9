"""Appointments in chat (预约): booking on a form's confirm, and the 改约 / 取消 / 保留 menu."""
from __future__ import annotations

import re
from datetime import date

from applications import operations as ops
from applications import texts as app_texts
from applications.models import Appointment
from applications.queries import appointments_for
from core.extensions import db
from core.residents import Resident
from forms.definitions import Form
from forms.validators import clean
from handlers import form_flow, texts
from handlers.base import Flow, Reply, Turn, register_flow, submits
from handlers.submission import person, split

RESCHEDULE = re.compile(r"^(1|改约|改期|改时间|换(个)?时间|重新预约|修改预约|改预约)(\d?)$")
CANCEL_IT = re.compile(r"^(2|取消|取消预约|退约|不去了)(\d?)$")
KEEP = re.compile(r"^(3|保留|保留不变|不用了|不改了|算了)$")


def _slot_taken(state: dict, form: Form) -> Reply:
    flow = state["flow"]
    flow.update(confirm=False, at="day", edit=False)
    flow["answers"].pop("day", None)
    flow["answers"].pop("time", None)
    return Reply.say(texts.SLOT_TAKEN + "\n\n" + form_flow.question(flow), "acted")


@submits("appointment")
def submit_appointment(turn: Turn, state: dict, form: Form, answers: dict) -> Reply:
    flow = state["flow"]
    shown, secrets = split(form, flow, answers)
    try:
        appt = ops.book_appointment(turn.resident, form.code, form.title, date.fromisoformat(answers["day"]),
                                    answers["time"], person(form, answers), shown, secrets,
                                    key=flow["key"])
    except ops.SlotFull:
        return _slot_taken(state, form)
    except ops.ApplicationError as exc:
        state.pop("flow", None)
        return Reply.say(str(exc), "acted")
    state.pop("flow", None)
    return Reply.say(texts.BOOKED.format(title=appt.title, reference=appt.reference, when=appt.when,
                                         next=app_texts.APPOINTMENT_NEXT), "acted")


@submits("reschedule")
def submit_reschedule(turn: Turn, state: dict, form: Form, answers: dict) -> Reply:
    appt = db.session.get(Appointment, state["flow"]["target"])
    if appt is None or appt.resident != turn.resident:
        state.pop("flow", None)
        return Reply.say(texts.NO_APPOINTMENT, "acted")
    try:
        ops.reschedule(appt, date.fromisoformat(answers["day"]), answers["time"],
                       actor=turn.resident.audit_name)
    except ops.SlotFull:
        return _slot_taken(state, form)
    except ops.ApplicationError as exc:
        state.pop("flow", None)
        return Reply.say(str(exc), "acted")
    state.pop("flow", None)
    return Reply.say(texts.RESCHEDULED.format(title=appt.title, reference=appt.reference,
                                              when=appt.when), "acted")


def appointment_menu(resident: Resident, state: dict, service: str | None = None) -> Reply:
    """Offer to move or cancel the resident's (soonest, or this item's) active booking."""
    booked = [a for a in appointments_for(resident, active_only=True)
              if service is None or a.service == service]
    if not booked:
        return Reply.say(texts.NO_APPOINTMENT, "acted")
    appt = booked[0]
    state["flow"] = {"name": AppointmentMenu.name, "target": appt.id}
    return Reply.say(texts.APPOINTMENT_MENU.format(title=appt.title, when=appt.when,
                                                   reference=appt.reference), "acted")


@register_flow
class AppointmentMenu(Flow):
    """改约 / 取消预约 / 保留 for one booking; anything else closes the menu quietly."""

    name = "appointment"

    def step(self, turn: Turn, state: dict) -> Reply | None:
        text = clean(turn.text)
        appt = db.session.get(Appointment, state["flow"]["target"])
        if appt is None or appt.status != "booked" or appt.resident != turn.resident:
            state.pop("flow", None)
            return None
        if RESCHEDULE.match(text):
            return form_flow.start(state, f"RESCHEDULE-{appt.id}", target=appt.id, service=appt.service)
        if CANCEL_IT.match(text):
            ops.cancel_appointment(appt, actor=turn.resident.audit_name, reason=texts.APPOINTMENT_CANCEL_REASON)
            state.pop("flow", None)
            return Reply.say(texts.APPOINTMENT_CANCELLED.format(
                title=appt.title, when=appt.when, reference=appt.reference), "acted")
        state.pop("flow", None)
        return Reply.say(texts.APPOINTMENT_KEPT, "acted") if KEEP.match(text) else None
