"""A form whose conversation state Redis lost: tell the resident, once, to start again.

The message log records the flow open after each message (message_log.flow),
and it outlives Redis: a resident with no state whose last logged message,
within the idle time, left a form open was interrupted mid-form.
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app

from bot import texts
from conversations.queries import last_flow
from core.audit import utcnow
from core.residents import Resident
from handlers import Reply

# Flows whose steps live only in the conversation state; a handoff lives in its ticket.
STATEFUL_FLOWS = {"form", "order", "appointment", "order_cancel", "rate"}


def was_open(resident: Resident) -> bool:
    """Whether the resident's last logged message left a form open."""
    since = utcnow() - timedelta(seconds=current_app.config["SESSION_IDLE_SECONDS"])
    return last_flow(resident, since) in STATEFUL_FLOWS


def tell(result: Reply, understood: dict | None) -> tuple[Reply, dict | None]:
    """The reply that says so; a form answer would otherwise be "not learnt"."""
    # A bare 男, 是 or 1 reads as a greeting and gets the welcome menu.
    if result.outcome == "missed" or (understood or {}).get("intent") == "greeting":
        return Reply.say(texts.FORM_INTERRUPTED, "answered"), None
    result.texts = [texts.FORM_INTERRUPTED_NOTE] + result.texts
    return result, understood
