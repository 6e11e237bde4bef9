"""Questions that are not the bureau's business: name who can help."""
import re

from handlers import texts
from handlers.appointments import appointment_menu
from handlers.base import Handler, Reply, Turn, register

CHANGE_BOOKING = re.compile(r"改约|改期|改预约|修改预约|换(个)?预约时间|取消预约")


@register
class OutOfScopeHandler(Handler):
    intent = "out_of_scope"

    def handle(self, turn: Turn, state: dict) -> Reply:
        if CHANGE_BOOKING.search(turn.text):
            # "改约" alone is not an item question; it is about the resident's own booking.
            return appointment_menu(turn.resident, state)
        if turn.referral:
            # The department is named first, as in a mixed message's referral line.
            head = texts.REFERRAL_HEAD.format(department=turn.referral.get("department", ""))
            return Reply.say(head + turn.referral["reply"].strip() + "\n" + texts.MENU_HINT, "referred")
        if turn.action == "ask" and turn.candidates:
            # The rules found nothing, but the model finds items it may mean: offer them.
            from handlers.guide import clarify

            return clarify(turn.candidates, state)
        if turn.action == "unsure":
            return Reply.say(texts.NOT_UNDERSTOOD, "missed")
        return Reply.say(texts.OUT_OF_SCOPE, "referred")
