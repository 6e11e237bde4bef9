"""`flask nlu predict` and `flask nlu eval` (see shared/spec/nlu-contract.md)."""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

import click
from flask import Blueprint, current_app

from intents import calibration
from intents.training import (FIELDS, applies, default_labelled, read_labelled, report_lines,
                              train, wrong_fields)

bp = Blueprint("nlu", __name__, cli_group="nlu")
ROOT = Path(__file__).resolve().parents[1]


def _understander():
    from intents.understand import Understander
    from knowledge.snapshot import from_files

    return Understander(from_files())


def predict_line(understander, line: str) -> dict:
    """One output record for one input line; errors are reported, never raised."""
    try:
        item = json.loads(line)
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise ValueError("each line needs a JSON object with a string \"text\"")
        context = item.get("context") or []
        if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
            raise ValueError("\"context\" must be a list of strings")
    except ValueError as exc:
        return {"id": None, "intent": None, "service": None, "aspect": None,
                "category": None, "confidence": 0.0, "error": str(exc)}
    result = understander.understand(item["text"], context=context).labels()
    return {"id": item.get("id"), **result}


@bp.cli.command("predict")
def predict_command() -> None:
    """Read JSON Lines on stdin, write one prediction per line on stdout."""
    understander = _understander()
    for line in sys.stdin:
        if not line.strip():
            continue
        sys.stdout.write(json.dumps(predict_line(understander, line), ensure_ascii=False) + "\n")
        sys.stdout.flush()


@bp.cli.command("eval")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--misses", default=40, help="How many misses to list.")
@click.option("--reliability", is_flag=True,
              help="Print confidence bins against accuracy, and the calibration's folds table.")
def eval_command(path: str, misses: int, reliability: bool) -> None:
    """Score a labelled JSON Lines file: accuracy per field, misses, timing."""
    understander = _understander()
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    correct, applicable, timings, missed, scored = Counter(), Counter(), [], [], []
    for row in rows:
        started = time.perf_counter()
        got = understander.understand(row["text"], context=row.get("context") or []).labels()
        timings.append((time.perf_counter() - started) * 1000)
        wrong = wrong_fields(row, got)
        for f in FIELDS:
            if applies(row, f):
                applicable[f] += 1
                correct[f] += f not in wrong
        if wrong:
            missed.append((row, got, wrong))
        scored.append((got["confidence"], not wrong))
    _report(rows, correct, applicable, timings, missed, misses)
    if reliability:
        _reliability(scored, understander.model)


def _reliability(scored: list[tuple[float, bool]], model) -> None:
    """Confidence bins on this file, then the calibration's own table on its held-out folds."""
    click.echo("confidence   messages  all labels right   (this file, as reported)")
    for low, high, n, share in calibration.reliability(scored):
        click.echo(f"[{low:.2f}, {high:.2f})  {n:>8}  {share:.3f}")
    calibrator = model.calibrator if model is not None else None
    if calibrator is None:
        click.echo("no calibration (no model artefact): the figures are the rules' own")
        return
    answered = [ok for p, ok in scored if p >= calibrator.answer]
    click.echo(f"answered (≥ {calibrator.answer:.2f}): {len(answered)}, wrong "
               f"{len(answered) - sum(answered)}; asked back or not learned: "
               f"{len(scored) - len(answered)}")
    report = model.meta.get("report")
    if report:
        for line in report_lines(report):
            click.echo(line)


def _report(rows, correct, applicable, timings, missed, limit) -> None:
    click.echo(f"messages: {len(rows)}")
    for f in FIELDS:
        if applicable[f]:
            click.echo(f"{f:<9} accuracy {correct[f] / applicable[f]:.3f}  ({correct[f]}/{applicable[f]})")
    oos = [r for r in rows if r.get("intent") == "out_of_scope"]
    leaked = [r for r, got, _ in missed if r.get("intent") == "out_of_scope" and got["service"]]
    click.echo(f"out_of_scope answered as a service: {len(leaked)}/{len(oos)}")
    # The two headline figures: every label right, and real questions lost as out of scope.
    dropped = [r for r, got, _ in missed
               if r.get("intent") != "out_of_scope" and got["intent"] == "out_of_scope"]
    click.echo(f"all labels right: {len(rows) - len(missed)}/{len(rows)}"
               f" ({(len(rows) - len(missed)) / max(len(rows), 1):.3f})")
    click.echo(f"real questions dropped as out_of_scope: {len(dropped)}/{len(rows) - len(oos)}")
    timings.sort()
    if timings:
        p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
        click.echo(f"time per message: median {timings[len(timings) // 2]:.3f} ms, p99 {p99:.3f} ms")
    click.echo(f"misses: {len(missed)}")
    for row, got, wrong in missed[:limit]:
        expected = {f: row.get(f) for f in wrong}
        actual = {f: got[f] for f in wrong}
        click.echo(f"  {row.get('id')} {row['text']!r} ctx={row.get('context') or []} expected {expected} got {actual}")


@bp.cli.command("train")
@click.option("--labelled", "labelled", multiple=True, type=click.Path(dir_okay=False),
              help="Labelled JSON Lines files to learn from (default: the development sets).")
@click.option("--version", default="files", help="Knowledge version the artefact is for.")
def train_command(labelled: tuple[str, ...], version: str) -> None:
    """Train the learned reading, calibrate it on held-out folds, store the artefact."""
    from intents.categories import categories_line
    from intents.model import artefact_path, by_source, training_examples
    from intents.understand import Understander
    from knowledge.snapshot import from_files

    rows, skipped = read_labelled(labelled or default_labelled(ROOT))
    for path in skipped:
        click.echo(f"skipped {path}: not readable")
    snapshot = from_files()
    model, report = train(snapshot, Understander(snapshot), rows)
    target = artefact_path(version)
    model.save(target)
    click.echo(f"trained on {by_source(training_examples(snapshot, rows))} -> {target}")
    for line in report_lines(report):
        click.echo(line)
    if model.categories is not None:
        click.echo(categories_line(model.categories))
    # The learned danger reading beside the lexicon: its own artefact, from the danger sets
    # and the development messages (intents.danger_model).
    from intents import danger_model
    from intents.danger import train_learned

    found = train_learned()
    click.echo(f"danger reading: {found['positives']} danger / {found['negatives']} other messages, "
               f"threshold {found['threshold']}, out-of-fold recall {found['oof_recall_at_threshold']} "
               f"-> {danger_model.ARTEFACT.name}")
    # The live bot (bot.learning) builds its own from the database's knowledge, if any.
    publish = current_app.extensions.get("mzt.nlu.publish")
    if publish is not None:
        click.echo(publish(model))
