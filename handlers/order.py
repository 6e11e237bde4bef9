"""居民点单 in chat: say what was understood, ask only for what is missing, confirm, submit.

The first message often carries the whole order ("明天上午来给我爸理发 光明社区3栋
电话139…"): every detail it gives is taken (handlers.order_reading) and said
back, and only the rest is asked, one at a time. Any later answer may carry
more than its step asks for; the summary takes a natural yes in any dialect and
"不对，时间改成…" as a change to that field.
"""
from __future__ import annotations

import re

from core import answer_words as words
from core import calendar
from core.pii import mask_text
from core.residents import Resident
from forms.validators import ADDRESS_MARK
from handlers import form_reading as reading
from handlers import known_residents, texts
from handlers import order_reading as said
from handlers import order_summary as summ
from handlers import order_texts as t
from handlers.base import Flow, Handler, Reply, Turn, register, register_flow
from handlers.form_flow import communities
from intents import cues
from knowledge import live
from orders import categories, operations, queries
from orders.transitions import Actor, TransitionError

PHONE = said.PHONE
# "返回菜单" is not a step back: the engine leaves the form for the menu (bot.menus.leaves_for_menu).
BACK = re.compile(r"^(返回|回到|退回)?(上一步|上一项|上一个|上一题)$|^(返回|返回上一级)[。.！!]?$")
REDO = re.compile(r"^(重新|重填|重新填|重新填写|全部重填|从头再来|重来)")
# Yes to "use the location you shared?" (core.answer_words), or where it points.
USE_LOCATION = words.whole(words.YES, ("用这个", "就这个", "就是这里", "就这里", "用刚才的位置"), alone=("1",))
HOME_CARE_FEE = "faq-home-care-fee"
KINDS = {"mobile": "phone", "address": "address", "preferred_time": "preferred_time"}
# Messages that are not an answer to our question: the engine answers them, then resumes.
ASIDE_INTENTS = ("cancel", "human")
QUESTION_INTENTS = ("guide", "apply", "volunteer", "status", "out_of_scope")
QUESTION = re.compile(r"吗|么|什么|啥|怎么|咋|多少|哪|几|[？?]")
ASPECT_TABLE = cues.compile_table(cues.ASPECT_CUES)


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
    if said.phone_in(text):
        return False
    if step == "preferred_time" and (said.time_in(text) or reading.ANY_OPTION.search(text)) \
            and not reading.QUESTION_END.search(re.sub(r"\s", "", text)):
        return False  # "随便哪天上午都行": a time given, however loosely worded
    if step in ("description", "address", "preferred_time"):
        return reading.is_question(text, free_text=True, service=turn.service, aspect=turn.aspect)
    return reading.is_question(text, service=turn.service, aspect=turn.aspect) or (
        turn.intent in QUESTION_INTENTS and turn.confidence >= 0.7 and bool(QUESTION.search(text)))


@register_flow
class OrderFlow(Flow):
    name = "order"

    def step(self, turn: Turn, state: dict) -> Reply | None:
        form = state["flow"]["form"]
        step = summ.missing(form)
        text = turn.text.strip()
        leave = reading.leave_cue(text)
        if leave == "pause":
            from handlers import parking

            return parking.pause(state)
        if leave == "end" or turn.intent == "cancel":
            state.pop("flow", None)
            return Reply.say(t.CANCELLED_ORDER, "acted")
        if reading.continues(text):
            return Reply.say(t.RESUME + summ.ask(form, state), "acted")
        if BACK.match(text):
            return _back(form, state, step)
        if state["flow"].pop("location_taken", False) and reading.yes(text) and step != "confirm":
            return Reply.say(t.LOCATION_AGREED + "\n" + summ.ask(form, state), "acted")
        if step == "confirm":
            # "中不中" is about the summary; a question about something named leaves it.
            named = turn.service or turn.faq or turn.referral or turn.intent not in ("guide", "out_of_scope")
            if aside(turn) and named and not said.affirmed(text):
                return None
            return self._confirm(turn, state, form)
        fixed = _correct(text, form, state)
        if fixed is not None:
            return fixed
        # "打扫卫生" at the category step names the kind of help: an answer, unless asked as a question.
        named = step == "category" and _category(turn) and not reading.is_question(text, free_text=True)
        if aside(turn, step) and not named:
            _about_this_order(turn)
            return None
        before = dict(form)
        filled = _fill(step, turn, state, form)
        extra = {k: v for k, v in form.items() if k != step and v and before.get(k) != v}
        if not filled:
            # "中山路100号" while the kind of help is asked: the address is kept, the kind asked again.
            noted = summ.noted(extra) if extra else ""
            return Reply.say((noted or t.AGAIN[step] + "\n") + summ.ask(form, state), "clarified")
        head = t.UNDERSTOOD_CATEGORY.format(category=categories.display(form["category"])) + "\n" \
            if step == "category" else ""
        noted = summ.noted(extra) if summ.missing(form) != "confirm" else ""
        return Reply.say(head + noted + summ.ask(form, state), "acted")

    def title(self, flow: dict) -> str:
        return t.TITLE

    def item(self, flow: dict) -> str | None:
        return categories.guide_item()

    def waiting_for(self, state: dict) -> str:
        return summ.ask(state["flow"]["form"], state)

    def resume_prompt(self, state: dict) -> str:
        return t.RESUME + summ.ask(state["flow"]["form"], state)

    def _confirm(self, turn: Turn, state: dict, form: dict) -> Reply:
        text = turn.text.strip()
        if said.affirmed(text) or text == "1":
            state.pop("flow", None)
            return submit(turn.resident, form, state)
        if REDO.match(text):
            state["flow"]["form"] = {"category": form["category"]}
            return Reply.say(t.REDO + summ.ask(state["flow"]["form"], state), "acted")
        changed = summ.change_at_summary(text, form, state)
        if changed is not None:
            return changed
        return Reply.say(t.CONFIRM_AGAIN + "\n\n" + summ.summary(form), "clarified")


def _back(form: dict, state: dict, step: str) -> Reply:
    """"返回", "上一步": the answer before this step asked again; before the first, the menu."""
    done = [s for s in summ.STEPS[:summ.STEPS.index(step)] if form.get(s)]
    if not done or (done == ["category"] and not any(form.get(k) for k in form if k != "category")
                    and step == "description"):
        state.pop("flow", None)
        return Reply.say(texts.WELCOME, "answered")  # the engine numbers the menu again
    form.pop(done[-1], None)
    return Reply.say(summ.ask(form, state), "acted")


def _take(found: dict, form: dict) -> dict:
    """Keep the details found for fields still empty; return those taken."""
    taken = {key: value for key, value in found.items() if value and not form.get(key)}
    form.update(taken)
    return taken


def _fill(step: str, turn: Turn, state: dict, form: dict) -> bool:
    """Take this message as the answer to `step` (and any other detail it gives); False if it is not one."""
    text = turn.text.strip()
    found = said.details(text, communities())
    if step in ("description", "preferred_time") and not found and (
            reading.affirmed(text) or reading.yes(text) or reading.no(text)):
        return False  # "确认", "好的", "没有" answer no question about the need or the time
    if step == "category":
        form["category"] = _category(turn)
        if not form["category"]:
            _take(found, form)
            return False
        need = said.need_in(text, found)
        said_need = (not cue_only(need) and len(need) > 4) or summ.category_named(need) == form["category"]
        if not text.rstrip(".、").isdigit() and reading.ordinal(text) is None and said_need:
            form.setdefault("description", need)  # "家里需要打扫卫生" (or "助餐") says the need too
        _take(found, form)
        return True
    if step == "address":
        if state.get("location") and USE_LOCATION.match(text):
            form["address"] = summ.location_label(state["location"])
            form["location"] = state["location"]
            return True
        return _fill_address(text, found, form)
    if step == "phone":
        if state["flow"].get("known_phone") and reading.yes(text):
            form["phone"] = state["flow"]["known_phone"]
            return True
        form["phone"] = found.pop("phone", "")
        _take(found, form)
        return bool(form["phone"])
    if step == "preferred_time":
        if not found.get("preferred_time") and found.get("address"):
            form["address"] = found.pop("address")  # the address said more fully, not a time
            _take(found, form)
            return True
        spans = found.pop("preferred_time", "")
        # Asked for the time, a short answer is kept in the resident's words ("随便哪天上午都行").
        own = not found and 2 <= len(text) <= 20
        form["preferred_time"] = text[:100] if own else spans or (
            text[:100] if len(text) >= 2 and not found.get("phone") else "")
        _take(found, form)
        return bool(form["preferred_time"])
    need = said.need_in(text, found) if found else text
    form[step] = need[:500] if len(need) >= 2 else (text[:500] if len(text) >= 2 else "")
    _take(found, form)
    return bool(form[step])


def _fill_address(text: str, found: dict, form: dict) -> bool:
    """The address step's answer: the text without its time and phone, if it names a place."""
    time, phone = found.pop("preferred_time", ""), found.pop("phone", "")
    rest = reading.strip_label(said.need_in(text, {"preferred_time": time}))
    if phone and len(rest) < 4:
        form.setdefault("phone", phone)  # a phone number given early is kept, not taken as the address
        return False
    if not (ADDRESS_MARK.search(rest) or re.search(r"\d", rest)) or len(rest) < 4:
        # "我家" or "不知道": no street, building or number in it; a time or phone said
        # instead ("明天上午" while the address is asked) is kept for its own step.
        _take({"preferred_time": time, "phone": phone}, form)
        return False
    form["address"] = rest[:100]
    _take({"preferred_time": time, "phone": phone}, form)
    return True


def _category(turn: Turn) -> str | None:
    codes = categories.codes()
    n = reading.ordinal(turn.text)
    digits = turn.text.strip().rstrip(".、")
    if n is None and digits.isdigit():
        n = int(digits)
    if n is not None:
        return codes[n - 1] if 1 <= n <= len(codes) else None
    if turn.category in codes:
        return turn.category
    return summ.category_named(said.compact(turn.text))


def _about_this_order(turn: Turn) -> None:
    """"这个收费吗" mid-order names no item: it asks about the home service being ordered.

    So does a question read as another order ("上门维修收费吗"): it names the help, not a new request.
    """
    if turn.intent == "order":
        scores = cues.best(ASPECT_TABLE, said.compact(turn.text))
        turn.intent, turn.category, turn.service = "guide", None, categories.guide_item()
        turn.aspect = max(scores, key=lambda a: scores[a]) if scores else "overview"
    if turn.service in (None, categories.guide_item()) and turn.faq is None and turn.aspect == "fee":
        entry = next((f for f in live.snapshot().faq if f.get("id") == HOME_CARE_FEE), None)
        if entry is not None:
            turn.intent, turn.faq = "guide", entry


def _correct(text: str, form: dict, state: dict) -> Reply | None:
    """"刚才电话写错了，是139…": change that answer, at any step."""
    found = reading.correction(text)
    if not found or KINDS.get(found[0]) not in form:
        return None
    key, rest = KINDS[found[0]], found[1]
    patched = said.patch(form.get(key) or "", text) if key != "phone" else None
    if patched:
        rest = patched
    elif key == "phone":
        rest = said.phone_in(rest)
    elif key == "address":
        rest = said.address_in(rest, communities()) or rest
    if len(rest) < 2:
        form.pop(key, None)
        return Reply.say(summ.ask(form, state), "acted")
    form[key] = rest[:500]
    shown = mask_text(rest) if key == "phone" else rest
    return Reply.say(t.CORRECTED.format(label=summ.FIELD_LABELS[key], value=shown) + "\n" + summ.ask(form, state),
                     "acted")


def location_offer(state: dict, label: str) -> str | None:
    """A location sent while the order waits for its address: taken as the address, the next step asked.

    The summary shows it for the resident to confirm, and "地址改成…" still changes it;
    bare coordinates are offered instead, since no one can find a door by them.
    """
    flow = state.get("flow") or {}
    if flow.get("name") != "order" or summ.missing(flow["form"]) != "address":
        return None
    if not label or re.fullmatch(r"[\d.,\-\s]+", label):
        return t.LOCATION_OFFER.format(label=label)
    form = flow["form"]
    form["address"] = label[:100]
    form["location"] = state.get("location")
    flow["location_taken"] = True  # a "是" next agrees to it; it is no answer to the next step
    return t.LOCATION_TAKEN.format(label=label[:100]) + "\n" + summ.ask(form, state)


def submit(resident: Resident, form: dict, state: dict) -> Reply:
    """File the order and give the resident its number."""
    location = form.get("location") or {}
    address = form["address"]
    community = next((c for c in queries.known_communities() if c in address), "")
    try:
        order = operations.submit_order(
            Actor.for_resident(resident), category=form["category"],
            description=form["description"], address=address, phone=form["phone"],
            preferred_time=form["preferred_time"], community=community,
            lat=location.get("lat"), lng=location.get("lng"))
    except TransitionError as exc:
        return Reply.say(str(exc), "missed")
    state["order_in_view"] = order.id  # "帮我撤了吧" next means this order
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
        text = turn.text.strip()
        found = said.details(text, communities())
        code = turn.category if turn.category in categories.codes() else summ.category_named(said.compact(text))
        need = said.need_in(text, found)
        if code:
            form["category"] = code
            if not cue_only(need) or summ.category_named(need) == code:
                form["description"] = need  # "送餐" names the need as well as the category
        elif not cue_only(need) and len(need) > 4:
            form["description"] = need  # kept while the category is asked
        form.update(found)
        state["flow"] = {"name": "order", "form": form}
        known = known_residents.phone_for_order(turn.resident)
        if known:
            state["flow"]["known_phone"] = known
        head = t.UNDERSTOOD.format(category=categories.display(code)) if code else t.START
        if not code and _likely(turn):
            head += "\n" + t.LIKELY_CATEGORIES.format(choices=_likely(turn))
        # Everything given at once: the summary itself shows what was taken.
        noted = summ.noted(found) if summ.missing(form) != "confirm" else ""
        return Reply.say(head + "\n" + noted + summ.ask(form, state), "acted")


def _likely(turn: Turn) -> str:
    """The kinds of help the understanding found likeliest when it took none (intents.categories),
    as the category step numbers them: "3. 助浴 或 2. 助洁"."""
    codes = categories.codes()
    likely = [c["category"] for c in (turn.candidates or [])
              if c.get("intent") == "order" and c.get("category") in codes]
    return " 或 ".join(f"{codes.index(c) + 1}. {categories.short(c)}" for c in likely)


def reads_as_order(text: str, state: dict) -> str | None:
    """A message no rule placed that gives an order's details ("每天中午送到和平社区6栋302 电话138…").

    It is an order when it names a kind of help, or follows an answer about home
    services; the kind of help found ("" when it is to be asked), else None.
    """
    # The kind of help and the context first: they need no database, the community list
    # does, and most messages no rule placed are no order.
    code = summ.category_named(said.compact(text))
    if code is None and state.get("service") != categories.guide_item():
        return None
    found = said.details(text, communities())
    if len(found) < 2 or not (found.get("address") or found.get("phone")):
        return None
    return code or ""


def help_named(text: str) -> str | None:
    """The kind of home help a request names ("约人来打扫" → 助洁), if it names one; else None."""
    return summ.category_named(said.compact(text))


def start_emergency(text: str, state: dict) -> str:
    """Open a 助急 order from a danger message; return the next question (the address)."""
    form = {"category": "emergency", "description": text.strip()[:500],
            "preferred_time": t.EMERGENCY_TIME}
    found = said.details(text, communities())
    found.pop("preferred_time", None)
    form.update(found)
    state["flow"] = {"name": "order", "form": form}
    return summ.ask(form, state)


def cue_only(text: str) -> bool:
    """'我要点单' and the like say nothing about what help is needed."""
    return len(re.sub(r"我要|我想|点单|下单|点个单|下个单|服务|预约|上门|[，。！!？?\s]", "", text)) <= 2
