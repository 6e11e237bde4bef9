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
from intents import cues
from intents.normalize import looks_like_question
from knowledge import live

SPLIT = re.compile(r"还有就是|还有|另外|顺便问一?下|顺便|以及|此外|[；;。？?！!\n]")
# Commas and voice pauses also part clauses, but only where one of them is another
# department's business: "结婚登记要带什么，我还想改个名字".
FINER = re.compile(r"[，,、\s]+")
HOTLINE = re.compile(r"(?<!\d)1\d{4}(?!\d)")
# Actions that may follow the answered questions, run last (at most one).
ACTIONS = {"human", "apply", "order", "volunteer", "status"}
KNOWN = ACTIONS | {"guide", "out_of_scope", "greeting"}
# Requests that open a dialog: two of them in one message run one after the other.
STARTS = {"apply", "order", "volunteer"}


# Addressing staff ("工作人员您好", "麻烦工作人员回答一下") is politeness; these ask for a person.
ASKS_PERSON = re.compile(r"转人工|人工客服|人工服务|找(个)?(真人|人工|工作人员|客服|领导)|"
                         r"(跟|和)(工作人员|人工|真人)(说|聊)|叫(个)?人来|投诉|举报|回(个)?电话")
COMPLAINT = re.compile(r"投诉|举报|反映|态度.{0,3}(差|不好|恶劣|坏)|老是迟到|不满意")
PERSON_WORDS = re.compile(r"转人工|人工客服|人工服务|人工|找(个)?(真人|工作人员|客服|领导)|(跟|和)?工作人员|客服|真人|"
                          r"麻烦|回答一下|问一下|问下|的事(情)?|的问题")


def clauses(text: str, finer: bool = False) -> list[str]:
    """The message's clauses, stripped of commas and particles at their edges."""
    parts = [p.strip(" ，,、：:啊呀吧呢") for p in SPLIT.split(text)]
    if finer:
        parts = [q.strip("啊呀吧呢") for p in parts for q in FINER.split(p)]
    return [p for p in parts if len(p) >= 2]


def handle(text: str, user: str, channel: str, state: dict, actions: bool = True,
           item: str | None = None, intent: str | None = None) -> Reply | None:
    """A composed reply when the message holds two or more distinct parts, else None.

    With `actions` False (inside 转人工) a request among the parts is left to the open dialog;
    `item` is an open form's item, which a part naming none is about ("这个收费吗").
    `intent` is the whole message's reading in the conversation's context, when the
    caller has one: whether a message asks for a person does not depend on its
    context, so a message read as anything else needs no context-free reading.
    """
    person = None if intent not in (None, "human") else _person_and_question(text, state)
    if person is not None and person[1] is not None and actions:
        return _compose([person[0]], person[1], user, channel, state)
    if person is not None:  # staff addressed politely: the question gets its whole answer
        part, u = person[0]
        return HANDLERS[u.intent].handle(_turn(part, u, user, channel), state)
    read = _read(clauses(text), state, item)
    if read is None:
        finer = clauses(text, finer=True)
        read = _read(finer, state, item)
        if read is not None and read[2] is None and not any(u.intent == "out_of_scope" for _, u in read[0]):
            read = None  # a sentence in commas is one question unless another office or a second request is in it
    if read is None:
        return None
    infos, action, later = read
    if later is not None and actions and not state.get("flow"):
        acted = HANDLERS[action[1].intent].handle(_turn(action[0], action[1], user, channel), state)
        composed = _compose(infos, None, user, channel, state).texts if infos else []
        said = re.sub(r"^(还想|还要|也想|也要|再帮我|再给我|再|还|也)", "", later) or later
        return Reply(composed + acted.texts + [texts.LATER_REQUEST.format(said=said)], acted.outcome)
    if later is not None:
        return None
    return _compose(infos, action if actions else None, user, channel, state)


def _person_and_question(text: str, state: dict):
    """"找工作人员问一下低保的事": (the question, the request for a person or None) when both are in it.

    A message read as 转人工 may still hold an item question; it is answered,
    and a person is brought in only if the message asks for one.
    """
    u = understand(text, [], {})
    if u.intent != "human":
        return None
    rest = PERSON_WORDS.sub("", cues.HUMAN.sub("，", text))
    if COMPLAINT.search(text) and not looks_like_question(rest):
        return None  # "送餐的态度太差了，我得反映反映": a complaint, for a person, not a question about 送餐
    question = understand(rest, [], {})
    if question.intent != "guide" or not question.service or question.confidence < 0.6:
        return None
    return (rest, question), ((text, u) if ASKS_PERSON.search(text) else None)


def _read(parts: list[str], state: dict, item: str | None = None):
    """(answerable parts, at most one request) when the parts mean two or more things."""
    if len(parts) < 2:
        return None
    infos, action, later, prior, seen = [], None, None, {"service": item or state.get("service")}, set()
    for part in parts:
        u = understand(part, [], prior)
        if u.intent not in KNOWN:
            return None  # a kind of message this module does not know (danger, say) goes the usual way
        key = _key(u)
        if key is None or key in seen:
            continue
        seen.add(key)
        if u.intent in ACTIONS:
            if action is None:
                action = (part, u)
            elif later is None and {action[1].intent, u.intent} <= STARTS:
                later = part  # "我想办低保，还想点个助餐": the first started, the second named to come back to
            else:
                return None  # requests of other kinds together: let the ordinary path decide
            continue
        infos.append((part, u))
        if u.service:
            prior = {"service": u.service}
    if later is not None:
        return infos, action, later
    if len(infos) + (action is not None) < 2 or not infos:
        return None
    return infos, action, None


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
        if guide is not None:
            # The conversation's item is the last one answered, as after a single answer:
            # a follow-up ("…的也行吗", "那要多久") is read in its light.
            state.update(service=guide.code,
                         aspect=(u.faq.get("aspect") if u.faq else u.aspect) or "overview")
    body = "\n\n".join(answers + referrals)
    if choices:
        body += "\n\n" + texts.MIXED_MORE + "\n" + "\n".join(
            f"{i}. {_label(c)}" for i, c in enumerate(choices, 1))
    state["choices"] = choices
    outcome = "answered" if answers else "referred"
    result = [body]
    if action is not None:
        part, u = action
        acted = HANDLERS[u.intent].handle(_turn(part, u, user, channel), state)
        result += acted.texts
        outcome = acted.outcome
    return Reply(result, outcome)


def _turn(part: str, u, user: str, channel: str) -> Turn:
    return Turn(user=user, text=part, channel=channel, intent=u.intent, service=u.service,
                aspect=u.aspect, category=u.category, confidence=u.confidence,
                candidates=u.candidates, faq=u.faq, referral=u.referral, action=u.action)


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
