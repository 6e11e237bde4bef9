"""Danger first: does a message read as danger to life or safety, and of which kind?

Run on the normalised text before any other understanding. The cues are
data (intents/data/danger.yaml): classes of danger, each with cue patterns
and pairs of patterns that must both be present, dialect and voice-text
variants folded to one form first, and a policy-question frame that sets
a match aside unless the message also says it is happening now.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from intents.normalize import normalize

DATA = Path(__file__).resolve().parent / "data" / "danger.yaml"
LATIN = re.compile(r"[a-z]{2}")
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
LEARNED_GATES = ("model_sign", "model_unless")


@dataclass(frozen=True)
class DangerClass:
    """One kind of danger: its cues, and whether a policy frame may set it aside."""

    name: str
    cues: tuple[re.Pattern, ...]
    pairs: tuple[tuple[re.Pattern, re.Pattern], ...]
    always: bool
    unless: re.Pattern | None = None
    # A person, then within a few characters what is happening to them.
    near: re.Pattern | None = None
    # The whole message is the event, said in a few characters ("摔倒了", "漏气了"):
    # a person or filler may come first, particles after, one event or several, nothing else.
    alone: re.Pattern | None = None
    # False: policy words ("补贴", "申请") do not set the class aside; a scam
    # baits with a benefit, so only the aftermath frame does.
    policy_frame: bool = True

    def matches(self, text: str) -> bool:
        if self.unless is not None and self.unless.search(text):
            return False
        return (any(p.search(text) for p in self.cues)
                or any(a.search(text) and b.search(text) for a, b in self.pairs)
                or (self.near is not None and self.near.search(text) is not None)
                or (self.alone is not None and self.alone.fullmatch(text) is not None))


@dataclass(frozen=True)
class Lexicon:
    """The compiled cue lexicon."""

    variants: dict[str, str]
    folding: re.Pattern  # every variant, longest first, in one alternation
    # Near-sound and shape-alike typos of danger words, each only in the context
    # that makes it that word (pattern, replacement), applied after folding.
    typos: tuple[tuple[re.Pattern, str], ...]
    # Every cue and pair half, most messages stop here: searched one by one, which is about
    # twice as fast as one alternation of them all (each pattern skips by its own first characters).
    any_cue: tuple[re.Pattern, ...]
    urgent: re.Pattern
    policy: re.Pattern
    aftermath: re.Pattern
    live: re.Pattern
    classes: tuple[DangerClass, ...]


def _compile(value: str) -> re.Pattern:
    return re.compile("".join(str(value).split()))


def _alone(spec: dict, data: dict) -> re.Pattern | None:
    """The class's short events as a whole message: persons or fillers first, particles after."""
    words = spec.get("alone")
    if not words:
        return None
    lead = "".join(str(data["alone_lead"]).split())
    either = "|".join(f"(?:{''.join(str(w).split())})" for w in words)
    return re.compile(f"(?:{lead})*(?:(?:{either})(?:了|啦|呀|啊|吧|哇|呢)*)+")


def _near(spec: dict, data: dict) -> re.Pattern | None:
    """Person, a short gap holding none of their belongings, then one of the class's states."""
    states = spec.get("near")
    if not states:
        return None
    persons = "".join(str(spec.get("persons") or data["persons"]).split())
    gap = f"(?:(?!{''.join(str(data['belongings']).split())}).){{0,{int(data['window'])}}}?"
    either = "|".join(f"(?:{''.join(str(s).split())})" for s in states)
    return re.compile(f"(?:{persons}){gap}(?:{either})")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon from its data file, compiled once per process."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    variants = {str(k): str(v) for k, v in data["variants"].items()}
    # Longest first, so 小孩子 is folded before 小孩.
    folding = re.compile("|".join(map(re.escape, sorted(variants, key=len, reverse=True))))
    classes = tuple(
        DangerClass(name, tuple(_compile(c) for c in spec.get("cues", ())),
                    tuple((_compile(a), _compile(b)) for a, b in spec.get("pairs", ())),
                    bool(spec.get("always")),
                    _compile(spec["unless"]) if spec.get("unless") else None,
                    _near(spec, data), _alone(spec, data), spec.get("policy_frame", True) is not False)
        for name, spec in data["classes"].items())
    halves = [p for c in classes for p in c.cues]
    halves += [a for c in classes for a, _ in c.pairs]
    halves += [c.near for c in classes if c.near is not None]
    halves += [c.alone for c in classes if c.alone is not None]
    any_cue = tuple(halves)
    typos = tuple((_compile(a), str(b)) for a, b in data.get("typos", ()))
    return Lexicon(variants, folding, typos, any_cue, _compile(data["urgent"]), _compile(data["policy"]),
                   _compile(data["aftermath"]), _compile(data["live"]), classes)


def prepare(text: str) -> str:
    """Normalised text without spaces, dialect and voice forms folded; typed pinyin read first."""
    lex = lexicon()
    folded = normalize(text)[0]
    if LATIN.search(folded):
        folded = pinyin_reader().read(folded)
    folded = folded.replace(" ", "")
    folded = lex.folding.sub(lambda m: lex.variants[m.group()], folded)
    for typo, right in lex.typos:
        folded = typo.sub(right, folded)
    return folded


def vocabulary() -> tuple[str, ...]:
    """The lexicon's own words (variants, persons, every run of characters in a cue)."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    words = [*map(str, data["variants"]), *map(str, data["variants"].values())]
    # The learned reading's gates (its weak signs, its service-request frame) are no
    # danger words: typed pinyin is not read towards them.
    for value in _strings({k: v for k, v in data.items() if k not in LEARNED_GATES}):
        words += [w for w in CJK_RUN.findall(value) if len(w) >= 2]
    return tuple(dict.fromkeys(words))


def _strings(node) -> list[str]:
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [str(node)] if isinstance(node, str) else []


@lru_cache(maxsize=1)
def pinyin_reader():
    """Pinyin typed in Latin letters ("wo ba shuai dao le") read with the danger words first.

    Built on the first Latin message only (about half a second).
    """
    from intents.pinyin import PinyinReader

    return PinyinReader(vocabulary())


@dataclass(frozen=True)
class Reading:
    """The danger classes found, most urgent first, and whether a policy question came too."""

    classes: tuple[str, ...]
    asks_policy: bool


# The last text read and its reading: the bot reads a message for danger first and the
# understander reads the same text again. A reading is a pure function of the text and
# the lexicon (frozen), so it is reused for the same lexicon only. One entry, swapped as
# a whole: threads at worst miss it.
_last: tuple = (None, None, None)


def read(text: str) -> Reading:
    """Read one message for danger (classes empty: none)."""
    global _last
    lex = lexicon()
    kept_lex, kept_text, kept = _last
    if kept_lex is lex and kept_text == text:
        return kept
    reading = _read(text, lex)
    _last = (lex, text, reading)
    return reading


def _read(text: str, lex: Lexicon, learned: bool = True) -> Reading:
    found = prepare(text)
    if not found:
        return Reading((), False)
    policy = bool(lex.policy.search(found))
    framed = policy and not lex.urgent.search(found)
    past = lex.aftermath.search(found) is not None and not lex.live.search(found)
    if not any(p.search(found) for p in lex.any_cue):
        names = []
    else:
        names = [c.name for c in lex.classes
                 if (c.always or not (past or (framed and c.policy_frame))) and c.matches(found)]
    # "救命" alone says nothing about what happened; a named danger says more.
    if len(names) > 1 and "help" in names:
        names.remove("help")
    if not names and learned and not (past or framed):
        # Wording no cue has seen: the learned reading (intents.danger_model), confident
        # and with a weak sign of danger now, names the class and so the number.
        from intents.danger_model import model

        learned_model = model()
        name = learned_model.read(found) if learned_model is not None else None
        if name:
            names = [name]
    return Reading(tuple(names), policy)


def reaches_model(prepared: str, lex: Lexicon) -> bool:
    """Whether a prepared text would be put to the learned reading: not a policy question
    nor a past event by the lexicon's frames, and no cue of its own."""
    policy = bool(lex.policy.search(prepared))
    framed = policy and not lex.urgent.search(prepared)
    past = lex.aftermath.search(prepared) is not None and not lex.live.search(prepared)
    return not (past or framed)


def _read_lexicon_only(text: str, lex: Lexicon) -> list[str]:
    """The lexicon's classes alone, without the learned reading (its training labels)."""
    return list(_read(text, lex, learned=False).classes)


def detect(text: str) -> list[str]:
    """The danger classes a message reads as, most urgent first (empty: none)."""
    return list(read(text).classes)


def train_learned() -> dict:
    """Train the learned reading beside the lexicon into its artefact (intents.danger_model)."""
    import sys

    from intents import danger_model

    found = danger_model.build(sys.modules[__name__])
    danger_model.model.cache_clear()
    return found
