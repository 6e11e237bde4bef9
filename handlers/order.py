"""居民点单 in chat: ask for what is missing, confirm, submit, give the number."""
from __future__ import annotations

import re

from handlers import order_texts as t
from handlers.base import Flow, Handler, Reply, Turn, register, register_flow
from core import calendar
from orders import categories, operations, queries
from orders.transitions import Actor, TransitionError

PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")
YES = re.compile(r"^(确认|确定|是|是的|对|对的|好|好的|可以|行|没问题|提交|1|嗯)[。！!.]*$")
REDO = re.compile(r"重新|重填|修改|不对|改一下")
USE_LOCATION = re.compile(r"^(1|用这个|就这个|就是这里|用刚才的位置|是)[。!！]*$")
# Messages that are not an answer to our question: the engine answers them, then resumes.
ASIDE_INTENTS = ("cancel", "human")
QUESTION_INTENTS = ("guide", "apply", "volunteer", "status", "out_of_scope")
QUESTION = re.compile(r"吗|么|什么|啥|怎么|咋|多少|哪|几|[？?]")


def aside(turn: Turn) -> bool:
    """A side question (低保要什么材料) or a request to stop, mid-dialog."""
    if turn.intent in ASIDE_INTENTS:
        return True
    return (turn.intent in QUESTION_INTENTS and turn.confidence >= 0.7
            and bool(QUESTION.search(turn.text)) and not PHONE.search(turn.text))
STEPS = ("category", "description", "address", "preferred_time", "phone", "confirm")


def _missing(form: dict) -> str:
    return next(step for step in STEPS if not form.get(step))


def _ask(form: dict, state: dict) -> str:
    step = _missing(form)
    if step == "category":
        return t.ASK_CATEGORY + "\n" + "\n".join(
            f"{i}. {categories.labels()[code]}" for i, code in enumerate(categories.codes(), 1))
    if step == "address" and state.get("location"):
        return t.ASK_ADDRESS_WITH_LOCATION.format(label=_location_label(state["location"]))
    if step == "confirm":
        return t.CONFIRM.format(**{**form, "category": categories.short(form["category"])})
    return getattr(t, "ASK_" + step.upper())


def _location_label(location: dict) -> str:
    return location.get("label") or f"{location.get('lat')},{location.get('lng')}"


@register_flow
class OrderFlow(Flow):
    name = "order"

    def step(self, turn: Turn, state: dict) -> Reply | None:
        if aside(turn):
            return None
        form = state["flow"]["form"]
        step = _missing(form)
        if step == "confirm":
            return self._confirm(turn, state, form)
        if not _fill(step, turn, state, form):
            return Reply.say(t.AGAIN[step] + "\n" + _ask(form, state), "clarified")
        _pick_phone(turn.text, form)
        return Reply.say(_ask(form, state), "acted")

    def resume_prompt(self, state: dict) -> str:
        return t.RESUME + _ask(state["flow"]["form"], state)

    def _confirm(self, turn: Turn, state: dict, form: dict) -> Reply:
        if REDO.search(turn.text):
            state["flow"]["form"] = {"category": form["category"]}
            return Reply.say(t.REDO + _ask(state["flow"]["form"], state), "acted")
        if not YES.match(turn.text.strip()):
            return Reply.say(t.CONFIRM_AGAIN, "clarified")
        state.pop("flow", None)
        return submit(turn.user, form, state)


def _fill(step: str, turn: Turn, state: dict, form: dict) -> bool:
    """Take this message as the answer to `step`; False if it is not one."""
    text = turn.text.strip()
    if step == "category":
        form["category"] = _category(turn)
        return bool(form["category"])
    if step == "address":
        if state.get("location") and USE_LOCATION.match(text):
            form["address"] = _location_label(state["location"])
            form["location"] = state["location"]
            return True
        form["address"] = text if len(text) >= 4 else ""
        return bool(form["address"])
    if step == "phone":
        found = PHONE.search(text.replace(" ", ""))
        form["phone"] = found.group(1) if found else ""
        return bool(found)
    form[step] = text[:500] if len(text) >= 2 else ""
    return bool(form[step])


def _category(turn: Turn) -> str | None:
    codes = categories.codes()
    digits = turn.text.strip().rstrip(".、")
    if digits.isdigit() and 1 <= int(digits) <= len(codes):
        return codes[int(digits) - 1]
    if turn.category in codes:
        return turn.category
    return next((c for c in codes if categories.short(c) in turn.text), None)


def _pick_phone(text: str, form: dict) -> None:
    found = PHONE.search(text.replace(" ", ""))
    if found and not form.get("phone"):
        form["phone"] = found.group(1)


def submit(openid: str, form: dict, state: dict) -> Reply:
    """File the order and give the resident its number."""
    location = form.get("location") or {}
    address = form["address"]
    community = next((c for c in queries.known_communities() if c in address), "")
    try:
        order = operations.submit_order(
            Actor("resident", openid, openid=openid), category=form["category"],
            description=form["description"], address=address, phone=form["phone"],
            preferred_time=form["preferred_time"], community=community,
            lat=location.get("lat"), lng=location.get("lng"))
    except TransitionError as exc:
        return Reply.say(str(exc), "missed")
    due = calendar.to_china(order.due_at).strftime("%m月%d日 %H:%M")
    template = t.SUBMITTED_EMERGENCY if order.category == "emergency" else t.SUBMITTED
    text = template.format(number=order.number, due=due, category=categories.short(order.category))
    if order.category == "emergency":
        text = t.EMERGENCY + "\n" + text
    return Reply.say(text, "acted")


@register
class OrderHandler(Handler):
    intent = "order"

    def handle(self, turn: Turn, state: dict) -> Reply:
        form: dict = {}
        if turn.category in categories.codes():
            form["category"] = turn.category
            if not cue_only(turn.text):
                form["description"] = turn.text.strip()[:500]
        _pick_phone(turn.text, form)
        state["flow"] = {"name": "order", "form": form}
        return Reply.say(t.START + _ask(form, state), "acted")


def start_emergency(text: str, state: dict) -> str:
    """Open a 助急 order from a danger message; return the next question (the address)."""
    form = {"category": "emergency", "description": text.strip()[:500],
            "preferred_time": t.EMERGENCY_TIME}
    _pick_phone(text, form)
    state["flow"] = {"name": "order", "form": form}
    return _ask(form, state)


def cue_only(text: str) -> bool:
    """'我要点单' and the like say nothing about what help is needed."""
    return len(re.sub(r"我要|我想|点单|下单|服务|预约|上门|[，。！!？?\s]", "", text)) <= 2
