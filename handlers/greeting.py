"""Hello, thanks, bye, help and the menu."""
from handlers import texts
from handlers.base import Handler, Reply, Turn, register

THANKS_WORDS = ("谢谢", "感谢", "多谢", "辛苦", "thank")
BYE_WORDS = ("再见", "拜拜", "bye", "没事了", "没有了")


@register
class GreetingHandler(Handler):
    intent = "greeting"

    def handle(self, turn: Turn, state: dict) -> Reply:
        text = turn.text.lower()
        if any(w in text for w in THANKS_WORDS):
            return Reply.say(texts.THANKS)
        if any(w in text for w in BYE_WORDS):
            return Reply.say(texts.BYE)
        return Reply.say(texts.WELCOME)
