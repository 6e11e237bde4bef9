"""A learned reading beside the rules: char 1-3-gram naive Bayes per label.

Trained by `flask nlu train` from the labelled development sets, the FAQ
phrasings and the guides' own text; stored as gzipped JSON keyed by the knowledge
version, and read in plain Python (a dictionary lookup and a vector sum per
n-gram: no library call per message). A missing or unreadable artefact
means rules only, never an error.
"""
from __future__ import annotations

import array
import base64
import gzip
import itertools
import json
import logging
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from intents import aspects as aspect_reading
from intents.aspects import AspectModel
from intents.calibration import Calibrator
from intents.categories import CategoryReading
from intents.normalize import normalize

log = logging.getLogger(__name__)
HEADS = ("intent", "service", "aspect")
NONE = "-"
ALPHA = 0.1
MODEL_DIR = Path(__file__).resolve().parents[1] / "instance"
FORMAT = 2
# Log-likelihoods are stored in thousandths (int16): more precision than the model has.
SCALE = 1000


def artefact_path(version, directory: Path = MODEL_DIR) -> Path:
    """Where the model for one knowledge version lives."""
    return directory / f"nlu-model-v{FORMAT}-{version}.json.gz"


def features(text: str, normalised: bool = False) -> list[str]:
    """Character 1-3-grams of the normalised text, with edges marked (`normalised`: the
    text already went through intents.normalize, as the understander's does)."""
    t = "^" + (text if normalised else normalize(text)[0]).replace(" ", "") + "$"
    grams = [t[i:i + n] for n in (1, 2, 3) for i in range(len(t) - n + 1)]
    return [g for g in grams if g not in ("^", "$")]


class Model:
    """Per head: classes and log priors; per n-gram, every head's log P(n-gram | class)
    in one row (one dictionary lookup per n-gram at run time)."""

    def __init__(self, heads: dict[str, dict], rows: dict[str, tuple[float, ...]],
                 calibrator: Calibrator | None = None, meta: dict | None = None,
                 aspects: AspectModel | None = None) -> None:
        self.heads = heads  # head -> {"classes": [...], "prior": [...]}
        self._rows = rows
        self.calibrator = calibrator
        # The learned aspect reading (intents.aspects), on masked text; None in artefacts
        # built before it, whose aspect head is the naive Bayes one.
        self.aspects = aspects
        # The learned order-category reading (intents.categories); None before it was built.
        self.categories: CategoryReading | None = None
        self.meta = dict(meta or {})
        self._offsets, at = [], 0
        for head in HEADS:
            n = len(heads[head]["classes"])
            self._offsets.append((head, at, at + n))
            at += n

    @classmethod
    def train(cls, examples: list[tuple[str, dict]], min_count: int = 2,
              prepare: Callable[[str], str] | None = None) -> Model:
        """Multinomial naive Bayes per head from (text, labels) pairs; with `prepare` (a text
        as the understander reads it, item names masked: Understander.aspect_text) also the
        learned aspect reading, from the aspect-labelled pairs and the phrasings file."""
        grams = [features(text) for text, _ in examples]
        seen = Counter(g for gs in grams for g in gs)
        vocab = sorted(g for g, n in seen.items() if n >= min_count)
        known = set(vocab)
        heads, rows = {}, {g: [] for g in vocab}
        for head in HEADS:
            labelled = [(gs, labels[head] or NONE)
                        for gs, (_, labels) in zip(grams, examples, strict=True) if head in labels]
            classes = sorted({label for _, label in labelled})
            counts = {c: Counter() for c in classes}
            for gs, label in labelled:
                counts[label].update(g for g in gs if g in known)
            totals = {c: sum(counts[c].values()) + ALPHA * len(vocab) for c in classes}
            # Most n-grams were never seen with a class: each row starts at the classes'
            # floors, the same figure the formula gives for a count of 0, then the seen ones.
            floors = [math.log((0 + ALPHA) / totals[c]) for c in classes]
            head_rows = {g: list(floors) for g in vocab}
            for i, c in enumerate(classes):
                for g, n in counts[c].items():
                    head_rows[g][i] = math.log((n + ALPHA) / totals[c])
            for g in vocab:
                rows[g] += head_rows[g]
            priors = Counter(label for _, label in labelled)
            heads[head] = {"classes": classes,
                           "prior": [math.log(priors[c] / len(labelled)) for c in classes]}
        model = cls(heads, {g: tuple(row) for g, row in rows.items()})
        if prepare is not None:
            model.aspects = AspectModel.train(aspect_examples(examples, prepare))
        return model

    def save(self, path: Path) -> None:
        """Write the artefact atomically (workers may be reading the old one)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with gzip.open(tmp, "wt", encoding="utf-8") as handle:
            json.dump(self.as_dict(), handle, ensure_ascii=False)
        tmp.replace(path)

    def as_dict(self) -> dict:
        """The artefact's content: the n-gram rows as one int16 array (log-likelihoods in
        thousandths), base64, so loading is a decode rather than a parse of 300k numbers."""
        grams = sorted(self._rows)
        # A few distinct figures repeat across the rows (the floors): each is scaled once.
        scaled: dict[float, int] = {}
        for row in self._rows.values():
            for v in row:
                if v not in scaled:
                    scaled[v] = max(-32768, min(32767, round(v * SCALE)))
        packed = array.array("h", [scaled[v] for g in grams for v in self._rows[g]])
        if sys.byteorder != "little":
            packed.byteswap()
        return {"format": FORMAT, "heads": self.heads, "grams": grams,
                "rows": base64.b64encode(packed.tobytes()).decode("ascii"), "meta": self.meta,
                "calibration": self.calibrator.as_dict() if self.calibrator else None,
                "aspects": self.aspects.as_dict() if self.aspects else None,
                "categories": self.categories.as_dict() if self.categories else None}

    def to_bytes(self) -> bytes:
        """The artefact as gzipped JSON (what the database stores)."""
        return gzip.compress(json.dumps(self.as_dict(), ensure_ascii=False).encode(), 6)

    @classmethod
    def from_bytes(cls, blob: bytes) -> Model | None:
        """A stored artefact, or None (logged) when it cannot be read."""
        try:
            return cls._from_data(json.loads(gzip.decompress(blob)))
        except (OSError, EOFError, KeyError, ValueError, TypeError, AttributeError) as exc:
            log.warning("nlu model unreadable, rules only: %s", type(exc).__name__)
            return None

    @classmethod
    def _from_data(cls, data: dict) -> Model:
        if data.get("format") != FORMAT or set(data["heads"]) != set(HEADS):
            raise ValueError("format")
        width = sum(len(data["heads"][h]["classes"]) for h in HEADS)
        packed = array.array("h")
        packed.frombytes(base64.b64decode(data["rows"]))
        if sys.byteorder != "little":
            packed.byteswap()
        grams = data["grams"]
        if len(packed) != width * len(grams):
            raise ValueError("rows")
        # Most entries repeat (an n-gram a class never saw has that class's floor): one
        # float object per distinct value keeps the loaded model small.
        shared: dict[int, float] = {}
        values = [shared.setdefault(v, v / SCALE) for v in packed]
        rows = {g: tuple(values[i * width:(i + 1) * width]) for i, g in enumerate(grams)}
        calibration, aspects = data.get("calibration"), data.get("aspects")
        model = cls(data["heads"], rows,
                    Calibrator.from_dict(calibration) if calibration else None, data.get("meta"),
                    AspectModel.from_dict(aspects) if aspects else None)
        if data.get("categories"):
            model.categories = CategoryReading.from_dict(data["categories"])
        return model

    @classmethod
    def load(cls, path: Path) -> Model | None:
        """The stored model, or None when there is none or it cannot be read."""
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("nlu model unreadable, rules only: %s", type(exc).__name__)
            return None
        return cls.from_bytes(blob)

    def posterior(self, text: str, normalised: bool = False,
                  heads: tuple[str, ...] = HEADS) -> dict[str, dict[str | None, float]]:
        """Per head asked for, every label's probability (None for "no label"). The
        understander reads the aspect from the learned aspect reading instead, where the
        artefact has one (Understander.posterior), and asks for the other two heads only."""
        found = [row for row in map(self._rows.get, features(text, normalised)) if row is not None]
        offsets = [o for o in self._offsets if o[0] in heads]
        # Only the columns up to the last head asked for are summed (rows run intent, service, aspect).
        width = max(end for _, _, end in offsets)
        totals = [sum(col) for col in itertools.islice(zip(*found, strict=False), width)] if found else None
        # Naive Bayes over-counts overlapping n-grams; temper before normalising.
        scale = max(1.0, math.sqrt(len(found)))
        out = {}
        for head, start, end in offsets:
            h = self.heads[head]
            scores = h["prior"] if totals is None else \
                [a + b for a, b in zip(h["prior"], totals[start:end], strict=True)]
            top = max(scores)
            probs = [math.exp((s - top) / scale) for s in scores]
            total = sum(probs)
            out[head] = {(None if c == NONE else c): p / total
                         for c, p in zip(h["classes"], probs, strict=True)}
        return out

    def predict(self, text: str, normalised: bool = False) -> dict[str, tuple[str | None, float, float]]:
        """Per head: the label, its probability and the margin over the runner-up."""
        out = {}
        for head, dist in self.posterior(text, normalised).items():
            ranked = sorted(dist.items(), key=lambda kv: -kv[1])
            second = ranked[1][1] if len(ranked) > 1 else 0.0
            out[head] = (ranked[0][0], ranked[0][1], ranked[0][1] - second)
        return out


INTENT_PHRASINGS = Path(__file__).with_name("data") / "intent_phrasings.yaml"
# Items a request frame ({item}) is written for: those applied for or booked online.
REQUEST_MODES = ("apply", "appointment")


def intent_phrasings(snapshot, path: Path = INTENT_PHRASINGS) -> list[tuple[str, dict]]:
    """(text, labels) for the intent phrasings file: {item} frames once per requestable item."""
    import yaml

    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for intent, frames in data.items():
        for frame in frames or []:
            if "{item}" not in frame:
                out.append((frame, {"intent": intent, "service": None}))
                continue
            for code, guide in snapshot.guides.items():
                if guide.get("mode") in REQUEST_MODES and guide.get("short_name"):
                    out.append((frame.replace("{item}", guide["short_name"]),
                                {"intent": intent, "service": code}))
    return out


def training_examples(snapshot, labelled: list[dict]) -> list[tuple[str, dict]]:
    """Labelled messages, the intent phrasings, FAQ phrasings and the guides' own text, as
    (text, labels)."""
    examples = []
    for row in labelled:
        labels = {"intent": row.get("intent"), "service": row.get("service")}
        if row.get("intent") == "guide":
            labels["aspect"] = row.get("aspect")
        examples.append((row["text"], labels))
    examples += intent_phrasings(snapshot)
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


def aspect_examples(examples: list[tuple[str, dict]],
                    prepare: Callable[[str], str]) -> list[tuple[str, str]]:
    """(masked text, aspect) for the aspect reading: every example with an aspect label, as
    the understander reads it, and the phrasings file's frames."""
    out = [(prepare(text), labels["aspect"]) for text, labels in examples if labels.get("aspect")]
    return out + aspect_reading.phrasings()


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
