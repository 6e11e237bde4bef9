"""政策找人 in chat: a short interview, then the items the household may qualify for, and applying from there."""
from __future__ import annotations

import re

from eligibility import crossread, interview, report, rules
from eligibility import texts as t
from eligibility.assess import assess
from eligibility.household import Household
from eligibility.models import count_referrals
from forms.definitions import FORMS, HOUSEHOLD, REASON, SELF_CARE_FIELD
from forms.validators import VALIDATORS, Invalid
from handlers import form_flow
from handlers.applications import ApplyHandler
from handlers.base import Flow, Handler, Reply, Turn, register, register_flow

RESTART = re.compile(r"^(重新测|重新来|重来|再测一次|重新开始)")
# Not an answer: the engine answers these, then this flow asks its question again.
ASIDES = ("cancel", "human")
QUESTIONS = ("guide", "apply", "status", "order", "volunteer", "rate")


def _question(key: str, h: Household, th: dict) -> str:
    text = t.QUESTIONS[key]
    if isinstance(text, tuple):
        text = text[0] if h.alone else text[1]
    limit = th["asset_limit"]
    return text.format(limit=f"{limit // 10000:g}万" if limit >= 10000 and limit % 10000 == 0 else limit)


def start(state: dict, text: str = "") -> Reply:
    """Open the interview and ask its first question (keeping what the opening message said in passing)."""
    h = Household()
    interview.in_passing("start", text, h)
    state["flow"] = {"name": EligibilityFlow.name, "household": h.as_dict(), "asked": ["size"]}
    return Reply.say(t.INTRO + _question("size", h, {"asset_limit": 0}), "acted")


def _results(state: dict, h: Household, th: dict) -> Reply:
    findings = assess(h, th, rules.items())
    offered = [f.item for f in findings if f.verdict != "unlikely"]
    count_referrals({f.item: f.verdict for f in findings})
    state["flow"].update(stage="results", offered=offered)
    return Reply(list(report.render(findings, h)), "answered")


def prefill(code: str, h: Household) -> dict:
    """Answers an application form can take from the interview (household size, the situation, self-care).

    A field is filled only when it asks what the interview asked: same key and same label
    (适老化改造's "reason" is 改造需求, which the interview did not ask).
    """
    form = FORMS.get(code)
    if form is None:
        return {}
    rigid = h.rigid if h.rigid is not None else 0
    facts = t.FACTS.format(size=h.size, income=h.income if h.income is not None else "—", rigid=rigid)
    if h.care is not None:
        facts += t.CARE_FACT.format(level=t.CARE_FORM[h.care])
    values = {(HOUSEHOLD.key, HOUSEHOLD.label): str(h.size or ""),
              (REASON.key, REASON.label): t.PREFILL_REASON.format(facts=facts),
              (SELF_CARE_FIELD.key, SELF_CARE_FIELD.label): t.CARE_FORM.get(h.care or "", "")}
    out: dict[str, object] = {}
    for field in form.fields:
        value = values.get((field.key, field.label))
        if value and field.options and value in field.options:
            out[field.key] = value  # an option's own words ("能自理" is inside "不能自理" for the validator)
        elif value and not field.sensitive:
            try:
                # VALIDATORS mixes signatures, so mypy sees a bare "function".
                out[field.key] = VALIDATORS[field.kind](value, field.options)
            except Invalid:
                continue
    return out


def apply_for(turn: Turn, state: dict, code: str) -> Reply:
    """Open the item's form with what the interview learnt filled in.

    The hook into handlers.form_flow is start()'s extra keys only: `answers`
    prefilled and `editing_done`, which makes the form skip answered fields.
    """
    h = Household.from_dict(state["flow"]["household"])
    state.pop("flow", None)
    if code not in FORMS:  # a guide-only item: the apply handler says where to go
        return ApplyHandler().handle(Turn(user=turn.user, text=turn.text, channel=turn.channel,
                                          intent="apply", service=code), state)
    return form_flow.start(state, code, answers=prefill(code, h), editing_done=True)


@register_flow
class EligibilityFlow(Flow):
    name = "eligibility"

    def step(self, turn: Turn, state: dict) -> Reply | None:
        flow = state["flow"]
        if turn.intent in ASIDES:
            return None
        if RESTART.match(turn.text.strip()):
            return start(state)
        if flow.get("stage") == "results":
            return self._after(turn, state, flow)
        th = rules.thresholds()
        h = Household.from_dict(flow["household"])
        key = flow["asked"][-1]
        if flow.get("numbered") == key and crossread.choose(key, turn.text, h):
            taken = crossread.Taken(current=True)
        else:
            taken = crossread.take(key, turn.text, h, th)
        if not (taken.current or taken.unsure or taken.others):
            if turn.intent in QUESTIONS and turn.confidence >= 0.7:
                return None
            return self._missed(flow, key, h, th, taken.bare)
        flow["household"] = h.as_dict()
        said = crossread.noted(taken.others, h) + "\n" if taken.others else ""
        # An answer to another question: the one asked comes again unless it no longer matters.
        if not (taken.current or taken.unsure) and (key == "size" or interview.matters(key, h, th)):
            return Reply.say(said + _question(key, h, th), "acted")
        following = interview.next_question(h, th, flow["asked"])
        if following is None:
            return _results(state, h, th)
        flow["asked"].append(following)
        return Reply.say(said + _question(following, h, th), "acted")

    def _missed(self, flow: dict, key: str, h: Household, th: dict, bare: bool) -> Reply:
        """Not understood: asked again; from the second miss (or a bare 有/没有 that does not fit
        the question's options) with the options as numbers and the way out."""
        misses = flow.setdefault("misses", {})
        misses[key] = misses.get(key, 0) + 1
        if misses[key] < 2 and not (bare and key in crossread.OPTIONS):
            return Reply.say(t.AGAIN + "\n" + _question(key, h, th), "clarified")
        flow["numbered"] = key
        lead = "" if misses[key] < 2 else t.AGAIN + "\n"
        return Reply.say(lead + crossread.numbered(key, _question(key, h, th)), "clarified")

    def _after(self, turn: Turn, state: dict, flow: dict) -> Reply | None:
        offered = flow.get("offered", [])
        text = turn.text.strip().rstrip("。.")
        if text.isdigit() and 1 <= int(text) <= len(offered):
            return apply_for(turn, state, offered[int(text) - 1])
        if turn.intent == "apply" and turn.service in offered:
            return apply_for(turn, state, turn.service)
        state.pop("flow", None)  # anything else: the interview is over, the engine answers
        return None

    def resume_prompt(self, state: dict) -> str:
        flow = state.get("flow") or {}
        if flow.get("name") != self.name or flow.get("stage") == "results":
            return ""
        h = Household.from_dict(flow["household"])
        return t.RESUME + "\n" + _question(flow["asked"][-1], h, rules.thresholds())


@register
class EligibilityHandler(Handler):
    intent = "find_benefits"

    def handle(self, turn: Turn, state: dict) -> Reply:
        return start(state, turn.text)
