"""我的申请 / 我的预约 / 进度: everything the resident has under way, with the next step.

Each kind of record contributes through a status provider: a function taking
the resident's id and returning lines to show. Other packages (orders) add
theirs with register_status_provider().
"""
from __future__ import annotations

from collections.abc import Callable

from applications import texts as app_texts
from applications.queries import applications_for, appointments_for
from core.residents import Resident
from handlers import texts
from handlers.appointments import appointment_menu
from handlers.base import Handler, Reply, Turn, register
from handlers.volunteers import volunteer_line
from handoff.operations import open_ticket_for

StatusProvider = Callable[[Resident], list[str]]
STATUS_PROVIDERS: list[StatusProvider] = []


def register_status_provider(provider: StatusProvider) -> StatusProvider:
    """Add a provider; usable as a decorator."""
    STATUS_PROVIDERS.append(provider)
    return provider


@register_status_provider
def application_lines(resident: Resident) -> list[str]:
    lines = []
    for app in applications_for(resident, limit=5):
        reason = texts.STATUS_REASON.format(reason=app.reason) if app.reason else ""
        lines.append(texts.STATUS_APPLICATION.format(title=app.title, reference=app.reference,
                                                     status=app.status_label, reason=reason,
                                                     next=app_texts.NEXT_STEPS[app.status]))
    return lines


@register_status_provider
def appointment_lines(resident: Resident) -> list[str]:
    return [texts.STATUS_APPOINTMENT.format(title=a.title, reference=a.reference, when=a.when,
                                            status=a.status_label)
            for a in appointments_for(resident, active_only=True)]


@register_status_provider
def volunteer_lines(resident: Resident) -> list[str]:
    line = volunteer_line(resident)
    return [line] if line else []


@register_status_provider
def ticket_lines(resident: Resident) -> list[str]:
    ticket = open_ticket_for(resident)
    return [texts.STATUS_TICKET.format(reference=ticket.reference)] if ticket else []


@register
class StatusHandler(Handler):
    intent = "status"

    def handle(self, turn: Turn, state: dict) -> Reply:
        lines = [line for provider in STATUS_PROVIDERS for line in provider(turn.resident)]
        if not lines:
            return Reply.say(texts.STATUS_NOTHING, "answered")
        text = texts.STATUS_HEADER + "\n" + "\n\n".join(lines)
        if appointments_for(turn.resident, active_only=True) and not state.get("flow"):
            appointment_menu(turn.resident, state)  # opens the menu so "改约" / "取消预约" work
            text += "\n\n" + texts.STATUS_APPOINTMENT_HINT
        return Reply([text], "answered")
