"""Volunteer registration (the catalogue's register item) and a volunteer's own record."""
from __future__ import annotations

from core import catalog
from core.residents import Resident
from forms.definitions import SKILL_CATEGORIES, Form
from handlers import form_flow, texts
from handlers.base import Handler, Reply, Turn, register, submits
from volunteers.operations import register_volunteer
from volunteers.queries import volunteer_for


def volunteer_line(resident: Resident) -> str | None:
    """The resident's registration status and hours, or None when not registered."""
    volunteer = volunteer_for(resident)
    if volunteer is None:
        return None
    return texts.VOLUNTEER_STATUS.format(name=volunteer.name, community=volunteer.community,
                                         status=volunteer.status_label, hours=volunteer.total_hours)


def volunteer_reply(turn: Turn, state: dict) -> Reply:
    """Registered residents see their record; others start the registration form."""
    line = volunteer_line(turn.resident)
    if line is not None:
        return Reply.say(line + "\n" + texts.VOLUNTEER_HOURS_TAIL, "answered")
    return form_flow.start(state, catalog.current().register_item)


@submits("register")
def submit_register(turn: Turn, state: dict, form: Form, answers: dict) -> Reply:
    register_volunteer(turn.resident, name=answers["name"], id_number=answers["id_number"],
                       phone=answers["phone"], community=answers["community"],
                       skills=[SKILL_CATEGORIES[s] for s in answers["skills"]],
                       availability=answers["availability"])
    state.pop("flow", None)
    return Reply.say(texts.REGISTERED, "acted")


@register
class VolunteerHandler(Handler):
    intent = "volunteer"

    def handle(self, turn: Turn, state: dict) -> Reply:
        return volunteer_reply(turn, state)
