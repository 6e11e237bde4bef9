"""One form step reading the resident's answer: natural, compound and spoken answers, corrections."""
from __future__ import annotations

import re

from core import pii
from forms.definitions import SKILL_CATEGORIES, Field, Form
from forms.validators import VALIDATORS, Invalid
from handlers import form_flow as ff
from handlers import form_reading as reading
from handlers import texts
from handlers.base import Reply, Turn
from intents import cues

CATEGORY_CUES = cues.compile_table(cues.ORDER_CATEGORIES)

CLOSED = {"yes_no", "choice", "choices", "community", "date", "time"}
# Kinds a piece of a compound answer can be recognised as without asking.
COMPOUND = {"name", "mobile", "id_number", "address", "number", "community"}
DIGIT_KINDS = {"mobile", "id_number", "disability_cert"}
# Intents that, when an answer does not fit, mean the resident asked something else.
INTERRUPTS = {"guide", "status", "order", "rate", "apply", "volunteer", "out_of_scope"}
NEW_REQUESTS = {"apply", "order", "volunteer", "status", "rate"}
MISSES_BEFORE_NUMBERS = 2
# A message this long at a short step is a story, not a mistyped name or number.
STORY_CHARS = 15
STORY_FIELD = "reason"  # the forms' free description: 困难情况, 改造需求
# Words that make a long message a question to answer, not a story to keep ("怎么办啊" is a sigh).
ASKS = re.compile(r"问|是不是|能不能|可不可以|可以吗|行吗|(吗|么|呢)[啊呀]?$|[？?]")
WHAT_IS_ASKED = re.compile(r"^(这是)?(啥|什么|甚么)意思|^(不懂|不明白|看不懂|没看懂|听不懂)|^(怎么|咋|如何)(填|写|选|回答)|^(填|写|选)(什么|啥)|"
                           # "这一步填什么", "这里该写啥", "这个怎么填": the step itself asked about
                           r"^(这一?步|这一?项|这里|这儿|这块|这个|这)(要|该|应该|得|需要)?(怎么|咋)?(填|写|选|输入?)(什么|啥|哪个|哪些)?[呀啊呢吗？?]*$")
EDIT_BY_NAME = re.compile(r"^(我要|我想)?(修改|改|更改|改一下|重填)(一下)?(.{1,6})$")


def validate(field: Field, text: str, flow: dict):
    """The field's clean value for this text (digits said in words read as digits); raises Invalid."""
    if field.kind in DIGIT_KINDS:
        text = reading.spoken_digits(text)
    if field.kind == "number":
        text = reading.count_in(text)
    if field.kind in CLOSED:
        return closed_value(field, text, ff.options(field, flow))
    return VALIDATORS[field.kind](reading.strip_label(text), ff.options(field, flow))


def closed_value(field: Field, text: str, offered):
    """An option for a closed question: its number, an everyday answer or its name."""
    n = reading.ordinal(text)
    if n is not None and field.kind != "choices":
        text = str(n)
    if field.kind == "time":
        text = reading.hour_digits(text)
    if offered and field.kind in ("date", "time") and reading.ANY_OPTION.search(text):
        return offered[0]  # "随便哪天", "越早越好": the soonest one
    if offered and field.kind == "time":
        part = reading.PART_OF_DAY.search(text)
        if part and not re.search(r"\d", text):
            # "上午的", "下午吧": the first open time in that part of the day (the summary shows it)
            afternoon = part.group(0) in ("下午", "午后", "后晌", "下半天", "傍晚")
            within = [o for o in offered if (o >= "12:00") == afternoon]
            if within:
                return within[0]
    if field.kind == "choices" and field.aliases and not re.search(r"\d", text):
        # "周末和晚上有空": every option named in everyday words, in the offered order
        named = {option for pattern, option in field.aliases if re.search(pattern, text)}
        if named:
            return [o for o in offered or () if o in named]
    if not text.strip().isdigit():
        for pattern, option in field.aliases:
            if re.search(pattern, text):
                return option
    try:
        return VALIDATORS[field.kind](text, offered)
    except Invalid:
        if field.kind != "choices" or not offered:
            raise
        return _services_named(text, offered)


def _services_named(text: str, offered: list[str]) -> list[str]:
    """"做饭打扫都行" → [助餐, 助洁]: service words read with the order-category cues."""
    if reading.ALL_OPTIONS.search(text):
        return list(offered)
    picked = [label for label in offered if SKILL_CATEGORIES.get(label) in CATEGORY_CUES
              and any(p.search(text) for p, _ in CATEGORY_CUES[SKILL_CATEGORIES[label]])]
    if not picked:
        raise Invalid(texts.CHOICES_NOT_READ)
    return picked


def answer(turn: Turn, text: str, state: dict, form: Form, field: Field) -> Reply | None:
    """Read the message as the current field's answer; None when it is something else."""
    flow = state["flow"]
    offered = (flow.get("offer") or {}).get("key") == field.key
    known = (flow.get("known") or {}).get(field.key)
    if (offered or known) and reading.yes(text):
        return store(state, form, field, flow["offer"]["value"] if offered else known)
    if (offered or known) and reading.no(text):
        flow.pop("offer", None)
        flow.get("known", {}).pop(field.key, None)
        return Reply.say(texts.OFFER_DECLINED.format(label=field.label) + "\n" + ff.question(flow), "acted")
    if WHAT_IS_ASKED.search(text):
        return Reply.say(texts.STEP_HELP.format(label=field.label) + "\n" + ff.question(flow, numbered=True)
                         + "\n" + texts.CLOSED_HUMAN, "clarified")
    if field.kind == "text":
        return _free_text(turn, text, state, form, field)
    if field.kind in CLOSED:
        return _closed(turn, text, state, form, field)
    return _strict(turn, text, state, form, field)


def _free_text(turn: Turn, text: str, state: dict, form: Form, field: Field) -> Reply | None:
    if reading.is_question(text, free_text=True, service=turn.service, aspect=turn.aspect) or \
            _new_request(turn, text):
        return None
    try:
        value = validate(field, text, state["flow"])
    except Invalid as exc:
        return Reply.say(f"{exc}\n\n{ff.question(state['flow'])}", "clarified")
    return store(state, form, field, value)


def _new_request(turn: Turn, text: str) -> bool:
    # "我要申请低保" at a describe-your-need step starts something else; a long story does not.
    return turn.intent in ("apply", "volunteer", "status") and turn.confidence >= 0.85 and len(text) <= 14


def _closed(turn: Turn, text: str, state: dict, form: Form, field: Field) -> Reply | None:
    flow = state["flow"]
    several = compound(text, flow, form, field) \
        if field.kind in COMPOUND and not reading.CORRECTION.search(text) else None
    if several:  # "和平社区，和平路5号2栋101室": the community and the address
        return store_many(state, form, several)
    try:
        value = validate(field, text, flow)
    except Invalid as exc:
        if _aside(turn, text):
            return None
        flow["misses"] = flow.get("misses", 0) + 1
        if flow["misses"] >= MISSES_BEFORE_NUMBERS:
            return Reply.say(texts.CLOSED_NUMBERS + "\n" + ff.question(flow, numbered=True)
                             + "\n" + texts.CLOSED_HUMAN, "clarified")
        return Reply.say(f"{exc}\n\n{ff.question(flow)}", "clarified")
    return store(state, form, field, value)


def _strict(turn: Turn, text: str, state: dict, form: Form, field: Field) -> Reply | None:
    flow = state["flow"]
    several = compound(text, flow, form, field)
    if several:
        return store_many(state, form, several)
    try:
        value = validate(field, text, flow)
    except Invalid as exc:
        elsewhere = _fits_elsewhere(text, flow, form, field)
        if elsewhere is not None:
            return elsewhere
        if _aside(turn, text):
            return None
        return Reply.say(f"{exc}\n\n{ff.question(flow)}", "clarified")
    if field.kind == "name" and (turn.service or turn.intent in NEW_REQUESTS | {"greeting"}
                                 and turn.confidence >= 0.8):
        return None  # "我要申请低保", "谢谢" are Chinese and short, but not a name
    if field.kind == "name" and reading.is_question(text, service=turn.service, aspect=turn.aspect):
        return None  # a question in a few Chinese characters fits a name's shape, but asks something
    return store(state, form, field, value)


def _fits_elsewhere(text: str, flow: dict, form: Form, field: Field) -> Reply | None:
    """A phone number at the ID step (or an ID at the phone step): kept for that field, this one asked again.

    So is a story told at a short step ("老伴住院了，看病花了好多钱…" when asked how many
    live at home): it is the form's description of hardship or need, if one is still open.
    """
    story = next((f for f in form.fields if f.key == STORY_FIELD and f.key not in flow["answers"]), None)
    compact = re.sub(r"\s", "", text)
    if story is not None and field.kind not in DIGIT_KINDS and len(compact) >= STORY_CHARS \
            and not reading.is_question(text, free_text=True) and not ASKS.search(compact) \
            and not re.search(r"\d{5,}", compact):
        flow["answers"][story.key] = text.strip()[:500]
        return Reply.say(texts.TOOK_OTHER_STORY.format(label=story.label) + "\n" + ff.question(flow), "acted")
    for other in form.fields:
        if other.key == field.key or other.kind not in DIGIT_KINDS or other.key in flow["answers"]:
            continue
        try:
            value = validate(other, text, flow)
        except Invalid:
            continue
        flow["answers"][other.key] = pii.encrypt(value) if other.sensitive else value
        return Reply.say(texts.TOOK_OTHER.format(label=other.label) + "\n" + ff.question(flow), "acted")
    return None


def _aside(turn: Turn, text: str) -> bool:
    """A message that is not an attempt at this step's answer."""
    if reading.ordinal(text) is not None or text.strip().isdigit():
        return False
    if re.search(r"[0-9Xx]{7,}", reading.spoken_digits(text).replace(" ", "")):
        return False  # a phone or ID number in it: an answer, however worded
    return reading.is_question(text, service=turn.service, aspect=turn.aspect) or \
        (turn.intent in INTERRUPTS and turn.confidence >= 0.6)


def compound(text: str, flow: dict, form: Form, field: Field) -> dict | None:
    """{key: (field, value)} when one message answers this field and at least one more."""
    parts = reading.pieces(text)
    if len(parts) < 2:
        return None
    open_fields = [field] + [f for f in form.fields if f.kind in COMPOUND and f.key != field.key
                             and f.key not in flow["answers"]]
    taken: dict = {}
    for part in parts:
        for f in open_fields:
            if f.key in taken or (f.kind == "community" and part.isdigit()) or \
                    (f.kind == "address" and f is not field and not re.search(r"\d", part)):
                continue  # a piece taken unasked as an address must have its door number
            try:
                taken[f.key] = (f, validate(f, part, flow))
                break
            except Invalid:
                continue
    return taken if field.key in taken and len(taken) >= 2 else None


def store_many(state: dict, form: Form, taken: dict) -> Reply:
    """Keep every answer found in one message; ask the first field still open."""
    fields = [f for f, _ in taken.values()]
    for f, value in list(taken.values())[1:]:
        problem = f.check(value, state["flow"]["answers"]) if f.check else None
        if problem:
            state.pop("flow", None)
            return Reply.say(problem + texts.NOT_ELIGIBLE_TAIL, "acted")
        state["flow"]["answers"][f.key] = pii.encrypt(value) if f.sensitive else value
    first, value = next(iter(taken.values()))
    reply = store(state, form, first, value)
    labels = "、".join(f.label for f in fields)
    reply.texts[0] = texts.TOOK_SEVERAL.format(labels=labels) + "\n" + reply.texts[0]
    return reply


def store(state: dict, form: Form, field: Field, value) -> Reply:
    """Keep one answer (after its eligibility check) and ask what comes next."""
    flow = state["flow"]
    problem = field.check(value, flow["answers"]) if field.check else None
    if problem:
        state.pop("flow", None)
        return Reply.say(problem + texts.NOT_ELIGIBLE_TAIL, "acted")
    flow["answers"][field.key] = pii.encrypt(value) if field.sensitive else value
    if field.kind == "date":
        flow["answers"].pop("time", None)  # a new day needs its time asked again
    flow.pop("offer", None)
    flow.pop("edit", None)
    flow["misses"] = 0
    nxt = ff.first_open(flow, form, after=field.key)
    if nxt is None:
        flow.update(confirm=True, at=form.fields[-1].key)
        return Reply.say(ff.summary(flow), "acted")
    flow.update(confirm=False, at=nxt)
    upcoming = ff.current(flow)
    if upcoming.kind == "address" and flow.get("location_label"):
        label = flow.pop("location_label")
        flow["offer"] = {"key": upcoming.key, "value": label, "prompt": texts.LOCATION_OFFER.format(label=label)}
    return Reply.say(ff.question(flow), "acted")


def correct(turn: Turn, text: str, state: dict, form: Form) -> Reply | None:
    """"刚才电话写错了，是139…": put the new value in that field, at any step."""
    found = reading.correction(text)
    if not found:
        return None
    flow = state["flow"]
    kind, rest = found
    target = next((f for f in form.fields if f.kind == kind and f.key in flow["answers"]), None)
    if target is None:
        return None
    try:
        value = validate(target, rest, flow) if rest else None
    except Invalid:
        value = None
    if value is None:
        flow.update(at=target.key, edit=True, confirm=False, misses=0)
        return Reply.say(texts.CORRECT_ASK.format(label=target.label) + "\n" + ff.question(flow), "acted")
    problem = target.check(value, flow["answers"]) if target.check else None
    if problem:
        state.pop("flow", None)
        return Reply.say(problem + texts.NOT_ELIGIBLE_TAIL, "acted")
    flow["answers"][target.key] = pii.encrypt(value) if target.sensitive else value
    done = texts.CORRECTED.format(label=target.label, value=ff.shown(target, flow["answers"][target.key]))
    return Reply.say(done + "\n\n" + ff.prompt_now(flow), "acted")


# A wish to change something, said in a short sentence at the summary ("日子想换一天", "时间换个").
CHANGE_WANTED = re.compile(r"换|改|修改|更改|重新选|重选|调整|调一下|挪")
# A booking's day and time in everyday words, after the form's own field words.
BOOKING_WORDS = (("date", r"日子|日期|哪天|哪一天|那天|天|号"), ("time", r"几点|钟点|时间|时段|点钟"))


def field_named(text: str, form: Form) -> int | None:
    """"修改电话", "日子想换一天" at the summary: the number of the field it names."""
    m = EDIT_BY_NAME.match(text)
    if m:
        words = m.group(4)
    elif CHANGE_WANTED.search(text) and len(re.sub(r"\s", "", text)) <= 15:
        words = text
    else:
        return None
    for kind, pattern in (*reading.FIELD_WORDS, *BOOKING_WORDS):
        if re.search(pattern, words):
            found = next((n for n, f in enumerate(form.fields, 1) if f.kind == kind), None)
            if found is not None:
                return found
    return next((n for n, f in enumerate(form.fields, 1) if f.label in words or words in f.label), None)


def offer_location(state: dict, label: str) -> str | None:
    """A location sent at an address step, offered as the address to confirm."""
    flow = state.get("flow") or {}
    if flow.get("name") == "order":
        from handlers.order import location_offer

        return location_offer(state, label)
    if flow.get("name") != ff.NAME or flow.get("confirm") or not label \
            or re.fullmatch(r"[\d.,\-\s]+", label):
        return None  # bare coordinates are no address to write on a form
    field = ff.current(flow)
    if field.kind == "community":
        # "光明社区幸福路5号" sent at the community step: the community it names, offered; the
        # place kept to offer again at the address step.
        named = next((c for c in ff.options(field, flow) or [] if c in label), None)
        if named is None:
            return None
        flow["location_label"] = label[:100]
        prompt = texts.LOCATION_COMMUNITY.format(label=label[:100], community=named)
        flow["offer"] = {"key": field.key, "value": named, "prompt": prompt}
        return prompt
    if field.kind != "address":
        return None
    flow["offer"] = {"key": field.key, "value": label[:100],
                     "prompt": texts.LOCATION_OFFER.format(label=label[:100])}
    return texts.LOCATION_OFFER.format(label=label[:100])
