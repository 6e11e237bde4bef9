"""Hello, thanks, bye, help and the menu."""
from core import answer_words
from handlers import texts
from handlers.base import Handler, Reply, Turn, register
from intents.cues import ACK_WORDS

THANKS_WORDS = ("谢谢", "感谢", "多谢", "辛苦", "thank")
BYE_WORDS = ("再见", "拜拜", "bye", "没事了", "没有了")
# Nothing but acknowledgements (好的, 知道了, 要得…) after an answer: a short reply, not the
# whole menu again.
ACK_ONLY = answer_words.whole(ACK_WORDS)


@register
class GreetingHandler(Handler):
    intent = "greeting"

    def handle(self, turn: Turn, state: dict) -> Reply:
        text = turn.text.lower()
        if any(w in text for w in THANKS_WORDS):
            return Reply.say(texts.THANKS)
        if any(w in text for w in BYE_WORDS):
            return Reply.say(texts.BYE)
        if ACK_ONLY.match(text.replace(" ", "")):
            return Reply.say(texts.ACK)
        return Reply.say(texts.WELCOME)
