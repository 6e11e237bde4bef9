"""Abandoning the current step, or a booking ("取消预约")."""
from handlers import texts
from handlers.appointments import appointment_menu
from handlers.base import Handler, Reply, Turn, register
from handlers.order_status import offer_cancel


@register
class CancelHandler(Handler):
    intent = "cancel"

    def handle(self, turn: Turn, state: dict) -> Reply:
        had_flow = bool(state.pop("flow", None))
        if not had_flow:
            offer = offer_cancel(turn, state)
            if offer is not None:
                return offer
        for key in ("service", "aspect"):
            state.pop(key, None)
        if not had_flow and "预约" in turn.text:
            return appointment_menu(turn.resident, state)
        return Reply.say(texts.CANCELLED if had_flow else texts.NOTHING_TO_CANCEL, "acted")
