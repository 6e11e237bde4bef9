"""Cancelling an order in chat, and the order lines for "我的进度"."""
from __future__ import annotations

import re

from handlers import order_texts as t
from handlers.base import Flow, Reply, Turn, register_flow
from handlers.status import register_status_provider
from orders import categories, operations, queries, texts
from orders.transitions import Actor, TransitionError

CONFIRM = re.compile(r"^(确认取消|确认|确定|是|是的|对|取消吧|1)[。！!]*$")
RESIDENT_CANCELS = ("submitted", "pending_dispatch", "dispatched")


@register_status_provider
def status_lines(openid: str) -> list[str]:
    """The resident's recent orders, one line each (a "我的进度" status provider)."""
    lines = []
    for order in queries.resident_orders(openid):
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
    orders = queries.resident_orders(turn.user, open_only=True, limit=1)
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


@register_flow
class CancelOrderFlow(Flow):
    name = "order_cancel"

    def step(self, turn: Turn, state: dict) -> Reply | None:
        flow = state.pop("flow")
        if not CONFIRM.match(turn.text.strip()):
            return Reply.say(t.CANCEL_KEPT, "acted")
        try:
            order = operations.apply(flow["order_id"], "cancel",
                                     Actor("resident", turn.user, openid=turn.user),
                                     reason="居民在微信中取消")
        except TransitionError as exc:
            return Reply.say(str(exc), "missed")
        return Reply.say(t.CANCEL_DONE.format(number=order.number), "acted")


