"""A learned reading beside the rules: char 1-3-gram naive Bayes per label.

Trained by `flask nlu train` from the labelled development sets, the FAQ
phrasings and the guides' own text; stored as gzipped JSON keyed by the knowledge
version, and read in plain Python (a dictionary lookup and a vector sum per
n-gram: no library call per message). A missing or unreadable artefact
means rules only, never an error.
"""
from __future__ import annotations

import gzip
import json
import logging
import math
from collections import Counter, defaultdict
from pathlib import Path

from intents.normalize import normalize

log = logging.getLogger(__name__)
HEADS = ("intent", "service", "aspect")
NONE = "-"
ALPHA = 0.1
MODEL_DIR = Path(__file__).resolve().parents[1] / "instance"
FORMAT = 1


def artefact_path(version, directory: Path = MODEL_DIR) -> Path:
    """Where the model for one knowledge version lives."""
    return directory / f"nlu-model-v{FORMAT}-{version}.json.gz"


def features(text: str) -> list[str]:
    """Character 1-3-grams of the normalised text, with edges marked."""
    t = "^" + normalize(text)[0].replace(" ", "") + "$"
    grams = [t[i:i + n] for n in (1, 2, 3) for i in range(len(t) - n + 1)]
    return [g for g in grams if g not in ("^", "$")]


class Model:
    """Per head: classes, log priors, and per n-gram log P(n-gram | class)."""

    def __init__(self, heads: dict[str, dict]) -> None:
        self.heads = heads

    @classmethod
    def train(cls, examples: list[tuple[str, dict]], min_count: int = 2) -> Model:
        """Multinomial naive Bayes per head from (text, labels) pairs."""
        grams = [features(text) for text, _ in examples]
        seen = Counter(g for gs in grams for g in gs)
        vocab = {g for g, n in seen.items() if n >= min_count}
        heads = {}
        for head in HEADS:
            rows = [(gs, labels[head] or NONE)
                    for gs, (_, labels) in zip(grams, examples, strict=True) if head in labels]
            classes = sorted({label for _, label in rows})
            counts = {c: Counter() for c in classes}
            for gs, label in rows:
                counts[label].update(g for g in gs if g in vocab)
            totals = {c: sum(counts[c].values()) + ALPHA * len(vocab) for c in classes}
            loglik = {g: [round(math.log((counts[c][g] + ALPHA) / totals[c]), 3) for c in classes]
                      for g in vocab}
            priors = Counter(label for _, label in rows)
            prior = [round(math.log(priors[c] / len(rows)), 3) for c in classes]
            heads[head] = {"classes": classes, "loglik": loglik, "prior": prior}
        return cls(heads)

    def save(self, path: Path) -> None:
        """Write the artefact atomically (workers may be reading the old one)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with gzip.open(tmp, "wt", encoding="utf-8") as handle:
            json.dump({"format": FORMAT, "heads": self.heads}, handle, ensure_ascii=False)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> Model | None:
        """The stored model, or None when there is none or it cannot be read."""
        try:
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                data = json.load(handle)
            if data.get("format") != FORMAT or set(data["heads"]) != set(HEADS):
                raise ValueError("format")
            return cls(data["heads"])
        except FileNotFoundError:
            return None
        except (OSError, KeyError, ValueError, TypeError, AttributeError) as exc:
            log.warning("nlu model unreadable, rules only: %s", type(exc).__name__)
            return None

    def predict(self, text: str) -> dict[str, tuple[str | None, float, float]]:
        """Per head: the label, its probability and the margin over the runner-up."""
        grams = features(text)
        out = {}
        for head in HEADS:
            h = self.heads[head]
            scores = list(h["prior"])
            used = 0
            for g in grams:
                row = h["loglik"].get(g)
                if row is not None:
                    scores = [a + b for a, b in zip(scores, row, strict=True)]
                    used += 1
            # Naive Bayes over-counts overlapping n-grams; temper before normalising.
            top = max(scores)
            scale = max(1.0, math.sqrt(used))
            probs = [math.exp((s - top) / scale) for s in scores]
            total = sum(probs)
            ranked = sorted(range(len(probs)), key=lambda i: -probs[i])
            first = probs[ranked[0]] / total
            second = probs[ranked[1]] / total if len(ranked) > 1 else 0.0
            label = h["classes"][ranked[0]]
            out[head] = (None if label == NONE else label, first, first - second)
        return out


def training_examples(snapshot, labelled: list[dict]) -> list[tuple[str, dict]]:
    """Labelled messages, FAQ phrasings and the guides' own text, as (text, labels)."""
    examples = []
    for row in labelled:
        labels = {"intent": row.get("intent"), "service": row.get("service")}
        if row.get("intent") == "guide":
            labels["aspect"] = row.get("aspect")
        examples.append((row["text"], labels))
    for entry in snapshot.faq:
        labels = {"intent": "guide", "service": entry.get("service"),
                  "aspect": entry.get("aspect") or "overview"}
        for text in [entry["question"], *(entry.get("alternates") or [])]:
            examples.append((text, labels))
    for code, guide in snapshot.guides.items():
        for name in filter(None, [guide.get("name"), guide.get("short_name"),
                                  *(guide.get("aliases") or [])]):
            examples.append((name, {"intent": "guide", "service": code, "aspect": "overview"}))
        examples += _guide_sentences(code, guide)
    return examples


def _guide_sentences(code: str, guide: dict) -> list[tuple[str, dict]]:
    """Each aspect's text, a sentence at a time, labelled with its item (not its aspect:
    staff prose does not sound like residents asking)."""
    out = []
    for field in ("overview", "conditions"):
        for sentence in str(guide.get(field) or "").replace("\n", "。").split("。"):
            if 4 <= len(sentence.strip()) <= 80:
                out.append((sentence.strip(), {"service": code}))
    return out


def by_source(examples) -> dict[str, int]:
    """How many examples each head saw (for the training report)."""
    counts: dict[str, int] = defaultdict(int)
    for _, labels in examples:
        for head in labels:
            counts[head] += 1
    return dict(counts)
