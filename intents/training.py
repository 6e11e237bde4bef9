"""Training the learned reading and calibrating the confidence, by cross-validation.

The labelled messages are cut into folds. For each fold a model is trained on
the other folds (plus the knowledge's own text) and the fold is read by the
rules beside that model: the reading, the model's posterior, and whether all
labels came out right. A logistic regression fitted on those held-out
readings is the calibration; the reliability table and the share of wrong
answers above the answer threshold are measured one level further out (the
calibration of each fold fitted on the other folds' readings), so no figure
is scored on what it was fitted to. The rules themselves were written
against these messages: the figures say how the model and the calibration
generalise, not the rules.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from intents import calibration, categories
from intents.model import Model, training_examples
from intents.decision import combined_action, rules_action

FIELDS = ("intent", "service", "aspect", "category")
FOLDS = 5


def applies(row: dict, field: str) -> bool:
    """intent always; the others where the label or the intent makes them apply."""
    if field == "intent":
        return True
    if field == "aspect":
        return row.get("intent") == "guide"
    if field == "category":
        return row.get("intent") == "order"
    return row.get("intent") in ("guide", "apply", "volunteer") or row.get("service") is not None


def wrong_fields(row: dict, got: dict) -> list[str]:
    """The applicable labels the reading got wrong."""
    return [f for f in FIELDS if applies(row, f) and got.get(f) != row.get(f)]


def read_labelled(paths) -> tuple[list[dict], list[str]]:
    """Rows of the readable labelled files, and the paths that could not be read."""
    rows, skipped = [], []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as handle:
                rows += [json.loads(line) for line in handle if line.strip()]
        except OSError:
            skipped.append(str(path))
    return rows, skipped


def fold_of(row: dict, folds: int = FOLDS) -> int:
    """A stable fold per message text (the same text in two files lands in one fold)."""
    return hashlib.sha1(row["text"].encode()).digest()[0] % folds


@dataclass
class Held:
    """One labelled message read with a model that never saw it."""

    row: dict
    fold: int
    features: list[float]
    right: bool
    labels: dict
    rule_confidence: float
    # What the bot does with the reading before calibration (intents.understand).
    rules_action: str = "answer"
    acting: bool = False


def held_out_readings(understander, snapshot, rows: list[dict], folds: int = FOLDS) -> list[Held]:
    """Every row read by the rules beside a model trained without its fold."""
    out = []
    prepare = memoised(understander.aspect_text)
    for k in range(folds):
        train = [r for r in rows if fold_of(r, folds) != k]
        understander.model = Model.train(training_examples(snapshot, train), prepare=prepare)
        for row in rows:
            if fold_of(row, folds) != k:
                continue
            context = list(row.get("context") or [])
            prior = understander._prior_from(context)
            u, t = understander.reading(row["text"], prior=prior)
            u.rule_confidence = u.confidence
            posterior = understander.posterior(t) if t else _empty_posterior()
            x = calibration.evidence(u, posterior, t, bool(prior))
            labels = u.labels()
            out.append(Held(row, k, x, not wrong_fields(row, labels), labels, u.confidence,
                            rules_action(u), u.intent in calibration.ACTING))
    return out


def memoised(prepare):
    """One preparation per text across the folds (the same FAQ phrasings are in every fold)."""
    done: dict[str, str] = {}

    def prepared(text: str) -> str:
        if text not in done:
            done[text] = prepare(text)
        return done[text]

    return prepared


def _empty_posterior() -> dict:
    return {"intent": {}, "service": {}, "aspect": {}}


def nested_scores(held: list[Held], folds: int = FOLDS) -> list[float]:
    """Each reading's calibrated probability from a calibration fitted on the other folds."""
    scores = [0.0] * len(held)
    for k in range(folds):
        fitted = calibration.fit([(h.features, h.right) for h in held if h.fold != k])
        cal = calibration.Calibrator(fitted, 0.0, 0.0)
        for i, h in enumerate(held):
            if h.fold == k:
                scores[i] = cal.probability(h.features)
    return scores


def train(snapshot, understander, rows: list[dict], folds: int = FOLDS) -> tuple[Model, dict]:
    """The model on all rows with a calibration from held-out folds, and the report."""
    held = held_out_readings(understander, snapshot, rows, folds)
    scores = nested_scores(held, folds)
    scored = list(zip(scores, [h.right for h in held], strict=True))
    answer, ask = calibration.choose_thresholds(scored)
    weights = calibration.fit([(h.features, h.right) for h in held])
    model = Model.train(training_examples(snapshot, rows), prepare=memoised(understander.aspect_text))
    model.calibrator = calibration.Calibrator(weights, answer, ask)
    model.categories = categories.train(snapshot, understander, rows)
    report = summary(held, scores, answer, ask)
    model.meta = {"labelled": len(rows), "folds": folds, "report": report}
    return model, report


def summary(held: list[Held], scores: list[float], answer: float, ask: float) -> dict:
    """Reliability, actions and wrong answers above the answer threshold, on held-out folds."""
    scored = list(zip(scores, [h.right for h in held], strict=True))
    raw = [(h.rule_confidence, h.right) for h in held]
    answered = [ok for p, ok in scored if p >= answer]
    asked = [ok for p, ok in scored if ask <= p < answer]
    unsure = [ok for p, ok in scored if p < ask]
    # What the bot does: acting readings are acted on, and the rules' own doubts hold.
    cal = calibration.Calibrator([0.0] * len(calibration.FEATURES), answer, ask)
    acts = [("answer" if h.acting else combined_action(cal.action(p), h.rules_action), h.right)
            for h, p in zip(held, scores, strict=True)]
    bot = {a: [ok for act, ok in acts if act == a] for a in ("answer", "ask", "unsure")}
    before = [("answer" if h.acting else h.rules_action, h.right) for h in held]
    rules_bot = {a: [ok for act, ok in before if act == a] for a in ("answer", "ask", "unsure")}
    return {
        "messages": len(held), "right": sum(h.right for h in held),
        "answer": answer, "ask": ask,
        "reliability": calibration.reliability(scored),
        "rules_reliability": calibration.reliability(raw),
        "answered": len(answered), "answered_wrong": len(answered) - sum(answered),
        "asked": len(asked), "asked_wrong": len(asked) - sum(asked),
        "unsure": len(unsure), "unsure_wrong": len(unsure) - sum(unsure),
        "bot": {a: [len(oks), len(oks) - sum(oks)] for a, oks in bot.items()},
        "rules_bot": {a: [len(oks), len(oks) - sum(oks)] for a, oks in rules_bot.items()},
        "rules_wrong_at_0.9": sum(1 for p, ok in raw if p >= 0.9 and not ok),
        "rules_at_0.9": sum(1 for p, _ in raw if p >= 0.9),
    }


def report_lines(report: dict) -> list[str]:
    """The report as the lines `flask nlu train` and `nlu eval --reliability` print."""
    lines = [f"held-out folds: {report['messages']} messages, all labels right "
             f"{report['right']}/{report['messages']}",
             "confidence   messages  all labels right   (calibrated, each fold by the others)"]
    lines += [f"[{lo:.2f}, {hi:.2f})  {n:>8}  {acc:.3f}" for lo, hi, n, acc in report["reliability"]]
    lines.append("rules' own figures, same readings:")
    lines += [f"[{lo:.2f}, {hi:.2f})  {n:>8}  {acc:.3f}" for lo, hi, n, acc in report["rules_reliability"]]
    answered = report["answered"]
    lines.append(f"answer ≥ {report['answer']:.2f}: {answered} answered, {report['answered_wrong']} wrong "
                 f"({report['answered_wrong'] / max(answered, 1):.1%})")
    lines.append(f"ask back {report['ask']:.2f}–{report['answer']:.2f}: {report['asked']} "
                 f"({report['asked_wrong']} of them wrong readings)")
    lines.append(f"not learned < {report['ask']:.2f}: {report['unsure']} "
                 f"({report['unsure_wrong']} of them wrong readings)")
    lines.append(f"rules alone at ≥ 0.9: {report['rules_at_0.9']} answered, "
                 f"{report['rules_wrong_at_0.9']} wrong")
    for key, label in (("bot", "the bot now"), ("rules_bot", "the bot on the rules' figures")):
        if report.get(key):
            lines.append(f"{label}: " + ", ".join(f"{a} {n} ({wrong} wrong)"
                                                  for a, (n, wrong) in report[key].items()))
    return lines


def default_labelled(root: Path) -> list[Path]:
    """The development sets shipped with the code (and the shared one beside it)."""
    # The bureau's set beside the checkout, else the copy shipped with the code (a clone
    # elsewhere, CI's included, must train the same model).
    shared = [p for p in (root.parent / "shared" / "eval" / "dev.jsonl",
                          root.parent.parent / "shared" / "eval" / "dev.jsonl",
                          root / "tests" / "data" / "shared-dev.jsonl") if p.exists()]
    # Frozen set 2 is a development set now (written by someone who never read the code, so
    # the most varied wording there is); frozen set 1 stays held out and is never read here.
    return shared[:1] + [root / "tests" / "data" / "heldout.jsonl",
            root / "tests" / "data" / "own_dev.jsonl",
            root / "bench" / "data" / "unseen.jsonl",
            root / "tests" / "data" / "frozen" / "nlu-heldout-2.jsonl"]
