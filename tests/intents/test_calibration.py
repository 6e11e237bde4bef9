"""Calibrated confidence: rule evidence and the model's posterior as one probability."""
import json
import math
import random
from pathlib import Path

from intents import calibration
from intents.calibration import Calibrator
from intents.model import Model, training_examples
from intents.understand import Understander
from knowledge.snapshot import from_files

DATA = Path(__file__).resolve().parents[1] / "data"


def test_logistic_fit_recovers_a_known_relationship():
    rng = random.Random(7)
    rows = []
    for _ in range(3000):
        z = rng.uniform(-3, 3)
        rows.append(([1.0, z], rng.random() < 1 / (1 + math.exp(-(2 * z - 1)))))
    bias, slope = calibration.fit(rows, l2=0.01)
    assert abs(slope - 2) < 0.3 and abs(bias + 1) < 0.3


def test_thresholds_decide_answer_ask_and_unsure():
    cal = Calibrator([0.0] * len(calibration.FEATURES), answer=0.8, ask=0.35)
    assert [cal.action(p) for p in (0.95, 0.8, 0.5, 0.2)] == ["answer", "answer", "ask", "unsure"]
    assert Calibrator.from_dict(cal.as_dict()).answer == 0.8


def test_confidence_is_not_a_constant_per_rule(calibrated):
    understander, _ = calibrated
    rows = [json.loads(line) for line in (DATA / "heldout.jsonl").read_text("utf-8").splitlines()]
    same_rule = [understander.understand(r["text"], context=r.get("context") or []) for r in rows]
    same_rule = [u for u in same_rule if u.intent == "guide" and u.rule_confidence == 0.9]
    assert len(same_rule) > 50
    assert len({u.confidence for u in same_rule}) > 20
    assert all(0.0 < u.confidence < 1.0 for u in same_rule)


def test_held_out_folds_say_how_often_an_answer_is_wrong(calibrated):
    _, report = calibrated
    assert report["messages"] > 800
    assert 0.6 <= report["ask"] < report["answer"] <= 0.9 or report["ask"] < report["answer"]
    # Answers above the threshold are wrong at most 3% of the time on the folds ...
    assert report["answered_wrong"] <= 0.03 * report["answered"]
    # ... and the top bin is right as often as its figure says.
    low, _, count, share = report["reliability"][-1]
    assert low >= 0.95 and count > 500 and share >= 0.95


def _forced(bias: float) -> Understander:
    """Rules beside a model whose calibration says `bias` for every reading."""
    understander = Understander(from_files())
    model = Model.train(training_examples(from_files(), []))
    weights = [bias] + [0.0] * (len(calibration.FEATURES) - 1)
    model.calibrator = Calibrator(weights, answer=0.75, ask=0.35)
    understander.model = model
    return understander


def test_an_unsure_question_asks_back_with_the_models_items():
    u = _forced(0.0).understand("高龄津贴每个月发多少")  # p = 0.5: between the thresholds
    assert (u.service, u.confidence, u.action) == ("MZ07", 0.5, "ask")
    # The model is sure of the item, so the choices are what may be asked of it.
    choices = [(c["service"], c["aspect"]) for c in u.candidates]
    assert choices[0] == ("MZ07", u.aspect) and len(choices) >= 2
    assert len(set(choices)) == len(choices) and {code for code, _ in choices} == {"MZ07"}


def test_a_reading_below_the_ask_floor_is_not_learned_yet():
    u = _forced(-4.0).understand("高龄津贴每个月发多少")
    assert u.action == "unsure" and u.confidence < 0.35
    assert u.service == "MZ07"  # the labels stay the best reading; only the reply changes


def test_acting_readings_are_acted_on_whatever_the_figure():
    u = _forced(-4.0).understand("转人工")
    assert (u.intent, u.action) == ("human", "answer")


def test_without_a_calibration_the_rules_figures_stand(understander):
    u = understander.understand("高龄津贴每个月发多少")
    assert u.confidence == u.rule_confidence == 0.9 and u.action == "answer"


def test_a_message_no_rule_reads_is_asked_back_when_the_model_takes_it_for_a_question(calibrated):
    understander, _ = calibrated
    u = understander.understand("俺娘快九十了，政府每月给的那个钱咋领")
    # Since oos26 an age of 80+ is read as 高龄 and an item-shaped question asked back is read
    # as its first choice (never "not ours" while our items are offered): a question about MZ07.
    assert (u.intent, u.service, u.action) == ("guide", "MZ07", "ask")
    assert u.candidates[0]["service"] == "MZ07"
    # Chatter the model does not take for a question is still not learned, never "not ours".
    assert understander.understand("帮我写个请假条").action == "unsure"


def test_the_rules_ask_back_about_a_group_of_items_survives_calibration(calibrated):
    understander, _ = calibrated
    u = understander.understand("老人有什么补贴")
    assert u.action == "ask" and len(u.candidates) >= 3


def test_two_aspects_about_as_likely_are_asked_back_below_the_answer_threshold(calibrated):
    understander, _ = calibrated
    # "能补" cues whether one may get it, "几千" how much: the item is sure, the aspect is not.
    u = understander.understand("家里困难，支出型贫困救助能补几千")
    assert (u.intent, u.service, u.action) == ("guide", "MZ05", "ask")
    assert {c["aspect"] for c in u.candidates} == {"conditions", "standard"}
    assert u.confidence < understander.model.calibrator.answer  # the figure says what the bot does
    # One aspect cued and read alike is answered as before.
    assert understander.understand("支出型贫困救助能补助多少").action == "answer"
