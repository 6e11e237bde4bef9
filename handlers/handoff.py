"""转人工 and complaints: a ticket staff answer from the admin.

While the ticket is open every message goes onto it and the bot says a person
is handling it; once staff close it the bot answers again.
"""
from __future__ import annotations

import re

from core.extensions import db
from core.pii import mask_text
from forms.validators import clean
from intents import cues
from intents.normalize import normalize
from handlers import texts
from handlers.base import Flow, Handler, Reply, Turn, register, register_flow
from handoff.models import Ticket
from handoff.operations import add_resident_message, close_ticket, open_ticket

COMPLAINT = re.compile(r"投诉|举报|不满意")
END = re.compile(r"^(结束人工|结束|不用人工了|退出人工|结束服务|不用了|没事了|取消)$")
HANDLING = ("工作人员正在处理您的问题（工单 {reference}），您的消息已转给工作人员，请稍候。"
            "发送“结束人工”可回到智能助手。")
OPENED = "\n工单编号：{reference}，您可以继续在这里补充情况。"
ENDED = "好的，已结束人工服务。还有什么可以帮您？"


@register
class HandoffHandler(Handler):
    intent = "human"

    def handle(self, turn: Turn, state: dict) -> Reply:
        kind = "complaint" if COMPLAINT.search(turn.text) else "help"
        ticket = open_ticket(turn.resident, turn.text, kind, problem=_problem(turn, state))
        state["flow"] = {"name": HandoffFlow.name, "ticket": ticket.id}
        return Reply.say(texts.HUMAN + OPENED.format(reference=ticket.reference), "acted")


@register_flow
class HandoffFlow(Flow):
    name = "handoff"
    hears_danger = True  # the ticket shows staff what the resident said
    records_messages = True

    def step(self, turn: Turn, state: dict) -> Reply | None:
        ticket = db.session.get(Ticket, state["flow"]["ticket"])
        if ticket is None or ticket.status != "open":
            state.pop("flow", None)  # staff closed it: the bot answers again
            return None
        if END.match(clean(turn.text)):
            close_ticket(ticket, actor=turn.resident.audit_name, tell_resident=False)
            state.pop("flow", None)
            return Reply.say(ENDED, "acted")
        add_resident_message(ticket, turn.text, states_problem=states_problem(turn.text))
        if _answerable(turn):
            # A person is coming, but a guide question need not wait for them.
            from handlers import HANDLERS

            answered = HANDLERS[turn.intent].handle(turn, state)
            answered.texts.append(texts.HANDOFF_ANSWERED.format(reference=ticket.reference))
            return answered
        return Reply.say(HANDLING.format(reference=ticket.reference), "acted")


    def answered(self, turn: Turn, state: dict, reply: Reply) -> Reply:
        """Several questions at once were answered: the ticket still gets the message."""
        ticket = db.session.get(Ticket, state["flow"]["ticket"])
        if ticket is None or ticket.status != "open":
            state.pop("flow", None)
            return reply
        add_resident_message(ticket, turn.text)
        reply.texts.append(texts.HANDOFF_ANSWERED.format(reference=ticket.reference))
        return reply


def _answerable(turn: Turn) -> bool:
    """A knowledge question (an item's aspect, a FAQ, another department's business)."""
    if turn.intent == "guide":
        return turn.faq is not None or (turn.service is not None and turn.confidence >= 0.6)
    return turn.intent == "out_of_scope" and turn.referral is not None


def states_problem(text: str) -> bool:
    """Whether a message says what the matter is, beyond asking for a person or greeting."""
    rest = normalize(text)[0].replace(" ", "")
    for words in (cues.HUMAN, cues.GREETING_WORDS, cues.HANDOFF_FILLER, cues.FRAGMENT_FILLER):
        rest = words.sub("", rest)
    return len(rest) >= 2


def _problem(turn: Turn, state: dict) -> str:
    """The resident's matter: this message, or else the last earlier one that said it."""
    if states_problem(turn.text):
        return turn.text
    earlier = list(state.get("history") or [])
    if earlier and earlier[-1] == mask_text(turn.text)[:200]:
        earlier.pop()  # the engine remembers this message before the handler runs
    return next((text for text in reversed(earlier) if states_problem(text)), "")
