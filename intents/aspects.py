"""The learned aspect reading: what about an item a message asks, whatever the item.

A multinomial logistic regression over character 1-3-grams of the prepared
text (typos repaired, synonyms expanded) with every item name masked, so that
"能同时领吗" after 高龄津贴 and after 孤儿生活费 is one piece of evidence. It is
trained by `flask nlu train` (intents.model) from the labelled development
sets, the FAQ phrasings, and the frames of `intents/data/aspect_phrasings.yaml`
(residents' ways of asking each aspect, around an item's name). Plain Python
at run time: a dictionary lookup per n-gram, column sums and a softmax.

The rules' aspect cues stay where they are precise; the understander asks this
reading where they are silent (the old default was 'overview') or disagree.
"""
from __future__ import annotations

import array
import base64
import math
import random
import sys
from collections import Counter
from pathlib import Path

import yaml

PHRASINGS_FILE = Path(__file__).with_name("data") / "aspect_phrasings.yaml"
# What an item's name reads as once masked: one character no message holds.
ITEM = "〓"
EPOCHS = 14
RATE = 0.3
# Weight decay per epoch: keeps n-grams seen a few times from deciding alone.
DECAY = 0.97
MIN_COUNT = 1
# Weights this small are dropped from the artefact (they never change a decision).
KEEP = 0.02
# Weights are stored in thousandths (int16), as the naive Bayes rows are.
SCALE = 1000


def features(masked: str) -> list[str]:
    """Character 1-3-grams of a prepared, masked text, with its edges marked."""
    t = "^" + masked.replace(" ", "") + "$"
    grams = [t[i:i + n] for n in (1, 2, 3) for i in range(len(t) - n + 1)]
    return [g for g in grams if g not in ("^", "$")]


def phrasings(path: Path = PHRASINGS_FILE) -> list[tuple[str, str]]:
    """(masked text, aspect) for every frame of the phrasings file."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return [(frame.replace("{item}", ITEM), aspect)
            for aspect, frames in data.items() for frame in frames or []]


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


class AspectModel:
    """Classes, a bias per class and, per n-gram, a weight per class."""

    def __init__(self, classes: list[str], bias: list[float],
                 weights: dict[str, tuple[float, ...]]) -> None:
        self.classes = list(classes)
        self.bias = list(bias)
        self.weights = weights

    @classmethod
    def train(cls, examples: list[tuple[str, str]], seed: int = 0) -> AspectModel:
        """Fitted by stochastic gradient descent on (masked text, aspect) pairs."""
        grams = [features(text) for text, _ in examples]
        seen = Counter(g for gs in grams for g in set(gs))
        classes = sorted({aspect for _, aspect in examples})
        index = {c: i for i, c in enumerate(classes)}
        k = len(classes)
        weights: dict[str, list[float]] = {g: [0.0] * k for g, n in seen.items() if n >= MIN_COUNT}
        bias = [0.0] * k
        data = [([g for g in dict.fromkeys(gs) if g in weights], index[aspect])
                for gs, (_, aspect) in zip(grams, examples, strict=True)]
        order = list(range(len(data)))
        shuffle = random.Random(seed).shuffle
        for epoch in range(EPOCHS):
            shuffle(order)
            rate = RATE / (1 + 0.3 * epoch)
            for i in order:
                gs, y = data[i]
                rows = [weights[g] for g in gs]
                scores = [b + sum(col) for b, col in zip(bias, zip(*rows, strict=True), strict=True)] \
                    if rows else list(bias)
                probs = _softmax(scores)
                probs[y] -= 1.0
                step = rate / math.sqrt(max(len(rows), 1))
                changes = [(c, step * g) for c, g in enumerate(probs) if abs(g) > 1e-3]
                for c, delta in changes:
                    bias[c] -= 0.1 * delta
                for row in rows:
                    for c, delta in changes:
                        row[c] -= delta
            for row in weights.values():
                for c in range(k):
                    row[c] *= DECAY
        kept = {g: tuple(round(w, 4) for w in row) for g, row in weights.items()
                if max(abs(w) for w in row) >= KEEP}
        return cls(classes, bias, kept)

    def posterior(self, masked: str) -> dict[str, float]:
        """Every aspect's probability for a prepared, masked text."""
        rows = [row for row in map(self.weights.get, features(masked)) if row is not None]
        scores = [b + sum(col) for b, col in zip(self.bias, zip(*rows, strict=True), strict=True)] \
            if rows else list(self.bias)
        return dict(zip(self.classes, _softmax(scores), strict=True))

    def as_dict(self) -> dict:
        """The weights as one int16 array (thousandths), base64: loading is a decode."""
        grams = sorted(self.weights)
        packed = array.array("h", (max(-32768, min(32767, round(w * SCALE)))
                                   for g in grams for w in self.weights[g]))
        if sys.byteorder != "little":
            packed.byteswap()
        return {"classes": self.classes, "bias": [round(b, 4) for b in self.bias],
                "grams": grams, "rows": base64.b64encode(packed.tobytes()).decode("ascii")}

    @classmethod
    def from_dict(cls, data: dict) -> AspectModel:
        k = len(data["classes"])
        packed = array.array("h")
        packed.frombytes(base64.b64decode(data["rows"]))
        if sys.byteorder != "little":
            packed.byteswap()
        grams = data["grams"]
        if len(data["bias"]) != k or len(packed) != k * len(grams):
            raise ValueError("aspect rows")
        shared: dict[int, float] = {}
        values = [shared.setdefault(v, v / SCALE) for v in packed]
        return cls(data["classes"], data["bias"],
                   {g: tuple(values[i * k:(i + 1) * k]) for i, g in enumerate(grams)})
