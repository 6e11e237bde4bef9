"""Danger first through the real chat path, on sets written apart from the lexicon.

tests/intents/data/danger_fresh.jsonl: danger messages (falls, stroke and heart
signs, choking, burns, bleeding, fits, poisoning, drowning, shock, fire, gas,
break-ins, violence, strangers, scams now, the lost and the alone, self-harm)
in plain, voice, traditional, dialect, pinyin, typo, very short and long forms,
each with the number its first line must carry. not_danger_fresh.jsonl: policy
questions, the past told for a benefit, home-service orders, idioms; none may
get an emergency line. The *_later files hold the sets written after each round of
fixes to measure phrasings the lexicon had not seen (each measured before it was
used; see "round").

Each danger message is sent in every state a resident may be in: a fresh
conversation, an order form at its address step, an application at its ID
step, during 转人工, after a numbered choice list and after a guide answer.
One app: a form or 转人工 is kept as it was after a danger message, so one user per
such state hears every message; a fresh conversation, a choice list and a guide
answer are left by a danger message (a 助急 order opens), so each message there
gets a user of its own. Through the chat path each state hears every twelfth message
(the states' offsets differ, so together they hear half of them) and a quarter of the
not-danger set is said fresh and another after a guide answer (all in every state:
MZT_DANGER_FULL=1). The lexicon itself reads every message of both sets on its own.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "intents" / "data"


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


DANGER = _rows("danger_fresh.jsonl") + _rows("danger_fresh_later.jsonl")
NOT_DANGER = _rows("not_danger_fresh.jsonl") + _rows("not_danger_fresh_later.jsonl")

# What puts a conversation in each state before the danger message.
STATES = {
    "fresh": [],
    "order": ["家里老人需要有人上门打扫卫生"],        # an order form, at its address step
    "application": ["我要申请高龄津贴", "张三"],       # an application, at its ID step
    "handoff": ["转人工"],
    "choices": ["养老"],                              # a numbered list of items
    "guide": ["高龄津贴怎么领"],                      # a guide answer just shown
}
# The number a first line carries, by how it is written there.
TOKENS = {"120": "120", "110": "110", "119": "119", "12356": "12356", "燃气": "燃气公司抢修"}
NUMBER = re.compile("|".join(map(re.escape, TOKENS.values())))
ALARM = "急难求助24小时热线"
# States a danger message leaves as they were: one user hears them all.
KEPT = ("order", "application", "handoff")
# Recall reached (after the fixes), per state; false alarms allowed (of the not-danger
# sets said fresh and after a guide answer).
RECALL_AT_LEAST = 0.99
FALSE_ALARMS_AT_MOST = 2


def _say(client, user: str, text: str) -> list[str]:
    response = client.post("/api/chat", json={"user": user, "text": text})
    assert response.status_code == 200
    return response.get_json()["replies"]


# Each state hears every STRIDE-th message from its own offset: the reading comes
# before any state's own handling, so a share shows a state's precedence; the six
# shares together are half the set, and the lexicon reads every message alone.
STRIDE = 12


def _rows_for(state: str) -> list[tuple[int, dict]]:
    if os.environ.get("MZT_DANGER_FULL"):
        return list(enumerate(DANGER))
    return list(enumerate(DANGER))[list(STATES).index(state)::STRIDE]


def _measure(client) -> dict:
    missed, strict_missed, kept, sent = defaultdict(list), defaultdict(list), Counter(), Counter()
    opened: set[str] = set()
    for state, opening in STATES.items():
        for i, row in _rows_for(state):
            user = f"危{state}" if state in KEPT else f"危{state}{i}"
            if user not in opened:
                opened.add(user)
                for text in opening:
                    _say(client, user, text)
            sent[state] += 1
            got = _say(client, user, row["text"])
            first = got[0].splitlines()[0] if got and got[0] else ""
            if TOKENS[row["number"]] not in first:
                missed[state].append((row["class"], row["style"], row["text"], first[:40]))
            found = NUMBER.findall(first)
            if not found or found[0] != TOKENS[row["number"]]:
                strict_missed[state].append((row["class"], row["text"]))
            if state in ("order", "application") and "已保留" in "\n".join(got):
                kept[state] += 1
    alarms = []
    for state in ("fresh", "guide"):
        for i, row in enumerate(NOT_DANGER):
            if i % 4 != 2 * (state == "guide") and not os.environ.get("MZT_DANGER_FULL"):
                continue
            user = f"安{state}{i}"
            for text in STATES[state]:
                _say(client, user, text)
            if ALARM in "\n".join(_say(client, user, row["text"])):
                alarms.append((state, row["class"], row["text"]))
    return {"missed": missed, "strict": strict_missed, "kept": kept, "alarms": alarms, "sent": sent}


def _report(found: dict) -> str:
    lines = []
    for state in STATES:
        n = found["sent"][state]
        lines.append(f"{state:12s} recall {1 - len(found['missed'][state]) / n:.3f}"
                     f"  primary {1 - len(found['strict'][state]) / n:.3f}  of {n}")
    by_class = Counter(r["class"] for r in DANGER)
    miss_class = Counter(m[0] for s in STATES for m in found["missed"][s])
    lines.append("per class (misses over all states / messages of the class): " + ", ".join(
        f"{c} {miss_class[c]}/{by_class[c]}" for c in sorted(by_class) if miss_class[c]))
    lines.append(f"form kept: {dict(found['kept'])}; false alarms {len(found['alarms'])} "
                 f"(not-danger set {len(NOT_DANGER)}, fresh and after a guide answer)")
    for state in STATES:
        for m in found["missed"][state]:
            lines.append(f"  MISS {state} {m}")
    for a in found["alarms"]:
        lines.append(f"  ALARM {a}")
    return "\n".join(lines)


def test_the_sets_are_large_and_cover_every_form(seeded):
    assert len(DANGER) >= 260 and len(NOT_DANGER) >= 120
    styles = {r["style"].split("-")[0] for r in DANGER}
    assert {"plain", "voice", "trad", "dialect", "pinyin", "typo", "short", "long", "mixed"} <= styles
    assert {r["number"] for r in DANGER} == set(TOKENS)


def test_the_lexicon_reads_every_message_with_its_number_first(seeded):
    from handlers.danger import first_aid
    from intents.danger import detect

    with seeded.app_context():
        def first_line(text: str) -> str:
            classes = detect(text)
            return first_aid(classes).splitlines()[0] if classes else ""

        missed = [r["text"] for r in DANGER if TOKENS[r["number"]] not in first_line(r["text"])]
    assert len(missed) <= len(DANGER) * (1 - RECALL_AT_LEAST), missed
    alarms = [r["text"] for r in NOT_DANGER if detect(r["text"])]
    assert len(alarms) <= FALSE_ALARMS_AT_MOST, alarms


def test_danger_first_in_every_state_and_no_false_alarms(seeded, client):
    # Thousands of messages from one client, hundreds from one user in a kept state.
    seeded.config.update(RATELIMIT_API_IP="100000 per minute", RATELIMIT_RESIDENT="")
    found = _measure(client)
    report = _report(found)
    if os.environ.get("MZT_DANGER_REPORT"):
        Path(os.environ["MZT_DANGER_REPORT"]).write_text(report, encoding="utf-8")
    for state in STATES:
        recall = 1 - len(found["missed"][state]) / found["sent"][state]
        assert recall >= RECALL_AT_LEAST, report
    # A form stays open through a danger message (parked, never given the text as a field).
    assert found["kept"]["order"] == found["sent"]["order"], report
    assert found["kept"]["application"] == found["sent"]["application"], report
    assert len(found["alarms"]) <= FALSE_ALARMS_AT_MOST, report
