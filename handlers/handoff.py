"""转人工 and complaints."""
from handlers import texts
from handlers.base import Handler, Reply, Turn, register


@register
class HandoffHandler(Handler):
    intent = "human"

    def handle(self, turn: Turn, state: dict) -> Reply:
        return Reply.say(texts.HUMAN, "acted")
