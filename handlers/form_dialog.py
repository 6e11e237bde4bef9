"""The form dialog: one field at a time, validated, with back / restart / cancel and a summary.

Any declared form runs through this one flow. What happens on "确认" is the
submitter the form declares (Form.submitter), registered by handlers.applications,
appointments and volunteers with handlers.base.submits. The current step reads
the answer first (handlers.form_steps); only a clear question, a new request or
a wish to stop leaves it, and then the form is kept (handlers.parking).
"""
from __future__ import annotations

import re

from forms.definitions import FORMS, Form
from forms.validators import clean
from handlers import form_reading as reading
from handlers import form_steps, parking, texts
from handlers.base import SUBMITTERS, Flow, Reply, Turn, register_flow
from handlers.form_flow import NAME, current, form_of, plain_answers, prompt_now, question, summary

BACK = re.compile(r"^(返回|回到|退回)?(上一步|上一项|上一个|上一题)$|^返回$")
RESTART = re.compile(r"^(重填|重新填|重新填写|从头填|从头开始|重来|重新开始)$")
EDIT = re.compile(r"^(修改|改|更改)第?(\d{1,2})(项)?$")


@register_flow
class FormFlow(Flow):
    name = NAME

    def step(self, turn: Turn, state: dict) -> Reply | None:
        flow = state["flow"]
        form = form_of(flow)
        field = current(flow)
        text = clean(turn.text)
        closed = not flow.get("confirm") and field.kind in form_steps.CLOSED
        leave = reading.leave_cue(text, closed=closed)
        if leave == "pause":
            return parking.pause(state)
        if leave == "end" or (turn.intent == "cancel" and not (closed and reading.no(text))):
            state.pop("flow", None)
            done = texts.FORM_CANCELLED.format(title=form.title)
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
        flow = state["flow"]
        if reading.affirmed(text):
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
