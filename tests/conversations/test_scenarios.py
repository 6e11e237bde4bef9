"""Scripted conversations as data: every *.yaml in tests/conversations_data/, played through /api/chat."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot import convo

DATA = Path(__file__).resolve().parent.parent / "conversations_data"
SCENARIOS = convo.load([DATA])


def test_scenario_files_are_well_formed():
    ids = [s.get("id") for s in SCENARIOS]
    assert len(ids) == len(set(ids)) and all(ids), "every scenario needs its own id"
    for s in SCENARIOS:
        assert s.get("turns"), s["id"]
        for turn in s["turns"]:
            assert set(turn) <= {"send", "expect"} and turn.get("send"), s["id"]
            assert set(turn["send"]) & {"text", "event", "location"}, s["id"]
            assert set(turn.get("expect") or {}) <= set(convo.CHECKS), s["id"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.get("id") for s in SCENARIOS])
def test_conversation(seeded, client, scenario):
    outcome = convo.play(client, scenario)
    assert outcome.passed, f"{outcome.id} {outcome.title}\n" + "\n".join(outcome.failures)


def test_checks_can_fail():
    reply = "好的，已取消【高龄津贴】"
    assert convo.check({"contains_any": ["暂停", "继续"]}, reply)
    assert convo.check({"contains_all": ["已取消", "继续"]}, reply)
    assert convo.check({"not_contains": ["高龄津贴"]}, reply)
    assert convo.check({"regex": r"^\d"}, reply)
    assert convo.check({"contains_al": ["x"]}, reply)  # a misspelt check is reported, not ignored
    assert not convo.check({"contains_any": ["取消"], "regex": "【.+】"}, reply)


def test_cli_prints_pass_fail_and_rate(tmp_path):
    from click.testing import CliRunner

    from core import create_app

    path = tmp_path / "two.yaml"
    path.write_text(
        "- {id: ok, title: 问好, user: 甲, tags: [], turns: [{send: {text: 你好}, expect: {contains_any: [民政通]}}]}\n"
        "- {id: bad, title: 故意失败, user: 乙, tags: [],"
        " turns: [{send: {text: 你好}, expect: {contains_all: [不会出现的字]}}]}\n",
        encoding="utf-8")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'unused.db'}",
                      "REDIS_URL": None, "SECRET_KEY": "test"})
    result = CliRunner().invoke(app.cli, ["convo", "run", str(path)], catch_exceptions=False)
    assert "PASS  ok" in result.output and "FAIL  bad" in result.output
    assert "passed 1/2 (50.0%)" in result.output
