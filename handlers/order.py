"""居民点单 in chat: ask for what is missing, confirm, submit, give the number."""
from __future__ import annotations

import re

from core.pii import mask_text
from forms.validators import ADDRESS_MARK
from handlers import form_reading as reading
from handlers import known_residents
from handlers import order_texts as t
from handlers.base import Flow, Handler, Reply, Turn, register, register_flow
from core import calendar
from knowledge import live
from orders import categories, operations, queries
from orders.transitions import Actor, TransitionError

PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")
YES = re.compile(r"^(确认|确定|是|是的|对|对的|好|好的|可以|行|没问题|没错|提交|1|嗯|嗯嗯)[吧啊。！!.]*$")
REDO = re.compile(r"重新|重填|修改|不对|改一下")
USE_LOCATION = re.compile(r"^(1|用这个|就这个|就是这里|就这里|用刚才的位置|是|是的|对|对的|好|好的|可以|行|嗯|没错)[吧。!！]*$")
TIME_WORDS = re.compile(r"今天|明天|后天|上午|下午|晚上|早上|中午|傍晚|周[一二三四五六日天末]|星期|礼拜|\d+点|点钟|越快越好|"
                        r"尽快|马上|随时|都行|什么时候都|有空|工作日|\d+月\d+[日号]")
HOME_CARE_FEE = "faq-home-care-fee"
FIELD_LABELS = {"phone": "联系电话", "address": "地址", "preferred_time": "期望时间", "description": "需求"}
KINDS = {"mobile": "phone", "address": "address", "preferred_time": "preferred_time"}
# Messages that are not an answer to our question: the engine answers them, then resumes.
ASIDE_INTENTS = ("cancel", "human")
QUESTION_INTENTS = ("guide", "apply", "volunteer", "status", "out_of_scope")
QUESTION = re.compile(r"吗|么|什么|啥|怎么|咋|多少|哪|几|[？?]")


def aside(turn: Turn, step: str = "category") -> bool:
    """A side question (低保要什么材料, 这个收费吗) or a request for a person, mid-dialog.

    At the steps that take free words (need, address, time) only a clear
    question leaves the step: "需要有人帮忙洗澡" is the answer, not a question.
    """
    if turn.intent in ASIDE_INTENTS:
        return True
    text = turn.text.strip()
    if turn.intent in ("apply", "volunteer", "status", "rate") and turn.confidence >= 0.85 and len(text) <= 14:
        return True  # "我要申请高龄津贴" starts something else (handlers.parking asks first)
    if PHONE.search(reading.spoken_digits(text).replace(" ", "")):
        return False
    if step in ("description", "address", "preferred_time"):
        return reading.is_question(text, free_text=True, service=turn.service, aspect=turn.aspect)
    return reading.is_question(text, service=turn.service, aspect=turn.aspect) or (
        turn.intent in QUESTION_INTENTS and turn.confidence >= 0.7 and bool(QUESTION.search(text)))
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
    if step == "phone" and state["flow"].get("known_phone"):
        return t.ASK_PHONE + "\n" + t.KNOWN_PHONE.format(phone=mask_text(state["flow"]["known_phone"]))
    return getattr(t, "ASK_" + step.upper())


def _location_label(location: dict) -> str:
    return location.get("label") or f"{location.get('lat')},{location.get('lng')}"


@register_flow
class OrderFlow(Flow):
    name = "order"

    def step(self, turn: Turn, state: dict) -> Reply | None:
        form = state["flow"]["form"]
        step = _missing(form)
        text = turn.text.strip()
        leave = reading.leave_cue(text)
        if leave == "pause":
            from handlers import parking

            return parking.pause(state)
        if leave == "end" or turn.intent == "cancel":
            state.pop("flow", None)
            return Reply.say(t.CANCELLED_ORDER, "acted")
        if reading.CONTINUE.match(text):
            return Reply.say(t.RESUME + _ask(form, state), "acted")
        fixed = _correct(text, form, state)
        if fixed is not None:
            return fixed
        if step == "confirm":
            return None if aside(turn) else self._confirm(turn, state, form)
        if aside(turn, step):
            _about_this_order(turn)
            return None
        if not _fill(step, turn, state, form):
            return Reply.say(t.AGAIN[step] + "\n" + _ask(form, state), "clarified")
        _pick_phone(turn.text, form)
        return Reply.say(_ask(form, state), "acted")

    def title(self, flow: dict) -> str:
        return t.TITLE

    def waiting_for(self, state: dict) -> str:
        return _ask(state["flow"]["form"], state)

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
        if form["category"] and not text.rstrip(".、").isdigit() and not cue_only(text) and len(text) > 4:
            form.setdefault("description", text[:500])  # "家里需要打扫卫生" says the need too
        return bool(form["category"])
    if step == "address":
        if state.get("location") and USE_LOCATION.match(text):
            form["address"] = _location_label(state["location"])
            form["location"] = state["location"]
            return True
        spoken = reading.spoken_digits(text).replace(" ", "")
        if PHONE.fullmatch(spoken):  # a phone number given early is kept, not taken as the address
            form.setdefault("phone", spoken)
            return False
        form["address"] = _address_and_time(text, form)
        if not (ADDRESS_MARK.search(form["address"]) or re.search(r"\d", form["address"])):
            form["address"] = ""  # "我家" or "不知道": no street, building or number in it
        return bool(form["address"])
    if step == "phone":
        if state["flow"].get("known_phone") and reading.yes(text):
            form["phone"] = state["flow"]["known_phone"]
            return True
        found = PHONE.search(reading.spoken_digits(text).replace(" ", ""))
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


def _about_this_order(turn: Turn) -> None:
    """"这个收费吗" mid-order names no item: it asks about the home service being ordered."""
    if turn.service is None and turn.faq is None and turn.aspect == "fee":
        entry = next((f for f in live.snapshot().faq if f.get("id") == HOME_CARE_FEE), None)
        if entry is not None:
            turn.intent, turn.faq = "guide", entry


def _address_and_time(text: str, form: dict) -> str:
    """The address in "幸福路12号3栋201，明天上午": a time said with it is kept as the time."""
    parts = [p for p in re.split(r"[，,；;。\s]+", text) if p]
    if len(parts) > 1:
        times = [p for p in parts if TIME_WORDS.search(p) and not PHONE.search(p)]
        rest = [p for p in parts if p not in times and not PHONE.fullmatch(reading.spoken_digits(p))]
        if times and rest and not form.get("preferred_time"):
            form["preferred_time"] = "，".join(times)[:100]
            text = "，".join(rest)
    return text if len(text) >= 4 else ""


def _correct(text: str, form: dict, state: dict) -> Reply | None:
    """"刚才电话写错了，是139…": change that answer, at any step."""
    found = reading.correction(text)
    if not found or KINDS.get(found[0]) not in form:
        return None
    key, rest = KINDS[found[0]], found[1]
    if key == "phone":
        digits = PHONE.search(reading.spoken_digits(rest).replace(" ", ""))
        rest = digits.group(1) if digits else ""
    if len(rest) < 2:
        form.pop(key, None)
        return Reply.say(_ask(form, state), "acted")
    form[key] = rest[:500]
    return Reply.say(t.CORRECTED.format(label=FIELD_LABELS[key], value=rest) + "\n" + _ask(form, state),
                     "acted")


def location_offer(state: dict, label: str) -> str | None:
    """A location sent while the order waits for its address: offer it."""
    flow = state.get("flow") or {}
    if flow.get("name") != "order" or _missing(flow["form"]) != "address":
        return None
    return t.LOCATION_OFFER.format(label=label)


def _pick_phone(text: str, form: dict) -> None:
    found = PHONE.search(reading.spoken_digits(text).replace(" ", ""))
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
        known = known_residents.phone_for_order(turn.user)
        if known:
            state["flow"]["known_phone"] = known
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
