"""Other departments' objects: a noun phrase of another office's business beats an item of
ours matched only by a word the two share, or by the resident's situation.

The referral topics (knowledge/data/referrals.yaml) are weighed against the items named
(intents.understand._referral_wins); an object (intents/data/other_objects.yaml) is surer:
"退休职工…丧葬费" is the 人社 benefit whatever item 丧葬费 also names. It wins unless the
message names one of our items outside the object's own words, as what is asked (neither
the resident's situation nor negated).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("data") / "other_objects.yaml"
GAP = 8
# Our item names that are only a procedure word (年审, 年检): right after another office's
# object ("残疾人证怎么年审") they are that object's procedure, not our item named.
PROCEDURE_WORDS = frozenset({"年审", "年检", "年报", "年度检查", "备案", "登记", "注册", "认定", "补办"})
PROCEDURE_REACH = 4


def procedure_of(found: Found, term: str, start: int) -> bool:
    """A procedure word of ours (年审) just after the object's words: the object's own."""
    last = max(b for _, b in found.spans)
    return term in PROCEDURE_WORDS and last <= start <= last + PROCEDURE_REACH


@dataclass(frozen=True)
class Found:
    """An object found: its department's entry, and the spans of its own words."""

    department: str
    reply: str | None
    spans: tuple[tuple[int, int], ...]


@lru_cache(maxsize=1)
def table() -> tuple[re.Pattern | None, tuple[tuple[str, re.Pattern, str, str | None], ...]]:
    """(one pattern of every object's first word, each object's first word and pattern with
    its department). Most messages hold no first word: one scan of plain words, no gaps."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8")) or []
    rows = []
    for entry in data:
        for phrase in entry.get("objects") or []:
            parts = [p for p in str(phrase).split("…") if p]
            pattern = f".{{0,{GAP}}}?".join(f"({re.escape(p)})" for p in parts)
            rows.append((parts[0], re.compile(pattern), str(entry["department"]), entry.get("reply")))
    firsts = sorted({first for first, *_ in rows}, key=len, reverse=True)
    screen = re.compile("|".join(map(re.escape, firsts))) if firsts else None
    return screen, tuple(rows)


def find(t: str) -> Found | None:
    """The longest object in a prepared text (None: none)."""
    screen, rows = table()
    if screen is None or not screen.search(t):
        return None
    best: Found | None = None
    best_len = 0
    for first, pattern, department, reply in rows:
        if first not in t:
            continue
        match = pattern.search(t)
        if match is None:
            continue
        size = sum(match.end(g) - match.start(g) for g in range(1, (pattern.groups or 0) + 1))
        if size > best_len:
            spans = tuple((match.start(g), match.end(g)) for g in range(1, pattern.groups + 1))
            best, best_len = Found(department, reply, spans), size
    return best


def referral_for(found: Found, referrals: list[dict]) -> dict:
    """The department's referral entry (staff's text where there is one), else the file's."""
    for entry in referrals:
        if entry.get("department") == found.department:
            return entry
    return {"department": found.department, "topics": [], "reply": found.reply or ""}
