"""Mixed messages: several questions in one message, each part answered.

"低保怎么办，还有我社保断了咋整" holds an item question and another
department's business; both are answered, the second by naming the
department. The message is split on clause connectives and sentence ends,
each clause understood on its own (a clause naming no item takes the
previous clause's), and composed only when at least two clauses mean
different things; otherwise the whole message goes the ordinary way.
"""
from __future__ import annotations

import re

from bot import texts
from bot.understanding import understand
from handlers import HANDLERS, Reply, Turn
from handlers.guide import short_answer
from knowledge import live

SPLIT = re.compile(r"还有就是|还有|另外|顺便问一?下|顺便|以及|此外|[；;。？?！!\n]")
HOTLINE = re.compile(r"(?<!\d)1\d{4}(?!\d)")
# Actions that may follow the answered questions, run last (at most one).
ACTIONS = {"human", "apply", "order", "volunteer", "status"}
KNOWN = ACTIONS | {"guide", "out_of_scope", "greeting"}


def clauses(text: str) -> list[str]:
    """The message's clauses, stripped of commas and particles at their edges."""
    parts = [p.strip(" ，,、：:啊呀吧呢") for p in SPLIT.split(text)]
    return [p for p in parts if len(p) >= 2]


def handle(text: str, user: str, channel: str, state: dict) -> Reply | None:
    """A composed reply when the message holds two or more distinct parts, else None."""
    parts = clauses(text)
    if len(parts) < 2:
        return None
    infos, action, prior, seen = [], None, {"service": state.get("service")}, set()
    for part in parts:
        u = understand(part, [], prior)
        if u.intent not in KNOWN:
            return None  # a kind of message this module does not know (danger, say) goes the usual way
        key = _key(u)
        if key is None or key in seen:
            continue
        seen.add(key)
        if u.intent in ACTIONS:
            if action is not None:
                return None  # two actions in one message: let the ordinary path decide
            action = (part, u)
            continue
        infos.append((part, u))
        if u.service:
            prior = {"service": u.service}
    if len(infos) + (action is not None) < 2 or not infos:
        return None
    return _compose(infos, action, user, channel, state)


def _key(u) -> tuple | None:
    """What a clause means, or None when it means nothing we can answer."""
    if u.intent == "guide" and u.faq:
        return ("faq", u.faq.get("id"))
    if u.intent == "guide" and u.service and u.confidence >= 0.6:
        return ("guide", u.service, u.aspect or "overview")
    if u.intent == "out_of_scope" and u.referral:
        return ("referral", u.referral.get("department"))
    if u.intent in ACTIONS:
        return (u.intent, u.service)
    return None


def _compose(infos, action, user: str, channel: str, state: dict) -> Reply:
    answers, referrals, choices = [], [], []
    for part, u in infos:
        if u.intent == "out_of_scope":
            referrals.append(referral_line(u.referral, part))
            continue
        guide = live.guide(u.faq.get("service") if u.faq else u.service)
        text, full = short_answer(guide, u)
        answers.append(text)
        if full is not None:
            choices.append(full)
    body = "\n\n".join(answers + referrals)
    if choices:
        body += "\n\n" + texts.MIXED_MORE + "\n" + "\n".join(
            f"{i}. {_label(c)}" for i, c in enumerate(choices, 1))
    state["choices"] = choices
    outcome = "answered" if answers else "referred"
    result = [body]
    if action is not None:
        part, u = action
        turn = Turn(user=user, text=part, channel=channel, intent=u.intent, service=u.service,
                    aspect=u.aspect, category=u.category, confidence=u.confidence,
                    candidates=u.candidates, faq=u.faq, referral=u.referral,
                    action=u.action)
        acted = HANDLERS[u.intent].handle(turn, state)
        result += acted.texts
        outcome = acted.outcome
    return Reply(result, outcome)


def _label(choice: dict) -> str:
    from handlers.guide import choice_label

    guide = live.guide(choice["service"])
    return texts.MIXED_FULL.format(item=choice_label(choice, {guide.code: guide}))


def referral_line(referral: dict, clause: str = "") -> str:
    """"社保问题请咨询人力资源和社会保障局（12333）": the department and its number."""
    reply = referral.get("reply") or ""
    lines = [n for n in HOTLINE.findall(reply) if n != "12345"]
    number = lines[0] if lines else (re.findall(r"0000-\d+", reply) or ["12345"])[0]
    topics = referral.get("topics") or []
    named = [t for t in topics if t in clause]
    topic = max(named, key=len) if named else (topics[0] if topics else "这个")
    return texts.REFERRAL_LINE.format(topic=topic, department=referral.get("department", ""),
                                      number=number)
