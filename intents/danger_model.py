"""A learned danger reading beside the lexicon, for wording the cue patterns have not seen.

Character 1-3-grams of the danger-prepared text (intents.danger.prepare: normalised,
pinyin read, dialect folded) feed two small models trained at train time
(`flask nlu train`, or intents.danger.train_learned) into their own artefact
(intents/data/danger_model.json):

- a naive Bayes danger-or-not reading (one log-ratio per n-gram), learned from the danger sets written apart from
  the lexicon (positives) and every non-danger labelled development message, the
  not-danger sets and the phrasings files (negatives);
- a multinomial naive Bayes class picker over the danger classes (the lexicon's own names, so the
  first-aid line and its number come from the class), learned from the positives.

The threshold is chosen at train time on out-of-fold scores: above the few highest
development negatives that would reach the model (mostly real emergencies filed under
other intents), with a margin. The
reading raises danger only when the lexicon found none, the message is not a policy
question or a past event (the lexicon's frames), the model is confident and a weak
sign of danger now (a person, a body word, a hazard, a now-word) is present, and the
message is not a request for a home service (the yaml's model_unless).
Inference is pure Python, a few dozen dictionary look-ups.
"""
from __future__ import annotations

import hashlib
import json
import math
import random
import re
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ARTEFACT = Path(__file__).resolve().parent / "data" / "danger_model.json"
# The lexicon's data (intents.danger reads it too; this module does not import that one).
LEXICON = Path(__file__).resolve().parent / "data" / "danger.yaml"
FORMAT = 3
FOLDS = 5
ALPHA = 0.1
PICK_ALPHA = 0.5
# Out-of-fold threshold: the score above which at most ALLOWED development negatives
# that reach the model at run time lie, plus MARGIN (in nats).
MARGIN = 2.0
ALLOWED = 3
# Where a learned reading names no lexicon class, the class its number stands for.
BY_NUMBER = {"120": "medical", "110": "crime", "119": "fire", "燃气": "gas", "12356": "self_harm"}

# Classes that name no number of their own, never a learned reading's pick.
VAGUE = frozenset({"help"})
POSITIVE_FILES = ("tests/intents/data/danger_fresh.jsonl", "tests/intents/data/danger_fresh_later.jsonl")
NEGATIVE_FILES = (
    "tests/intents/data/not_danger_fresh.jsonl", "tests/intents/data/not_danger_fresh_later.jsonl",
    "tests/data/heldout.jsonl", "tests/data/own_dev.jsonl", "tests/data/shared-dev.jsonl",
    "tests/data/frozen/nlu-heldout.jsonl", "tests/data/frozen/nlu-heldout-2.jsonl",
    "tests/data/frozen/nlu-heldout-3.jsonl", "tests/data/frozen/nlu-heldout-4.jsonl",
    "/work/shared/eval/dev.jsonl",
)
CASES = "tests/intents/danger_cases.yaml"
OWN_PHRASINGS = "intents/data/danger_phrasings.yaml"
PHRASINGS = ("intents/data/intent_phrasings.yaml", "intents/data/order_phrasings.yaml",
             "intents/data/aspect_phrasings.yaml")
SLOT = re.compile(r"\{[^}]*\}")


def grams(prepared: str) -> list[str]:
    """Character 1-3-grams of a prepared text, edges marked, and skip-bigrams (two
    characters one apart: "晕_了" is heard through a filler or a typo between)."""
    t = "^" + prepared + "$"
    out = [t[i:i + n] for n in (1, 2, 3) for i in range(len(t) - n + 1)]
    out += [t[i] + "_" + t[i + 2] for i in range(len(t) - 2)]
    return [g for g in out if g not in ("^", "$")]


# ---------------------------------------------------------------- training data

def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _strings(node) -> list[str]:
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [node] if isinstance(node, str) else []


# Sections of the phrasings files that are emergencies (the 助急 order's phrasings):
# danger messages without a number, positives for the danger-or-not reading.
EMERGENCY_SECTIONS = frozenset({"emergency"})


def training_rows(root: Path = ROOT) -> tuple[list[tuple[str, str]], list[str]]:
    """(text, number) danger messages and non-danger texts, from the development files."""
    positives = [(r["text"], str(r["number"])) for f in POSITIVE_FILES for r in _jsonl(root / f)]
    negatives = [r["text"] for f in NEGATIVE_FILES for r in _jsonl(Path(f) if f.startswith("/") else root / f)
                 if r.get("text") and r.get("intent") != "danger"]
    # Danger phrasings written as classes of wording, by number, and their look-alikes.
    own = root / OWN_PHRASINGS
    if own.exists():
        data = yaml.safe_load(own.read_text(encoding="utf-8")) or {}
        for number, texts in data.items():
            if str(number) == "not_danger":
                negatives += [str(t) for t in texts or ()]
            else:
                positives += [(str(t), str(number)) for t in texts or ()]
    cases = root / CASES
    if cases.exists():
        data = yaml.safe_load(cases.read_text(encoding="utf-8")) or {}
        positives += [(str(row[-1]), "") for row in data.get("danger") or () if isinstance(row, list)]
        negatives += [str(row[-1]) if isinstance(row, list) else str(row) for row in data.get("not_danger") or ()]
    for f in PHRASINGS:
        p = root / f
        if p.exists():
            data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
            for section, node in (data.items() if isinstance(data, dict) else ()):
                texts = [SLOT.sub("低保", s) for s in _strings(node)]
                if section in EMERGENCY_SECTIONS:
                    positives += [(t, "") for t in texts]
                else:
                    negatives += texts
    return positives, negatives


def fingerprint(positives, negatives) -> str:
    """The training data and the lexicon that labels it: a stale artefact shows."""
    h = hashlib.sha256(LEXICON.read_bytes())
    for t, n in positives:
        h.update(f"+{n}\t{t}\n".encode())
    for t in negatives:
        h.update(f"-{t}\n".encode())
    return h.hexdigest()[:16]


# ---------------------------------------------------------------- models

def _fit(xs: list[list[str]], ys: list[int]) -> dict[str, float]:
    """Bernoulli naive Bayes as one log-ratio per n-gram: how much likelier a danger
    message holds it than a non-danger one (smoothed by ALPHA); the score of a text is
    the sum over its distinct n-grams seen in training."""
    counts: tuple[dict[str, int], dict[str, int]] = ({}, {})
    totals = [0, 0]
    for x, y in zip(xs, ys, strict=True):
        totals[y] += 1
        row = counts[y]
        for g in set(x):
            row[g] = row.get(g, 0) + 1
    neg, pos = counts
    return {g: math.log((pos.get(g, 0) + ALPHA) / (totals[1] + 2 * ALPHA))
            - math.log((neg.get(g, 0) + ALPHA) / (totals[0] + 2 * ALPHA))
            for g in set(neg) | set(pos)}


def _score(w: dict[str, float], x: list[str]) -> float:
    return sum(w.get(g, 0.0) for g in set(x))


def _unless_pattern() -> re.Pattern:
    data = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    return re.compile("".join(str(data["model_unless"]).split()))


def _sign_pattern() -> re.Pattern:
    data = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    return re.compile("".join(str(data["model_sign"]).split()) + "|" + "".join(str(data["persons"]).split()))


def build(reader, root: Path = ROOT, target: Path = ARTEFACT) -> dict:
    """Train both models and choose the threshold on out-of-fold scores; write the artefact.

    `reader`: intents.danger (its prepare, lexicon and lexicon-only reading), passed in
    so that this module does not import it (intents.danger.train_learned calls this)."""
    _read_lexicon_only, lexicon, prepare, reaches_model = (
        reader._read_lexicon_only, reader.lexicon, reader.prepare, reader.reaches_model)

    positives, negatives = training_rows(root)
    lex = lexicon()
    px, pc = [], []
    for text, number in positives:
        found = [c for c in _read_lexicon_only(text, lex) if c not in VAGUE]
        # The class picker names a danger with its own number: "救命" alone (help) names
        # none, so a message the lexicon read only so is labelled by its number; one with
        # neither trains the danger-or-not reading only.
        px.append(prepare(text))
        pc.append(found[0] if found else BY_NUMBER.get(number))
    # A development message the lexicon reads as danger is a real emergency, not a negative.
    nx = [t for t, raw in ((prepare(n), n) for n in negatives) if t and not _read_lexicon_only(raw, lex)]
    xs = [grams(t) for t in px] + [grams(t) for t in nx]
    ys = [1] * len(px) + [0] * len(nx)
    sign, unless = _sign_pattern(), _unless_pattern()
    texts = px + nx
    # Out of fold: the scores of the negatives that would reach the model, over all folds.
    worst = 0.0
    scored = []
    idx = list(range(len(xs)))
    random.Random(1).shuffle(idx)
    oof_pos = []
    for k in range(FOLDS):
        held = set(idx[k::FOLDS])
        w = _fit([xs[i] for i in idx if i not in held], [ys[i] for i in idx if i not in held])
        for i in held:
            p = _score(w, xs[i])
            if ys[i] == 0 and sign.search(texts[i]) and not unless.search(texts[i]) and reaches_model(texts[i], lex):
                scored.append((p, texts[i]))
                worst = max(worst, p)
            elif ys[i] == 1:
                oof_pos.append(p)
    # The last few are mostly real emergencies filed under other intents.
    ranked = sorted((p for p, _ in scored), reverse=True)
    threshold = (ranked[ALLOWED] if len(ranked) > ALLOWED else 0.0) + MARGIN
    w = {g: round(v, 3) for g, v in _fit(xs, ys).items()}
    # Naive Bayes over the danger classes, from the positives.
    counts: dict[str, dict[str, int]] = {}
    prior: dict[str, int] = {}
    for t, c in zip(px, pc, strict=True):
        if not c:
            continue
        prior[c] = prior.get(c, 0) + 1
        row = counts.setdefault(c, {})
        for g in grams(t):
            row[g] = row.get(g, 0) + 1
    model = {
        "format": FORMAT, "fingerprint": fingerprint(positives, negatives),
        "threshold": round(threshold, 3), "weights": w,
        "prior": prior, "counts": counts,
        "report": {"positives": len(px), "negatives": len(nx),
                   "oof_worst_negative": round(worst, 3),
                   "oof_recall_at_threshold": round(sum(p >= threshold for p in oof_pos) / max(1, len(oof_pos)), 3)},
    }
    target.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
                      encoding="utf-8")
    report: dict = dict(model["report"])  # type: ignore[call-overload]
    return report | {"threshold": model["threshold"], "oof_positive": sorted(oof_pos),
                     "oof_top_negatives": sorted(scored, reverse=True)[:25]}


# ---------------------------------------------------------------- inference

class DangerModel:
    def __init__(self, data: dict):
        self.threshold = float(data["threshold"])
        self.weights: dict[str, float] = data["weights"]
        prior, counts = data["prior"], data["counts"]
        total = sum(prior.values())
        self.classes = sorted(prior)
        self.vocabulary = {g for row in counts.values() for g in row}
        size = len(self.vocabulary)
        # Multinomial naive Bayes, smoothed over the whole vocabulary (PICK_ALPHA): a
        # class with few messages does not win on n-grams it has never seen.
        self.log_prior = {c: math.log(prior[c] / total) for c in self.classes}
        self.unseen, self.log_p = {}, {}
        for c in self.classes:
            n = sum(counts[c].values()) + PICK_ALPHA * size
            self.unseen[c] = math.log(PICK_ALPHA / n)
            self.log_p[c] = {g: math.log((k + PICK_ALPHA) / n) for g, k in counts[c].items()}
        self.sign = _sign_pattern()
        self.unless = _unless_pattern()

    def score(self, prepared: str) -> float:
        return _score(self.weights, grams(prepared))

    def pick(self, prepared: str) -> str:
        """The danger class most likely to have written these n-grams."""
        gs = [g for g in grams(prepared) if g in self.vocabulary]
        return max(self.classes, key=lambda c: self.log_prior[c] + sum(
            self.log_p[c].get(g, self.unseen[c]) for g in gs))

    def read(self, prepared: str) -> str | None:
        """A danger class when confident and a weak sign is present, else None."""
        if not prepared or not self.sign.search(prepared) or self.unless.search(prepared):
            return None
        if self.score(prepared) < self.threshold:
            return None
        return self.pick(prepared)


@lru_cache(maxsize=1)
def model() -> DangerModel | None:
    """The artefact, loaded once; None without one (the lexicon still reads)."""
    if not ARTEFACT.exists():
        return None
    data = json.loads(ARTEFACT.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        return None
    return DangerModel(data)
