"""The learned danger reading beside the lexicon (intents.danger_model).

Phrasings here are written for these tests: unseen-wording classes (signs described
rather than named, dialect, fillers), look-alikes that must stay quiet, and the frames
the learned reading must respect. Thresholds are what the reading reached.
"""
from __future__ import annotations

import time

import pytest

from intents import danger, danger_model

# Danger told in words no cue names: signs seen or heard, dialect, a story.
UNSEEN = [
    ("我家老头子坐在椅子上，脑袋一耷拉，口水直流，喊他光哼哼", "120"),
    ("闺女把一板退烧药当糖嚼了，现在蔫蔫的", "120"),
    ("楼上往下一直掉火星子，还有股烧塑料的味", "119"),
    ("厨房那个罐子嘶嘶往外跑气，一屋子怪味", "燃气"),
    ("有个男的从我家后窗往里钻", "110"),
    ("我这把老骨头拖累儿女，想吃一瓶药睡过去算了", "12356"),
]
# Look-alikes: services, idioms, past events, questions.
QUIET = [
    "燃气公司营业厅几点上班",
    "急得我团团转，补贴到底哪天发",
    "去年老伴摔了一跤住院，护理费能报吗",
    "我想约个师傅上门换灯泡",
    "社区食堂的饭香死了",
    "有没有防火知识讲座",
    "老人家里装个一键呼叫要多少钱",
]
NUMBER_OF = {"medical": "120", "crime": "110", "fraud": "110", "missing": "110", "alone": "110",
             "no_answer": "110", "fire": "119", "trapped": "119", "gas": "燃气", "self_harm": "12356"}


@pytest.fixture(scope="module")
def reading():
    found = danger_model.model()
    assert found is not None, "intents/data/danger_model.json missing: run `flask nlu train`"
    return found


def test_the_artefact_is_trained_on_the_current_data(reading):
    import json

    positives, negatives = danger_model.training_rows()
    stored = json.loads(danger_model.ARTEFACT.read_text(encoding="utf-8"))
    assert stored["fingerprint"] == danger_model.fingerprint(positives, negatives), \
        "the danger sets, development sets or lexicon changed: run `flask nlu train`"
    # Out-of-fold recall the training reported, at the threshold it chose.
    assert stored["report"]["oof_recall_at_threshold"] >= 0.75


def test_unseen_wording_reads_as_danger_with_its_number():
    lex = danger.lexicon()
    got = [(t, n, danger._read(t, lex).classes) for t, n in UNSEEN]
    right = [t for t, n, c in got if c and NUMBER_OF.get(c[0]) == n]
    assert len(right) >= 3, got
    # The learned reading, not the lexicon, finds these: none is read by a cue.
    learned = [t for t in right if not danger._read_lexicon_only(t, lex)]
    assert len(learned) >= 3, got


def test_look_alikes_stay_quiet():
    assert [t for t in QUIET if danger.detect(t)] == []


def test_no_new_false_alarm_on_the_development_messages(reading):
    # Every non-danger development message (the learned reading's negatives): the learned
    # reading adds no alarm the lexicon did not already raise. Where it would fire outside
    # the frames, the lexicon must have read the message already.
    lex = danger.lexicon()
    _, negatives = danger_model.training_rows()
    fired = [t for t in negatives
             if (p := danger.prepare(t)) and danger.reaches_model(p, lex) and reading.read(p)]
    new = [t for t in fired if not danger._read_lexicon_only(t, lex)]
    assert new == []


def test_the_frames_hold_for_the_learned_reading(reading):
    lex = danger.lexicon()
    for text in ("三年前家里老人半夜突然叫不答应，后来走了，现在遗属补助怎么领",
                 "老人突发疾病送医的费用能申请临时救助吗"):
        assert not danger._read(text, lex).classes, text


def test_without_a_weak_sign_nothing_is_raised(reading):
    # Confidence alone is not enough: a text without a person, body word, hazard or now-word.
    assert reading.read(danger.prepare("好的谢谢")) is None
    assert reading.read("") is None


def test_cost_per_message_is_well_under_a_millisecond(reading):
    texts = [danger.prepare(t) for t, _ in UNSEEN] + [danger.prepare(t) for t in QUIET]
    start = time.perf_counter()
    for _ in range(50):
        for t in texts:
            reading.read(t)
    per = (time.perf_counter() - start) / (50 * len(texts))
    assert per < 1e-3, per
