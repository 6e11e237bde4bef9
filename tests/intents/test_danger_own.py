"""Danger first, measured on a set written from residents' ways of saying it.

tests/intents/data/danger_own.jsonl: danger messages (plain, panicky, voice text,
typos, traditional, pinyin, dialect, indirect, inside a long story) each with the
kind expected and the number the first line must carry, and near-misses (the past
told for a benefit, 殡葬 after a death, exaggeration idioms, 消防证, 燃气费) that
must not get an emergency line.
"""
import json
from collections import Counter
from pathlib import Path

from handlers import texts
from intents.danger import read

ROWS = [json.loads(line) for line in
        (Path(__file__).parent / "data" / "danger_own.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()]
DANGER = [r for r in ROWS if r["classes"]]
NEAR = [r for r in ROWS if not r["classes"]]


def first_line(classes: tuple[str, ...]) -> str:
    """What the reply's first line says for the most urgent class read (as handlers.danger)."""
    return texts.DANGER_FIRST[classes[0]].format(gas=texts.DANGER_GAS_DEFAULT) if classes else ""


def test_the_set_is_large_and_covers_every_kind():
    assert len(DANGER) >= 220 and len(NEAR) >= 60
    assert set(Counter(r["classes"][0] for r in DANGER)) == {
        "medical", "crime", "missing", "fire", "gas", "selfharm"}


def test_danger_is_read_with_the_right_number_first():
    missed = [r["text"] for r in DANGER if r["number"] not in first_line(read(r["text"]).classes)]
    recall = 1 - len(missed) / len(DANGER)
    assert recall >= 0.98, missed


def test_near_misses_rarely_get_an_emergency_line():
    # A scam going on now may get its own 110 line (class fraud), never an emergency's.
    alarms = [r["text"] for r in NEAR if set(read(r["text"]).classes) - {"fraud"}]
    assert len(alarms) <= 3, alarms
