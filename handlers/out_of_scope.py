"""Questions that are not the bureau's business: name who can help."""
from handlers import texts
from handlers.base import Handler, Reply, Turn, register


@register
class OutOfScopeHandler(Handler):
    intent = "out_of_scope"

    def handle(self, turn: Turn, state: dict) -> Reply:
        if turn.referral:
            return Reply.say(turn.referral["reply"].strip() + "\n" + texts.MENU_HINT, "referred")
        if turn.confidence < 0.5:
            return Reply.say(texts.NOT_UNDERSTOOD, "missed")
        return Reply.say(texts.OUT_OF_SCOPE, "referred")
