"""A form's state and wording: starting it, the current field, its question, options and summary.

The dialog that moves through it is handlers.form_dialog; the current step's
reading of an answer is handlers.form_steps. Both build on this module, which
imports neither.

The flow stores answers by field key and the current step as a key ("at"), so a
deploy that adds or reorders fields keeps a resident's half-filled form.
"""
from __future__ import annotations

import uuid
from datetime import date

from applications import slots
from core import calendar, pii
from core.settings import get_setting
from forms.definitions import FORMS, Field, Form
from handlers import texts
from handlers.base import Reply

NAME = "form"  # the form dialog's flow name (handlers.form_dialog)
DEFAULT_COMMUNITIES = ["幸福社区", "和平社区", "光明社区", "新华社区"]


def communities() -> list[str]:
    """The communities residents pick from; staff edit the list in settings."""
    return list(get_setting("communities", DEFAULT_COMMUNITIES))


def form_of(flow: dict) -> Form:
    """The flow's form: a declared one, or a two-field reschedule."""
    if flow["code"] in FORMS:
        return FORMS[flow["code"]]
    from forms.definitions import DATE, TIME

    return Form(flow["code"], "reschedule", texts.RESCHEDULE_TITLE, (DATE, TIME), submitter="reschedule")


def start(state: dict, code: str, prefilled: dict | None = None, known: dict | None = None,
          note: str = "", **extra) -> Reply:
    """Open a form and ask its first question (skipping what `prefilled` already answers)."""
    state["flow"] = {"name": NAME, "code": code, "answers": dict(prefilled or {}),
                     "known": dict(known or {}), "key": uuid.uuid4().hex, "v": 2, **extra}
    flow = state["flow"]
    form = form_of(flow)
    flow["at"] = first_open(flow, form)
    intro = texts.FORM_START.format(title=named_title(form), n=len(form.fields))
    if note:
        intro += "\n" + note
    return Reply([intro + "\n\n" + question(flow)], "acted")


def named_title(form: Form) -> str:
    """The form's title with the everyday name residents use, when the title lacks it:
    最低生活保障（低保）, so "给我家申请低保" is answered in the resident's own word."""
    from knowledge import live

    guide = live.snapshot().guides.get(form.code) or {}
    short = guide.get("short_name") or ""
    return f"{form.title}（{short}）" if short and len(short) <= 4 and short not in form.title else form.title


def upgrade(flow: dict, form: Form) -> None:
    """Bring a stored flow to the current shape and form (older deploys kept a position "i")."""
    keys = [f.key for f in form.fields]
    if "at" not in flow:
        # A position saved before this deploy counts in this deploy's fields, which it was written for.
        i = flow.pop("i", 0)
        flow["at"] = keys[i] if isinstance(i, int) and 0 <= i < len(keys) else None
        flow.pop("editing_done", None)
        flow["v"] = 2
    flow.setdefault("answers", {})
    if flow.get("at") not in keys:
        flow["at"] = first_open(flow, form)
    if flow.get("confirm") and first_open(flow, form):
        flow.update(confirm=False, at=first_open(flow, form))  # a field added since


def first_open(flow: dict, form: Form, after: str | None = None) -> str | None:
    """The first field without an answer (after `after` first, then from the top)."""
    keys = [f.key for f in form.fields]
    start_at = keys.index(after) + 1 if after in keys else 0
    for key in keys[start_at:] + keys[:start_at]:
        if key not in flow["answers"]:
            return key
    return None


def current(flow: dict) -> Field:
    form = form_of(flow)
    upgrade(flow, form)
    keys = [f.key for f in form.fields]
    return form.fields[keys.index(flow["at"]) if flow["at"] in keys else len(keys) - 1]


def options(field: Field, flow: dict) -> list[str] | None:
    """What the resident picks from, for fields that offer choices."""
    service = flow.get("service") or flow["code"]
    if field.kind == "community":
        return communities()
    if field.kind == "date":
        return slots.open_days(service, calendar.today())
    if field.kind == "time":
        return slots.free_times(service, date.fromisoformat(flow["answers"]["day"]))
    return list(field.options) or None


def question(flow: dict, numbered: bool = False) -> str:
    """The current field's prompt, numbered, with its options (and a known value offered back)."""
    form = form_of(flow)
    field = current(flow)
    i = [f.key for f in form.fields].index(field.key)
    text = texts.FORM_QUESTION.format(i=i + 1, n=len(form.fields), prompt=field.prompt)
    offered = options(field, flow)
    if field.kind == "date" and not offered:
        return texts.NO_SLOTS
    if field.kind == "yes_no" and numbered:
        offered = ["是", "否"]
    if offered:
        labels = [slots.day_label(o) if field.kind == "date" else o for o in offered]
        text += "\n" + "\n".join(f"{n}. {label}" for n, label in enumerate(labels, 1))
    offer = (flow.get("offer") or {})
    if offer.get("key") == field.key:
        text += "\n" + offer["prompt"]
    elif field.key in (flow.get("known") or {}):
        label = texts.KNOWN_LABELS.get(field.kind, field.label)
        text += "\n" + texts.KNOWN_OFFER.format(label=label, value=shown_known(field, flow["known"][field.key]))
    return text


def shown_known(field: Field, value: str) -> str:
    return pii.mask_text(value) if field.kind == "mobile" else value


def shown(field: Field, value) -> str:
    """An answer as the resident and staff see it: ID numbers masked."""
    if field.sensitive:
        return pii.mask_id(pii.decrypt(value))
    if field.kind == "date":
        return slots.day_label(value)
    return "、".join(value) if isinstance(value, list) else str(value)


def summary(flow: dict) -> str:
    form = form_of(flow)
    lines = [f"{n}. {f.label}：{shown(f, flow['answers'][f.key])}"
             for n, f in enumerate(form.fields, 1) if f.key in flow["answers"]]
    return texts.FORM_SUMMARY.format(lines="\n".join(lines))


def plain_answers(flow: dict) -> dict:
    """The answers with sensitive values decrypted, for the submitter only."""
    form = form_of(flow)
    return {f.key: pii.decrypt(flow["answers"][f.key]) if f.sensitive else flow["answers"][f.key]
            for f in form.fields}


def prompt_now(flow: dict) -> str:
    """What the form is waiting for: the summary at the end, else the current question."""
    return summary(flow) if flow.get("confirm") else question(flow)
