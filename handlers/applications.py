"""Online pre-applications in chat (线上预申请): opening an item's form, and submitting it."""
from __future__ import annotations

import re

from applications import operations as ops
from applications import texts as app_texts
from forms.definitions import FORMS, Form
from core.residents import Resident
from handlers import form_flow, known_residents, texts
from handlers.appointments import appointment_menu
from handlers.base import Handler, Reply, Turn, register, submits
from handlers.guide import answer
from handlers.submission import person, split
from handlers.volunteers import volunteer_reply
from intents import cues
from knowledge import live
from volunteers.queries import volunteer_for


def _precheck(form: Form, resident: Resident) -> str | None:
    """A condition on the resident rather than on an answer, checked before a form opens."""
    if not form.volunteers_only:
        return None
    volunteer = volunteer_for(resident)
    return None if volunteer is not None and volunteer.status == "approved" else texts.NEEDS_VOLUNTEER


@submits("apply")
def submit_apply(turn: Turn, state: dict, form: Form, answers: dict) -> Reply:
    flow = state["flow"]
    shown, secrets = split(form, flow, answers)
    if form.volunteers_only:
        volunteer = volunteer_for(turn.resident)
        shown[texts.VOLUNTEER_HOURS_LABEL] = texts.VOLUNTEER_HOURS_VALUE.format(
            hours=volunteer.total_hours if volunteer else 0)
    app = ops.submit_application(turn.resident, form.code, form.title, person(form, answers),
                                 shown, secrets, key=flow["key"])
    state.pop("flow", None)
    return Reply.say(texts.SUBMITTED.format(title=app.title, reference=app.reference,
                                            next=app_texts.NEXT_STEPS[app.status]), "acted")


# Asking who may apply, or whether a booking is needed, rather than asking to apply:
# "谁可以办", "要先预约吗" with nobody named as the one applying.
WHO_MAY = re.compile(r"^(那|那么)?(谁|哪些人|什么人|啥人)(能|可以|才能|有资格)")
ASKS_IF = re.compile(r"(吗|么|不|没)[啊呀]?[？?]?$")
SOMEONE_APPLYING = re.compile(r"我|俺|咱|帮|给|替|为")


def asked_not_requested(text: str) -> str | None:
    """The aspect a question worded like a request asks about (None for a request)."""
    compact = re.sub(r"\s", "", text)
    if cues.APPLY_HERE.search(compact):
        return None  # "直接在这办吗": the request itself, asked politely
    if WHO_MAY.search(compact):
        return "conditions"
    if ASKS_IF.search(compact) and not SOMEONE_APPLYING.search(compact) and len(compact) <= 8:
        return "process"
    return None


@register
class ApplyHandler(Handler):
    intent = "apply"

    def handle(self, turn: Turn, state: dict) -> Reply:
        guide = live.guide(turn.service)
        if guide is None:
            return Reply.say(texts.ASK_SERVICE, "clarified")
        form = FORMS.get(guide.code)
        asked = asked_not_requested(turn.text)
        if asked is not None:
            return answer(guide, asked, state)
        if form is None:
            reply = answer(guide, "process", state)
            reply.texts = [texts.GUIDE_ONLY + reply.texts[0]]
            return reply
        if form.mode == "register":
            return volunteer_reply(turn, state)
        if form.mode == "appointment" and ops.active_appointment(turn.resident, form.code):
            return appointment_menu(turn.resident, state, form.code)
        problem = _precheck(form, turn.resident)
        if problem:
            return Reply.say(problem, "acted")
        prefilled, known, note = known_residents.details_for(turn.resident, form)
        return form_flow.start(state, form.code, prefilled=prefilled, known=known, note=note)
