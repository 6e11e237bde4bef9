"""Online pre-applications and appointments in chat: starting forms and submitting them."""
from __future__ import annotations

import re
from datetime import date

from applications import operations as ops
from applications import texts as app_texts
from applications.models import Appointment
from applications.queries import appointments_for
from core.extensions import db
from forms.definitions import FORMS, SKILL_CATEGORIES, Form
from forms.validators import clean
from handlers import form_flow, known_residents, texts
from handlers.base import Flow, Handler, Reply, Turn, fit, register, register_flow
from handlers.guide import answer
from knowledge import live
from volunteers.operations import register_volunteer
from volunteers.queries import volunteer_for

RESCHEDULE = re.compile(r"^(1|改约|改期|改时间|换(个)?时间|重新预约|修改预约|改预约)(\d?)$")
CANCEL_IT = re.compile(r"^(2|取消|取消预约|退约|不去了)(\d?)$")
KEEP = re.compile(r"^(3|保留|保留不变|不用了|不改了|算了)$")


def _precheck(form: Form, resident: str) -> str | None:
    """A condition on the resident rather than on an answer, checked before a form opens."""
    if not form.volunteers_only:
        return None
    volunteer = volunteer_for(resident)
    return None if volunteer is not None and volunteer.status == "approved" else texts.NEEDS_VOLUNTEER


def _person(form: Form, answers: dict) -> ops.Person:
    return ops.Person(name=answers.get(form.name_field, ""), phone=answers.get("phone", ""),
                      id_number=answers.get(form.id_field, ""),
                      community=answers.get("community", ""))


def _split(form: Form, flow: dict, answers: dict) -> tuple[dict, dict]:
    """Answers to show (labelled, personal values masked) and secrets to seal."""
    shown = {f.label: form_flow.shown(f, flow["answers"][f.key]) for f in form.fields}
    secrets = {f.key: answers[f.key] for f in form.fields if f.sensitive}
    return shown, secrets


def submit_apply(turn: Turn, state: dict, form: Form, answers: dict) -> Reply:
    flow = state["flow"]
    shown, secrets = _split(form, flow, answers)
    if form.volunteers_only:
        volunteer = volunteer_for(turn.user)
        shown["累计服务时长"] = f"{volunteer.total_hours if volunteer else 0} 小时"
    app = ops.submit_application(turn.user, form.code, form.title, _person(form, answers),
                                 shown, secrets, key=flow["key"])
    state.pop("flow", None)
    return Reply.say(texts.SUBMITTED.format(title=app.title, reference=app.reference,
                                            next=app_texts.NEXT_STEPS[app.status]), "acted")


def _slot_taken(state: dict, form: Form) -> Reply:
    flow = state["flow"]
    flow.update(confirm=False, at="day", edit=False)
    flow["answers"].pop("day", None)
    flow["answers"].pop("time", None)
    return Reply.say(texts.SLOT_TAKEN + "\n\n" + form_flow.question(flow), "acted")


def submit_appointment(turn: Turn, state: dict, form: Form, answers: dict) -> Reply:
    flow = state["flow"]
    shown, secrets = _split(form, flow, answers)
    try:
        appt = ops.book_appointment(turn.user, form.code, form.title, date.fromisoformat(answers["day"]),
                                    answers["time"], _person(form, answers), shown, secrets,
                                    key=flow["key"])
    except ops.SlotFull:
        return _slot_taken(state, form)
    except ops.ApplicationError as exc:
        state.pop("flow", None)
        return Reply.say(str(exc), "acted")
    state.pop("flow", None)
    return Reply.say(texts.BOOKED.format(title=appt.title, reference=appt.reference, when=appt.when,
                                         next=app_texts.APPOINTMENT_NEXT), "acted")


def submit_reschedule(turn: Turn, state: dict, form: Form, answers: dict) -> Reply:
    appt = db.session.get(Appointment, state["flow"]["target"])
    if appt is None or appt.resident != turn.user:
        state.pop("flow", None)
        return Reply.say(texts.NO_APPOINTMENT, "acted")
    try:
        ops.reschedule(appt, date.fromisoformat(answers["day"]), answers["time"],
                       actor=f"resident:{turn.user}")
    except ops.SlotFull:
        return _slot_taken(state, form)
    except ops.ApplicationError as exc:
        state.pop("flow", None)
        return Reply.say(str(exc), "acted")
    state.pop("flow", None)
    return Reply.say(texts.RESCHEDULED.format(title=appt.title, reference=appt.reference,
                                              when=appt.when), "acted")


def submit_register(turn: Turn, state: dict, form: Form, answers: dict) -> Reply:
    register_volunteer(turn.user, name=answers["name"], id_number=answers["id_number"],
                       phone=answers["phone"], community=answers["community"],
                       skills=[SKILL_CATEGORIES[s] for s in answers["skills"]],
                       availability=answers["availability"])
    state.pop("flow", None)
    return Reply.say(texts.REGISTERED, "acted")


form_flow.SUBMITTERS.update(apply=submit_apply, appointment=submit_appointment,
                            register=submit_register, reschedule=submit_reschedule)


def appointment_menu(resident: str, state: dict, service: str | None = None) -> Reply:
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
        if appt is None or appt.status != "booked" or appt.resident != turn.user:
            state.pop("flow", None)
            return None
        if RESCHEDULE.match(text):
            return form_flow.start(state, f"RESCHEDULE-{appt.id}", target=appt.id, service=appt.service)
        if CANCEL_IT.match(text):
            ops.cancel_appointment(appt, actor=f"resident:{turn.user}", reason="居民在线取消")
            state.pop("flow", None)
            return Reply.say(texts.APPOINTMENT_CANCELLED.format(
                title=appt.title, when=appt.when, reference=appt.reference), "acted")
        state.pop("flow", None)
        return Reply.say(texts.APPOINTMENT_KEPT, "acted") if KEEP.match(text) else None


@register
class ApplyHandler(Handler):
    intent = "apply"

    def handle(self, turn: Turn, state: dict) -> Reply:
        guide = live.guide(turn.service)
        if guide is None:
            return Reply.say(texts.ASK_SERVICE, "clarified")
        form = FORMS.get(guide.code)
        if form is None:
            reply = answer(guide, "process", state)
            reply.texts = [fit(texts.GUIDE_ONLY + reply.texts[0])]
            return reply
        if form.mode == "register":
            from handlers.volunteer import volunteer_reply

            return volunteer_reply(turn, state)
        if form.mode == "appointment" and ops.active_appointment(turn.user, form.code):
            return appointment_menu(turn.user, state, form.code)
        problem = _precheck(form, turn.user)
        if problem:
            return Reply.say(problem, "acted")
        prefilled, known, note = known_residents.details_for(turn.user, form)
        return form_flow.start(state, form.code, prefilled=prefilled, known=known, note=note)
