"""What the order dialog says: the next question, the details taken, the summary and changes to it."""
from __future__ import annotations

from core.pii import mask_text
from handlers import order_reading as said
from handlers import order_texts as t
from handlers.base import Reply
from handlers.form_flow import communities
from intents import cues
from orders import categories

CATEGORY_CUES = cues.compile_table(cues.ORDER_CATEGORIES)
FIELD_LABELS = {"phone": "联系电话", "address": "地址", "preferred_time": "期望时间", "description": "需求",
                "category": "服务类别"}
STEPS = ("category", "description", "address", "preferred_time", "phone", "confirm")


def missing(form: dict) -> str:
    return next(step for step in STEPS if not form.get(step))


def ask(form: dict, state: dict) -> str:
    step = missing(form)
    if step == "category":
        return t.ASK_CATEGORY + "\n" + "\n".join(
            f"{i}. {categories.labels()[code]}" for i, code in enumerate(categories.codes(), 1))
    if step == "address" and state.get("location"):
        return t.ASK_ADDRESS_WITH_LOCATION.format(label=location_label(state["location"]))
    if step == "confirm":
        return summary(form)
    if step == "phone" and state["flow"].get("known_phone"):
        return t.ASK_PHONE + "\n" + t.KNOWN_PHONE.format(phone=mask_text(state["flow"]["known_phone"]))
    return getattr(t, "ASK_" + step.upper())


def summary(form: dict) -> str:
    """The order to check: category, need, address, time and the phone's last four digits."""
    return t.CONFIRM.format(**{**form, "category": categories.display(form["category"]),
                               "phone": mask_text(form["phone"])})


def location_label(location: dict) -> str:
    return location.get("label") or f"{location.get('lat')},{location.get('lng')}"


def noted(found: dict) -> str:
    """"已记下地址“光明社区3栋”、期望时间“明天上午”": the details taken without asking."""
    items = [f"{FIELD_LABELS[key]}“{mask_text(found[key])}”" for key in ("address", "preferred_time", "phone")
             if found.get(key)]
    return t.NOTED.format(items="、".join(items)) if items else ""


def change_at_summary(text: str, form: dict, state: dict) -> Reply | None:
    """"不对，时间改成后天下午", "地址不是这个，是…", "改一下电话 139…": change it, show the summary."""
    wrong = said.wrong_field(text, communities())
    if wrong is None:
        return None
    several = said.several_changes(text, form, communities())
    if several:  # "地址改成…，时间改成…": each clause changes its own field
        form.update(several)
        labels = "、".join(FIELD_LABELS[k] for k in several)
        return Reply.say(t.CHANGED.format(labels=labels) + "\n" + summary(form), "acted")
    named, found = wrong
    for key in ([named] if named else ["address", "preferred_time"]):
        patched = said.patch(form.get(key) or "", text) if key in ("address", "preferred_time") else None
        if patched:  # "地址说错了，是5号楼不是3号楼": only that part changes
            form[key] = patched
            return Reply.say(t.CHANGED.format(labels=FIELD_LABELS[key]) + "\n" + summary(form), "acted")
    if named in (None, "category"):
        code = category_named(said.compact(text), exclude=form["category"])
        if code:
            found = {**found, "category": code}
    if named and named not in found and named not in ("category", "description"):
        form.pop(named, None)  # the field is named, its new value not yet said
        return Reply.say(t.CHANGE_ASK.format(label=FIELD_LABELS[named]) + "\n" + ask(form, state), "acted")
    if named == "description" and not found:
        said_now = said.after_cue(text)
        if len(said_now) >= 4:  # the new need said with the cue; "还有…" adds to the old one
            added = said.ADDS.match(said_now)
            form["description"] = (f"{form.get('description', '')}；{said.ADDS.sub('', said_now)}"
                                   if added and form.get("description") else said_now)[:500]
            return Reply.say(t.CHANGED.format(labels=FIELD_LABELS["description"]) + "\n" + summary(form), "acted")
        form.pop("description", None)
        return Reply.say(ask(form, state), "acted")
    if not found:
        return Reply.say(t.WHICH_TO_CHANGE + "\n\n" + summary(form), "clarified")
    form.update(found)
    labels = "、".join(FIELD_LABELS[k] for k in found)
    return Reply.say(t.CHANGED.format(labels=labels) + "\n" + summary(form), "acted")


def category_named(text: str, exclude: str | None = None) -> str | None:
    """A category named by its label or an everyday name (助浴, 陪诊), or by its cue words."""
    for code in categories.codes():
        words = [categories.short(code), *categories.names().get(code, [])]
        if code != exclude and any(w in text for w in words):
            return code
    scores = {code: max(w for p, w in rows if p.search(text)) for code, rows in CATEGORY_CUES.items()
              if code != exclude and any(p.search(text) for p, _ in rows)}
    return max(scores, key=scores.get) if scores else None
