"""The form dialog: one field at a time, validated, with back / restart / cancel and a summary.

Any declared form runs through this one flow. What happens on "确认" is the
submitter the form declares (Form.submitter), registered by handlers.applications,
appointments and volunteers with handlers.base.submits. The current step reads
the answer first (handlers.form_steps); only a clear question, a new request or
a wish to stop leaves it, and then the form is kept (handlers.parking).

The flow stores answers by field key and the current step as a key ("at"), so a
deploy that adds or reorders fields keeps a resident's half-filled form.
"""
from __future__ import annotations

import re
import uuid
from datetime import date

from applications import slots
from core import calendar, pii
from core.settings import get_setting
from forms.definitions import FORMS, Field, Form
from forms.validators import clean
from handlers import form_reading as reading
from handlers import texts
from handlers.base import SUBMITTERS, Flow, Reply, Turn, register_flow

DEFAULT_COMMUNITIES = ["幸福社区", "和平社区", "光明社区", "新华社区"]
BACK = re.compile(r"^(返回|回到|退回)?(上一步|上一项|上一个|上一题)$|^返回$")
RESTART = re.compile(r"^(重填|重新填|重新填写|从头填|从头开始|重来|重新开始)$")
YES = re.compile(r"^(确认|确定|提交|确认提交|是|是的|对|对的|没问题|没错|好|好的|可以|行|嗯|ok)[吧啊。!！]*$", re.I)
EDIT = re.compile(r"^(修改|改|更改)第?(\d{1,2})(项)?$")


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
    state["flow"] = {"name": FormFlow.name, "code": code, "answers": dict(prefilled or {}),
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


@register_flow
class FormFlow(Flow):
    name = "form"

    def step(self, turn: Turn, state: dict) -> Reply | None:
        from handlers import form_steps

        flow = state["flow"]
        form = form_of(flow)
        field = current(flow)
        text = clean(turn.text)
        closed = not flow.get("confirm") and field.kind in form_steps.CLOSED
        leave = reading.leave_cue(text, closed=closed)
        if leave == "pause":
            from handlers import parking

            return parking.pause(state)
        if leave == "end" or (turn.intent == "cancel" and not (closed and reading.no(text))):
            state.pop("flow", None)
            done = texts.FORM_CANCELLED.format(title=form.title)
            from handlers import parking

            if state.get(parking.PARKED):
                # "不弄这个了，回去填刚才的": back to the form put aside; otherwise say it is still kept.
                if re.search(r"回去|回到|接着|继续|刚才|之前|原来", text):
                    return Reply.say(texts.FORM_DROPPED.format(title=form.title) + "\n"
                                     + parking.resume(state).texts[0], "acted")
                return Reply([done, texts.PARKED_NOTE.format(title=parking.title(state[parking.PARKED]["flow"]))],
                             "acted")
            return Reply.say(done, "acted")
        if BACK.match(text):
            return self._back(flow)
        if RESTART.match(text):
            flow.update(answers={}, confirm=False, at=form.fields[0].key, misses=0)
            flow.pop("offer", None)
            return Reply.say(texts.FORM_RESTART + "\n\n" + question(flow), "acted")
        if reading.continues(text):
            return Reply.say(texts.FORM_GOING_ON.format(title=form.title) + "\n" + prompt_now(flow), "acted")
        if turn.intent == "human":
            return None
        fixed = form_steps.correct(turn, text, state, form)
        if fixed is not None:
            return fixed
        if flow.get("confirm"):
            return self._confirm(turn, text, state, form)
        return form_steps.answer(turn, text, state, form, field)

    def _back(self, flow: dict) -> Reply:
        form = form_of(flow)
        keys = [f.key for f in form.fields]
        if flow.get("confirm"):
            flow.update(confirm=False, at=keys[-1])
        elif keys.index(current(flow).key) == 0:
            return Reply.say(texts.FORM_FIRST + "\n\n" + question(flow), "acted")
        else:
            flow["at"] = keys[keys.index(flow["at"]) - 1]
        flow.pop("edit", None)
        flow["misses"] = 0
        return Reply.say(question(flow), "acted")

    def _confirm(self, turn: Turn, text: str, state: dict, form: Form) -> Reply | None:
        from handlers import form_steps

        flow = state["flow"]
        if YES.match(text) or reading.affirmed(text):
            return SUBMITTERS[form.submitter](turn, state, form, plain_answers(flow))
        m = EDIT.match(text)
        number = int(m.group(2)) if m else form_steps.field_named(text, form)
        if number and 1 <= number <= len(form.fields):
            flow.update(confirm=False, at=form.fields[number - 1].key, edit=True, misses=0)
            return Reply.say(question(flow), "acted")
        if reading.is_question(text, service=turn.service, aspect=turn.aspect) or \
                turn.intent in form_steps.INTERRUPTS and turn.confidence >= 0.6:
            return None
        return Reply.say(texts.FORM_CONFIRM_HELP + "\n\n" + summary(flow), "clarified")

    def title(self, flow: dict) -> str:
        return form_of(flow).title

    def item(self, flow: dict) -> str | None:
        return flow.get("service") or (flow["code"] if flow["code"] in FORMS else None)

    def waiting_for(self, state: dict) -> str:
        return prompt_now(state["flow"])

    def resume_prompt(self, state: dict) -> str:
        flow = state.get("flow") or {}
        if flow.get("name") != self.name:
            return ""
        # The interruption's numbered follow-ups would shadow this form's numbered options.
        state.pop("choices", None)
        head = texts.FORM_RESUME.format(title=form_of(flow).title)
        return head + "\n" + prompt_now(flow)
