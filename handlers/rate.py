"""评单 in chat: a 1-5 score, resolved or not, an optional comment."""
from __future__ import annotations

import re

from core import answer_words as words
from core.residents import Resident
from handlers import order_texts as t
from handlers.base import Flow, Handler, Reply, Turn, register, register_flow
from orders import categories, operations, queries
from orders.models import Order
from orders.transitions import Actor, TransitionError

SCORE = re.compile(r"(?<!\d)([1-5])(?:\s*分|\s*星|\s*颗星)?(?!\d)|([一二三四五])(?:分|星|颗星)")
CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
# "解决了吗": answers that start with yes or no (core.answer_words), in the question's words too.
YES = words.leading(words.YES_LEADING, ("解决", "已解决", "好了", "好的", "有", "1"), unless=words.NO)
NO = words.leading(words.NO_LEADING, ("未解决", "还没", "2"), unless=words.YES)
NO_COMMENT = re.compile(r"^(没有|无|没了|不用了|没有了|不说了|没什么|没啥|好的|好|谢谢)[。！!]*$")


def score_in(text: str) -> int | None:
    found = SCORE.search(text)
    if not found:
        return None
    return int(found.group(1)) if found.group(1) else CHINESE_DIGITS[found.group(2)]


def _ask_score(order: Order) -> str:
    org = order.organization.name if order.organization else "服务组织"
    return t.ASK_SCORE.format(number=order.number, category=categories.short(order.category),
                              org=org)


@register_flow
class RateFlow(Flow):
    name = "rate"

    def step(self, turn: Turn, state: dict) -> Reply | None:
        if turn.intent in ("cancel", "human"):
            return None
        flow, text = state["flow"], turn.text.strip()
        if "score" not in flow:
            flow["score"] = score_in(text) if len(text) <= 12 else None
            if flow["score"] is None:
                del flow["score"]
                return Reply.say(t.SCORE_AGAIN, "clarified")
            return Reply.say(t.ASK_RESOLVED, "acted")
        if "resolved" not in flow:
            if NO.match(text) or YES.match(text):
                flow["resolved"] = not NO.match(text)
                return Reply.say(t.ASK_COMMENT, "acted")
            return Reply.say(t.RESOLVED_AGAIN, "clarified")
        state.pop("flow", None)
        comment = "" if NO_COMMENT.match(text) else text
        return rate(turn.resident, flow, comment)

    def resume_prompt(self, state: dict) -> str:
        flow = state["flow"]
        if "score" not in flow:
            return t.RATE_RESUME + t.SCORE_AGAIN
        return t.RATE_RESUME + (t.ASK_COMMENT if "resolved" in flow else t.ASK_RESOLVED)


def rate(resident: Resident, flow: dict, comment: str) -> Reply:
    """Record the rating; a low or unresolved one is followed up by staff."""
    try:
        order = operations.apply(flow["order_id"], "rate", Actor.for_resident(resident),
                                 score=flow["score"], resolved=flow["resolved"],
                                 comment=comment)
    except TransitionError as exc:
        return Reply.say(str(exc), "missed")
    text = t.THANKS.format(number=order.number)
    if flow["score"] <= 2 or not flow["resolved"]:
        text += "\n" + t.FOLLOW_UP
    return Reply.say(text, "acted")


@register
class RateHandler(Handler):
    intent = "rate"

    def handle(self, turn: Turn, state: dict) -> Reply:
        waiting = queries.awaiting_rating(turn.resident)
        if not waiting:
            return Reply.say(t.NOTHING_TO_RATE, "answered")
        order = waiting[0]
        state["flow"] = {"name": "rate", "order_id": order.id}
        score = score_in(turn.text)
        if score is not None:  # "评价5分" already answers the first question
            state["flow"]["score"] = score
            return Reply.say(t.ASK_RESOLVED, "acted")
        return Reply.say(_ask_score(order), "acted")
