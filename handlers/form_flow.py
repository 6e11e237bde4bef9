"""The form dialog: one field at a time, validated, with back / restart / cancel and a summary.

Any declared form runs through this one flow. What happens on "确认" depends on
the form's mode and lives in handlers.apply (SUBMITTERS).
"""
from __future__ import annotations

import re
import uuid
from datetime import date
from collections.abc import Callable

from applications import slots
from core import calendar, pii
from core.settings import get_setting
from forms.definitions import FORMS, Field, Form
from forms.validators import VALIDATORS, Invalid, clean
from handlers import texts
from handlers.base import Flow, Reply, Turn, fit, register_flow

DEFAULT_COMMUNITIES = ["幸福社区", "和平社区", "光明社区", "新华社区"]
BACK = re.compile(r"^(返回|回到|退回)?(上一步|上一项|上一个|上一题)$|^返回$")
RESTART = re.compile(r"^(重填|重新填|重新填写|从头填|从头开始|重来|重新开始)$")
CANCEL = re.compile(r"^(取消|算了|不办了|不填了|退出|放弃|不要了|不申请了|先不办了)")
YES = re.compile(r"^(确认|确定|提交|确认提交|是|是的|对|对的|没问题|好|好的|可以|ok)$", re.I)
EDIT = re.compile(r"^(修改|改|更改)第?(\d{1,2})(项)?$")
# Intents that, when an answer does not fit, mean the resident asked something else.
INTERRUPTS = {"guide", "status", "order", "rate", "apply", "volunteer", "out_of_scope"}
SUBMITTERS: dict[str, Callable[[Turn, dict, Form, dict], Reply]] = {}


def communities() -> list[str]:
    """The communities residents pick from; staff edit the list in settings."""
    return list(get_setting("communities", DEFAULT_COMMUNITIES))


def form_of(flow: dict) -> Form:
    """The flow's form: a declared one, or a two-field reschedule."""
    if flow["code"] in FORMS:
        return FORMS[flow["code"]]
    from forms.definitions import DATE, TIME

    return Form(flow["code"], "reschedule", texts.RESCHEDULE_TITLE, (DATE, TIME))


def start(state: dict, code: str, **extra) -> Reply:
    """Open a form and ask its first question."""
    state["flow"] = {"name": FormFlow.name, "code": code, "i": 0, "answers": {},
                     "key": uuid.uuid4().hex, **extra}
    form = form_of(state["flow"])
    intro = texts.FORM_START.format(title=form.title, n=len(form.fields))
    return Reply([fit(intro + "\n\n" + question(state["flow"]))], "acted")


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


def question(flow: dict) -> str:
    """The current field's prompt, numbered, with its options."""
    form = form_of(flow)
    field = form.fields[flow["i"]]
    text = texts.FORM_QUESTION.format(i=flow["i"] + 1, n=len(form.fields), prompt=field.prompt)
    offered = options(field, flow)
    if field.kind == "date" and not offered:
        return texts.NO_SLOTS
    if offered:
        labels = [slots.day_label(o) if field.kind == "date" else o for o in offered]
        text += "\n" + "\n".join(f"{n}. {label}" for n, label in enumerate(labels, 1))
    return text


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
             for n, f in enumerate(form.fields, 1)]
    return texts.FORM_SUMMARY.format(lines="\n".join(lines))


def plain_answers(flow: dict) -> dict:
    """The answers with sensitive values decrypted, for the submitter only."""
    form = form_of(flow)
    return {f.key: pii.decrypt(flow["answers"][f.key]) if f.sensitive else flow["answers"][f.key]
            for f in form.fields}


@register_flow
class FormFlow(Flow):
    name = "form"

    def step(self, turn: Turn, state: dict) -> Reply | None:
        flow = state["flow"]
        form = form_of(flow)
        text = clean(turn.text)
        if CANCEL.match(text) or turn.intent == "cancel":
            state.pop("flow", None)
            return Reply.say(texts.FORM_CANCELLED.format(title=form.title), "acted")
        if BACK.match(text):
            return self._back(flow)
        if RESTART.match(text):
            flow.update(i=0, answers={}, confirm=False)
            return Reply.say(texts.FORM_RESTART + "\n\n" + question(flow), "acted")
        if turn.intent == "human":
            return None
        if flow.get("confirm"):
            return self._confirm(turn, text, state, form)
        return self._answer(turn, text, state, form)

    def _back(self, flow: dict) -> Reply:
        if flow.get("confirm"):
            flow.update(confirm=False, i=len(form_of(flow).fields) - 1)
        elif flow["i"] == 0:
            return Reply.say(texts.FORM_FIRST + "\n\n" + question(flow), "acted")
        else:
            flow["i"] -= 1
        flow.pop("edit", None)
        return Reply.say(question(flow), "acted")

    def _answer(self, turn: Turn, text: str, state: dict, form: Form) -> Reply | None:
        flow = state["flow"]
        field = form.fields[flow["i"]]
        if field.kind == "text" and turn.intent in INTERRUPTS - {"out_of_scope"} \
                and turn.confidence >= 0.8:
            return None
        try:
            value = VALIDATORS[field.kind](text, options(field, flow))
        except Invalid as exc:
            if turn.intent in INTERRUPTS and turn.confidence >= 0.6 and not text.isdigit():
                return None
            return Reply.say(f"{exc}\n\n{question(flow)}", "clarified")
        problem = field.check(value, flow["answers"]) if field.check else None
        if problem:
            state.pop("flow", None)
            return Reply.say(problem + texts.NOT_ELIGIBLE_TAIL, "acted")
        flow["answers"][field.key] = pii.encrypt(value) if field.sensitive else value
        if field.kind == "date":
            flow["answers"].pop("time", None)  # a new day needs its time asked again
        return self._advance(flow, form, field)

    def _advance(self, flow: dict, form: Form, field: Field) -> Reply:
        keys = [f.key for f in form.fields]
        if flow.pop("edit", False) and field.kind != "date":
            flow["i"] = len(keys)
        else:
            flow["i"] += 1
            while flow["i"] < len(keys) and flow.get("editing_done") and keys[flow["i"]] in flow["answers"]:
                flow["i"] += 1
        if flow["i"] >= len(keys):
            flow.update(confirm=True, i=len(keys) - 1)
            return Reply.say(summary(flow), "acted")
        return Reply.say(question(flow), "acted")

    def _confirm(self, turn: Turn, text: str, state: dict, form: Form) -> Reply | None:
        flow = state["flow"]
        if YES.match(text):
            return SUBMITTERS[form.mode](turn, state, form, plain_answers(flow))
        m = EDIT.match(text)
        if m and 1 <= int(m.group(2)) <= len(form.fields):
            flow.update(confirm=False, i=int(m.group(2)) - 1, edit=True, editing_done=True)
            return Reply.say(question(flow), "acted")
        if turn.intent in INTERRUPTS and turn.confidence >= 0.6:
            return None
        return Reply.say(texts.FORM_CONFIRM_HELP + "\n\n" + summary(flow), "clarified")

    def resume_prompt(self, state: dict) -> str:
        flow = state.get("flow") or {}
        if flow.get("name") != self.name:
            return ""
        # The interruption's numbered follow-ups would shadow this form's numbered options.
        state.pop("choices", None)
        head = texts.FORM_RESUME.format(title=form_of(flow).title)
        return head + "\n" + (summary(flow) if flow.get("confirm") else question(flow))
