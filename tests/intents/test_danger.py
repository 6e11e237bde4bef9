"""Danger first: the cue lexicon reads danger in plain, voice, traditional and dialect forms."""
from pathlib import Path

import pytest
import yaml

from intents.danger import detect

CASES = yaml.safe_load((Path(__file__).parent / "danger_cases.yaml").read_text(encoding="utf-8"))


def test_the_set_is_large_and_covers_every_form_and_class():
    assert len(CASES["danger"]) >= 40 and len(CASES["not_danger"]) >= 20
    assert {form for _, form, _ in CASES["danger"]} == {"plain", "voice", "traditional", "dialect"}
    assert {kind for kind, _, _ in CASES["danger"]} == {
        "medical", "fire", "gas", "crime", "alone", "no_answer", "missing", "trapped", "self_harm", "fraud"}


@pytest.mark.parametrize("kind,form,text", CASES["danger"], ids=[c[2] for c in CASES["danger"]])
def test_danger_is_read_as_its_class(kind, form, text):
    assert kind in detect(text), (form, detect(text))


@pytest.mark.parametrize("text", CASES["not_danger"])
def test_look_alikes_are_not_danger(text):
    assert detect(text) == []


def test_self_harm_speaks_first_even_beside_a_policy_question():
    assert detect("低保申请不下来，我不想活了")[0] == "self_harm"
