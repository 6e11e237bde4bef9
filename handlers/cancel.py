"""Abandoning the current step."""
from handlers import texts
from handlers.base import Handler, Reply, Turn, register


@register
class CancelHandler(Handler):
    intent = "cancel"

    def handle(self, turn: Turn, state: dict) -> Reply:
        had_flow = bool(state.pop("flow", None))
        for key in ("service", "aspect"):
            state.pop(key, None)
        return Reply.say(texts.CANCELLED if had_flow else texts.NOTHING_TO_CANCEL, "acted")
