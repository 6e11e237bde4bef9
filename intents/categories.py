"""The learned order-category reading: which kind of home help a message asks for.

A multinomial logistic regression over character 1-3-grams of the prepared text
(the aspect reading's model, intents.aspects.AspectModel), with the twelve order
categories and one more class, "not an order" (NONE). It is trained by
`flask nlu train` (intents.training) from the labelled development sets (their
orders by category, every other message as NONE), the catalogue's category labels
and everyday names, and the residents' phrasings of `intents/data/order_phrasings.yaml`
(needs told by their symptoms as well as by the service's name).

The rules' category cues stay where they are precise. The understander asks this
reading where they are silent or tied, and, beside a request for someone to come or
help, where no rule read the message at all (it would be "not learned yet"). It is
taken only above a probability chosen on held-out folds; below it, a likely order is
asked back with its two likeliest categories.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from intents.aspects import AspectModel

PHRASINGS_FILE = Path(__file__).with_name("data") / "order_phrasings.yaml"
NONE = "-"
# The phrasings file's section of messages that are no order (read as NONE).
NOT_ORDER = "not_order"
FOLDS = 5
# The share of held-out readings above the threshold that must be right to take it.
PRECISION = 0.95
# Never below these, whatever the folds say (few examples make a loose threshold).
TAKE_FLOOR = 0.4
# An order whose top category is below the take threshold is asked back with its two
# likeliest categories when these two hold this much probability together (on held-out
# folds the right one is then offered about 9 times in 10); a message no rule read, which
# may be no order at all, only when they hold UNREAD_PAIR.
ASK_PAIR = 0.4
UNREAD_PAIR = 0.6
# A message no rule read is an order when the categories together hold at least the
# smallest of these that at most OTHERS_OVER of held-out non-orders reach.
ORDER_MASSES = (0.5, 0.6, 0.7, 0.8, 0.9)
OTHERS_OVER = 0.02
# A request or a need for someone's help (the cues' ORDER_REQUEST is narrower): someone
# wanted to come, do or help, or a need that cannot be met alone.
REQUEST = re.compile(
    r"派|上门|到家|来家|来(个|一个|位)?人|找(个|一个|位)?人|请(个|一个|位)?人|叫(个|一个)?人|有人|"
    r"帮|陪|照看|照顾|看看|安排|预约|约(个|一个)|麻烦|求|能不能|可不可以|能否|有没有|谁(能|来|给|帮)|"
    r"想要|想请|想找|想订|想让|需要|弄不了|干不动|做不了|不了门|出不去|起不来|动不了|没人|"
    # ordering a thing brought or done for someone: 给老人订个饭, 点份餐, 送点菜到家
    r"订(个|一个|份|一份|点|些)?|点(个|份|一份)|送(个|份|点|些)?(饭|餐|菜|吃的|药|到家|上门)")


def phrasings(path: Path = PHRASINGS_FILE) -> list[tuple[str, str]]:
    """(text, category) for every phrasing of the file."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return [(text, NONE if code == NOT_ORDER else code)
            for code, texts in data.items() for text in texts or []]


def category_names(cat) -> dict[str, str]:
    """The order categories' names: those residents use (the catalogue's
    order_category_names), then those in their labels (the short name and those in brackets)."""
    from knowledge.snapshot import read_catalog

    names: dict[str, str] = {}
    for code, words in (read_catalog().get("order_category_names") or {}).items():
        if code in cat.order_categories:
            for word in words or []:
                names.setdefault(str(word), code)
    for code, category in cat.order_categories.items():
        inner = category.label.partition("（")[2].rstrip("）")
        for name in [category.short, *re.split(r"[、，,]", inner)]:
            if len(name.strip()) >= 2:
                names.setdefault(name.strip(), code)
    return names


def catalog_examples(cat) -> list[tuple[str, str]]:
    """Each category's label, short name and everyday names (the catalogue's own words)."""
    out = [(name, code) for name, code in category_names(cat).items()]
    out += [(c.label, code) for code, c in cat.order_categories.items()]
    return out


def labelled_examples(rows: list[dict]) -> list[tuple[str, str]]:
    """The development sets' messages: an order by its category, anything else NONE (an
    order whose category was left unsaid teaches nothing about categories)."""
    out = []
    for row in rows:
        if row.get("intent") == "order":
            if row.get("category"):
                out.append((row["text"], row["category"]))
        else:
            out.append((row["text"], NONE))
    return out


def _fold(text: str) -> int:
    return hashlib.sha1(text.encode()).digest()[1] % FOLDS


class CategoryReading:
    """The model and its held-out take threshold."""

    def __init__(self, model: AspectModel, take: float, meta: dict | None = None,
                 order_mass: float = ORDER_MASSES[-1]) -> None:
        self.model = model
        self.take = take
        self.order_mass = order_mass
        self.meta = dict(meta or {})

    @classmethod
    def train(cls, examples: list[tuple[str, str]], prepare: Callable[[str], str]) -> CategoryReading:
        """Fitted on all examples; the take threshold from the readings of held-out folds."""
        prepared = [(prepare(text), code) for text, code in examples]
        held: list[tuple[float, bool]] = []
        # Below the threshold: (the two likeliest's share, whether the right one is among them).
        pairs: list[tuple[float, bool]] = []
        # Messages that are no order, read held out: how much order mass they get.
        others: list[float] = []
        for k in range(FOLDS):
            train = [(t, c) for (t, c), (raw, _) in zip(prepared, examples, strict=True) if _fold(raw) != k]
            model = AspectModel.train(train)
            for (t, code), (raw, _) in zip(prepared, examples, strict=True):
                if _fold(raw) != k:
                    continue
                post = model.posterior(t)
                if code == NONE:
                    others.append(1.0 - post.get(NONE, 0.0))
                    continue
                top, p = _top(post)
                held.append((p, top == code))
                two = sorted(((q, c) for c, q in post.items() if c != NONE), reverse=True)[:2]
                pairs.append((sum(q for q, _ in two), code in {c for _, c in two}))
        take = choose_take(held)
        order_mass = next((m for m in ORDER_MASSES
                           if sum(1 for o in others if o >= m) <= OTHERS_OVER * len(others)),
                          ORDER_MASSES[-1])
        below = [(m, ok) for (p, _), (m, ok) in zip(held, pairs, strict=True) if p < take]
        right = sum(ok for _, ok in held)
        meta = {"examples": len(examples), "held_out_orders": len(held), "held_out_right": right,
                "taken": sum(1 for p, _ in held if p >= take),
                "taken_wrong": sum(1 for p, ok in held if p >= take and not ok),
                "asked_back": sum(1 for m, _ in below if m >= ASK_PAIR),
                "asked_back_right": sum(1 for m, ok in below if m >= ASK_PAIR and ok),
                "others": len(others),
                "others_over_mass": sum(1 for m in others if m >= order_mass),
                "reliability": [[lo, sum(1 for p, _ in held if lo <= p < lo + 0.1),
                                 sum(1 for p, ok in held if lo <= p < lo + 0.1 and ok)]
                                for lo in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)]}
        return cls(AspectModel.train(prepared), take, meta, order_mass)

    def posterior(self, t: str) -> dict[str, float]:
        """Every category's probability (and NONE's) for a prepared text."""
        return self.model.posterior(t)

    def ranked(self, t: str) -> list[tuple[float, str]]:
        """The categories by probability, likeliest first (NONE left out)."""
        return sorted(((p, c) for c, p in self.posterior(t).items() if c != NONE), reverse=True)

    @staticmethod
    def asked_back(ranked: list[tuple[float, str]]) -> list[str]:
        """The two likeliest categories when together they are likely enough, else []."""
        if len(ranked) >= 2 and ranked[0][0] + ranked[1][0] >= ASK_PAIR:
            return [ranked[0][1], ranked[1][1]]
        return []

    def as_dict(self) -> dict:
        return {"model": self.model.as_dict(), "take": self.take, "order_mass": self.order_mass,
                "meta": self.meta}

    @classmethod
    def from_dict(cls, data: dict) -> CategoryReading:
        return cls(AspectModel.from_dict(data["model"]), float(data["take"]), data.get("meta"),
                   float(data.get("order_mass", ORDER_MASSES[-1])))


def categories_line(reading: CategoryReading) -> str:
    """The held-out figures `flask nlu train` prints."""
    m = reading.meta
    return (f"order categories (held-out folds): {m.get('held_out_right')}/{m.get('held_out_orders')} "
            f"top right; taken ≥ {reading.take:.2f}: {m.get('taken')} ({m.get('taken_wrong')} wrong); "
            f"asked back with two: {m.get('asked_back')} (right one offered {m.get('asked_back_right')}); "
            f"non-orders ≥ order mass {reading.order_mass:.1f}: {m.get('others_over_mass')}/{m.get('others')}")


def _top(post: dict[str, float]) -> tuple[str, float]:
    code = max((c for c in post if c != NONE), key=post.__getitem__)
    return code, post[code]


def choose_take(held: list[tuple[float, bool]]) -> float:
    """The lowest threshold above which held-out readings are right at PRECISION or more."""
    take = 1.0
    right = total = 0
    ranked = sorted(held, reverse=True)
    for i, (p, ok) in enumerate(ranked):
        right += ok
        total += 1
        # Readings of one figure are taken together: judged once the last of them is in.
        if (i + 1 == len(ranked) or ranked[i + 1][0] != p) and right / total >= PRECISION:
            take = p
    return round(max(take, TAKE_FLOOR), 3)


def train(snapshot, understander, rows: list[dict]) -> CategoryReading:
    """The reading trained for `flask nlu train` (texts prepared as the understander reads them)."""
    from core import catalog

    examples = labelled_examples(rows) + catalog_examples(catalog.current()) + phrasings()
    for entry in snapshot.faq:
        for text in [entry["question"], *(entry.get("alternates") or [])]:
            examples.append((text, NONE))
    done: dict[str, str] = {}

    def prepare(text: str) -> str:
        if text not in done:
            done[text] = understander.prepared(text)[1]
        return done[text]

    return CategoryReading.train(examples, prepare)


# -- the understander's hooks -----------------------------------------------------------
def _reading(understander) -> CategoryReading | None:
    model = understander.model
    return getattr(model, "categories", None) if model is not None else None


def _in_danger(t: str) -> bool:
    from intents import danger

    found = danger.read(t)
    return bool(found.classes) and not found.asks_policy


def pick(understander, t: str, cue_scores: dict[str, float]) -> str | None:
    """The cues' category; where they are silent or tied, the learned reading's (a tie is
    broken among the tied; silence is filled only above the held-out threshold). Danger
    happening now is 助急 first (intents.danger)."""
    tied: list[str] = []
    if cue_scores:
        top = max(cue_scores.values())
        tied = [c for c, v in cue_scores.items() if v == top]
        if len(tied) == 1:
            return tied[0]
    reading = _reading(understander)
    if reading is None:
        return tied[0] if tied else None
    if _in_danger(t):
        return EMERGENCY
    ranked = reading.ranked(t)
    if tied:
        return max(tied, key=lambda c: next((p for p, code in ranked if code == c), 0.0))
    return ranked[0][1] if ranked and ranked[0][0] >= reading.take else None


def choices(understander, t: str) -> list[dict]:
    """An order whose category is not taken: its two likeliest categories to ask back."""
    reading = _reading(understander)
    if reading is None:
        return []
    return [{"intent": "order", "category": c} for c in reading.asked_back(reading.ranked(t))]


def unread_order(understander, t: str) -> tuple[str | None, float, list[dict]] | None:
    """A message no rule read ("not learned yet") that asks for someone's help with a kind
    of home help: an order, its category taken above the held-out threshold, else asked
    back with the two likeliest. Danger happening now is left to intents.danger.
    (category or None, confidence, candidates to ask back), or None."""
    reading = _reading(understander)
    if reading is None or not REQUEST.search(t) or _in_danger(t):
        return None
    ranked = reading.ranked(t)
    if not ranked or sum(p for p, _ in ranked) < reading.order_mass:
        return None
    p, code = ranked[0]
    if p >= reading.take:
        return code, round(p, 3), []
    if ranked[0][0] + ranked[1][0] < UNREAD_PAIR:
        return None
    asked = reading.asked_back(ranked)
    return None, 0.6, [{"intent": "order", "category": c} for c in asked]


EMERGENCY = "emergency"
