"""Cancelling an order in chat, and the order lines for "我的进度"."""
from __future__ import annotations

import re

from core import answer_words as words
from forms.validators import clean
from core.residents import Resident
from handlers import order_texts as t
from handlers.base import Flow, Reply, Turn, register_flow
from handlers.status import register_status_provider
from orders import categories, operations, queries, texts
from orders.transitions import Actor, TransitionError

# Yes to "确定要取消吗" (core.answer_words), or the cancel itself said again.
CONFIRM = words.whole(words.YES, ("确认取消", "取消吧"), alone=("1",))
RESIDENT_CANCELS = ("submitted", "pending_dispatch", "dispatched")
# Words that take back an order; the strong ones presume something to take back ("帮我撤了吧").
CANCEL_STRONG = re.compile(r"撤了|撤掉|撤回|撤销|撤单|退掉|退单|取消掉|别派|不用派|别来了|不用来了|"
                           r"(不用|不需要|不要|别)(再)?上门")
CANCEL_WEAK = re.compile(r"取消|不要了|不用了|不需要了|算了|不做了|不来了|不点了|不订了")
ORDER_WORDS = re.compile(r"订单|单子|(这|那|此|我的|我那)(个|张)?单|点的|下的单|订的|约的服务|上门|那个服务|"
                         r"派的人|师傅|DD\d{8}-\d{4}")
# "你们啥时候来人", "师傅几点能到": when the help ordered comes, asked by one who has an open order.
ARRIVAL = re.compile(r"(什么时候|啥时候|几点|哪天|多久|多长时间|几时|咋还不|怎么还不|还不|还没|能不能)"
                     r"(能|才|会|可以|就)?(来|到|上门|派|过来|安排)|(来人|上门|派人)(了)?(没|吗|没有)")
NEGATED = re.compile(r"(不是|没说|不想|别)(要)?(取消|撤)")


@register_status_provider
def status_lines(resident: Resident) -> list[str]:
    """The resident's recent orders, one line each (a "我的进度" status provider)."""
    lines = []
    for order in queries.resident_orders(resident):
        extra = ""
        if order.organization and order.state in ("dispatched", "in_service"):
            extra = f"，服务组织：{order.organization.name}"
        if order.state == "awaiting_rating":
            extra = "，回复“评价”为服务打分"
        lines.append(t.STATUS_LINE.format(number=order.number, extra=extra,
                                          category=categories.short(order.category),
                                          state=texts.STATE_LABELS[order.state]))
    return lines


def offer_cancel(turn: Turn, state: dict) -> Reply | None:
    """"取消" with no dialog under way: offer to cancel the latest open order."""
    orders = queries.resident_orders(turn.resident, open_only=True, limit=1)
    if not re.search(r"取消|订单|单子", turn.text):
        return None  # "算了" after a guide answer is not about an order
    if not orders or orders[0].state == "awaiting_rating":
        return None
    order = orders[0]
    if order.state not in RESIDENT_CANCELS:
        return Reply.say(t.CANCEL_TOO_LATE.format(number=order.number), "answered")
    state["flow"] = {"name": "order_cancel", "order_id": order.id}
    return Reply.say(t.CANCEL_WHICH.format(state=texts.STATE_LABELS[order.state],
                                           number=order.number,
                                           category=categories.short(order.category)), "acted")


def cancel_request(turn: Turn, state: dict) -> Reply | None:
    """Taking back a placed order in the resident's words: "那个单子不要了", "帮我撤了吧".

    With no dialog open it means the order just shown, one the message names,
    or (for a word like 撤 that needs an object) the open order. Inside another
    form only a message naming an order is about an order: the form stays.
    The order is cancelled at once; a "确认" after that is told it is done.
    """
    in_view, done = state.pop("order_in_view", None), state.pop("order_cancelled", None)
    text = clean(turn.text)
    flow = (state.get("flow") or {}).get("name")
    if done and not flow and CONFIRM.match(text):
        return Reply.say(t.CANCEL_DONE.format(number=done), "acted")
    if flow not in (None, "form") or NEGATED.search(text):
        return None  # an order being filled, a rating or 转人工 read 取消 themselves
    strong, weak, named = CANCEL_STRONG.search(text), CANCEL_WEAK.search(text), ORDER_WORDS.search(text)
    if not (strong or weak) or (flow and not named) or not (named or in_view or strong):
        return None
    orders = queries.resident_orders(turn.resident, open_only=True, limit=5)
    order = next((o for o in orders if o.id == in_view), None) or next(
        (o for o in orders if o.state != "awaiting_rating"), None)
    if order is None:
        return Reply.say(t.NOTHING_TO_CANCEL, "answered") if named else None
    if order.state not in RESIDENT_CANCELS:
        return Reply.say(t.CANCEL_TOO_LATE.format(number=order.number), "answered")
    try:
        operations.apply(order.id, "cancel", Actor.for_resident(turn.resident),
                         reason="居民在微信中取消")
    except TransitionError as exc:
        return Reply.say(str(exc), "missed")
    state["order_cancelled"] = order.number
    return Reply.say(t.CANCEL_DONE.format(number=order.number), "acted")


def arrival_question(turn: Turn, state: dict) -> Reply | None:
    """"你们啥时候来人" with no dialog open, naming no other item: the open order's status."""
    from handlers.base import HANDLERS

    if state.get("flow") or turn.intent not in ("guide", "out_of_scope", "status") or turn.faq \
            or turn.service not in (None, categories.guide_item()):
        return None
    if not ARRIVAL.search(clean(turn.text)) or not queries.resident_orders(turn.resident, open_only=True, limit=1):
        return None
    return HANDLERS["status"].handle(turn, state)


@register_flow
class CancelOrderFlow(Flow):
    name = "order_cancel"

    def step(self, turn: Turn, state: dict) -> Reply | None:
        flow = state.pop("flow")
        if not CONFIRM.match(turn.text.strip()):
            return Reply.say(t.CANCEL_KEPT, "acted")
        try:
            order = operations.apply(flow["order_id"], "cancel",
                                     Actor.for_resident(turn.resident),
                                     reason="居民在微信中取消")
        except TransitionError as exc:
            return Reply.say(str(exc), "missed")
        return Reply.say(t.CANCEL_DONE.format(number=order.number), "acted")


