"""Scripted conversations as data: load YAML scenarios, play them through /api/chat, check replies.

A scenario file is a YAML list of
`{id, title, user, tags, turns: [{send: {text} | {event, key} | {location}, expect: {...}}]}`;
`expect` may hold `contains_any`, `contains_all`, `not_contains` (lists of strings)
and `regex` (a pattern searched in the turn's replies joined by newlines).
`flask convo run FILE.yaml` plays them on a scratch copy of the app and prints the pass rate.
"""
from __future__ import annotations

import logging
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import click
import yaml
from flask import Blueprint

bp = Blueprint("convo_cli", __name__, cli_group="convo")
CHECKS = ("contains_any", "contains_all", "not_contains", "regex")


@dataclass
class Outcome:
    """How one scenario went: which turns failed and why."""

    id: str
    title: str
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def load(paths) -> list[dict]:
    """Every scenario in the given files (or every *.yaml in given folders), in order."""
    scenarios = []
    for path in map(Path, paths):
        files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
        for one in files:
            data = yaml.safe_load(one.read_text(encoding="utf-8")) or []
            if not isinstance(data, list):
                raise TypeError(f"{one}: a scenario file is a YAML list")
            scenarios.extend(data)
    return scenarios


def body(user: str, send: dict) -> dict:
    """The /api/chat request body for one turn's `send`."""
    if "text" in send:
        return {"user": user, "text": str(send["text"])}
    if "location" in send:
        return {"user": user, "location": send["location"]}
    return {"user": user, "event": send.get("event"), "key": send.get("key", "")}


def check(expect: dict | None, reply: str) -> list[str]:
    """What in the reply contradicts the turn's expectations (empty when all hold)."""
    expect = expect or {}
    problems = []
    unknown = set(expect) - set(CHECKS)
    if unknown:
        problems.append(f"unknown checks {sorted(unknown)}")
    wanted = [str(s) for s in expect.get("contains_any") or []]
    if wanted and not any(s in reply for s in wanted):
        problems.append(f"none of {wanted}")
    problems += [f"missing {s!r}" for s in map(str, expect.get("contains_all") or []) if s not in reply]
    problems += [f"unwanted {s!r}" for s in map(str, expect.get("not_contains") or []) if s in reply]
    pattern = expect.get("regex")
    if pattern and not re.search(str(pattern), reply):
        problems.append(f"no match for /{pattern}/")
    return problems


def play(client, scenario: dict) -> Outcome:
    """Send each turn through the chat API as the scenario's resident and check the replies."""
    outcome = Outcome(str(scenario.get("id", "?")), str(scenario.get("title", "")))
    user = str(scenario.get("user") or "居民A")
    for n, turn in enumerate(scenario.get("turns") or [], 1):
        response = client.post("/api/chat", json=body(user, turn.get("send") or {}))
        if response.status_code != 200:
            outcome.failures.append(f"turn {n}: HTTP {response.status_code}")
            continue
        reply = "\n".join(response.get_json()["replies"])
        outcome.failures += [f"turn {n}: {p}\n    reply: {reply[:300]!r}"
                             for p in check(turn.get("expect"), reply)]
    return outcome


class Scratch:
    """A throwaway app (SQLite file, in-process state, sample data) reset before each scenario."""

    def __init__(self) -> None:
        from core import create_app

        self.dir = Path(tempfile.mkdtemp(prefix="mzt-convo-"))
        self.db, self.template = self.dir / "convo.db", self.dir / "seeded.db"
        self.app = create_app({
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{self.db}", "REDIS_URL": None,
            "TESTING": True, "SIMULATOR_ENABLED": True, "RATELIMIT_ENABLED": False,
            "LOG_LEVEL": "WARNING", "MESSAGE_LOG_FLUSH_SECONDS": 0, "KNOWLEDGE_CHECK_SECONDS": 0,
            "SECRET_KEY": "convo-scratch"})
        with self.app.app_context():
            from core.extensions import db

            db.create_all()
            for _, seeder in sorted(self.app.extensions["mzt.seeders"], key=lambda s: s[0]):
                seeder()
            db.session.commit()
            db.session.remove()
            db.engine.dispose()
        shutil.copyfile(self.db, self.template)

    def run(self, scenario: dict) -> Outcome:
        """Play one scenario from the seeded state, nobody's earlier turns remembered."""
        from core import store
        from core.extensions import db
        from knowledge import live

        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()
            shutil.copyfile(self.template, self.db)
            self.app.extensions["mzt.store"] = store.MemoryStore()
            live.forget()
            try:
                return play(self.app.test_client(), scenario)
            finally:
                db.session.remove()

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


@bp.cli.command("run")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--verbose", "-v", is_flag=True, help="Print why each failed scenario failed.")
def run_command(files: tuple[str, ...], verbose: bool) -> None:
    """Play scripted conversations; print pass/fail per scenario and the pass rate."""
    scenarios = load(files)
    # One log line per message would bury the results.
    logging.getLogger().setLevel(logging.WARNING)
    scratch = Scratch()
    passed = 0
    try:
        for scenario in scenarios:
            outcome = scratch.run(scenario)
            passed += outcome.passed
            click.echo(f"{'PASS' if outcome.passed else 'FAIL'}  {outcome.id}  {outcome.title}")
            if verbose and not outcome.passed:
                click.echo("\n".join("    " + f for f in outcome.failures))
    finally:
        scratch.close()
    total = len(scenarios)
    click.echo(f"passed {passed}/{total} ({passed / total:.1%})" if total else "no scenarios")
