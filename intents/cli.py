"""`flask nlu predict` and `flask nlu eval` (see shared/spec/nlu-contract.md)."""
from __future__ import annotations

import json
import sys
import time
from collections import Counter

import click
from flask import Blueprint

bp = Blueprint("nlu", __name__, cli_group="nlu")
FIELDS = ("intent", "service", "aspect", "category")


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
@click.option("--reliability", is_flag=True, help="Print confidence bins against accuracy.")
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
        wrong = [f for f in FIELDS if _applies(row, f) and got[f] != row.get(f)]
        for f in FIELDS:
            if _applies(row, f):
                applicable[f] += 1
                correct[f] += f not in wrong
        if wrong:
            missed.append((row, got, wrong))
        scored.append((got["confidence"], not wrong))
    _report(rows, correct, applicable, timings, missed, misses)
    if reliability:
        _reliability(scored)


BINS = (0.0, 0.5, 0.7, 0.85, 0.9, 1.01)


def _reliability(scored: list[tuple[float, bool]]) -> None:
    """Confidence bins: how often all labels were right at that reported confidence."""
    click.echo("confidence   messages  all labels right")
    for low, high in zip(BINS, BINS[1:], strict=False):
        hits = [ok for conf, ok in scored if low <= conf < high]
        if hits:
            click.echo(f"[{low:.2f}, {min(high, 1.0):.2f})  {len(hits):>8}  {sum(hits) / len(hits):.3f}")


def _applies(row: dict, field: str) -> bool:
    """intent always; the others where the label or the intent makes them apply."""
    if field == "intent":
        return True
    if field == "aspect":
        return row.get("intent") == "guide"
    if field == "category":
        return row.get("intent") == "order"
    return row.get("intent") in ("guide", "apply", "volunteer") or row.get("service") is not None


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


DEFAULT_TRAINING = ("../shared/eval/dev.jsonl", "../../shared/eval/dev.jsonl", "tests/data/heldout.jsonl")


@bp.cli.command("train")
@click.option("--labelled", "labelled", multiple=True, type=click.Path(dir_okay=False),
              help="Labelled JSON Lines files to learn from (default: the development sets).")
@click.option("--version", default="files", help="Knowledge version the artefact is for.")
def train_command(labelled: tuple[str, ...], version: str) -> None:
    """Train the learned reading and store it as the artefact for a knowledge version."""
    from intents.model import Model, artefact_path, by_source, training_examples
    from knowledge.snapshot import from_files

    rows = []
    for path in labelled or DEFAULT_TRAINING:
        try:
            with open(path, encoding="utf-8") as handle:
                rows += [json.loads(line) for line in handle if line.strip()]
        except OSError:
            click.echo(f"skipped {path}: not readable")
    examples = training_examples(from_files(), rows)
    target = artefact_path(version)
    Model.train(examples).save(target)
    click.echo(f"trained on {len(examples)} examples {by_source(examples)} -> {target}")
