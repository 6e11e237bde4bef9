"""A message's text is understood once for each way it is read (bot.understanding.one_message)."""
from __future__ import annotations

from types import SimpleNamespace

from bot import understanding
from intents.understand import Understander


def _count_readings(monkeypatch) -> list[tuple]:
    calls: list[tuple] = []
    real = Understander.understand

    def counted(self, text, context=(), prior=None):
        calls.append((text, understanding._reading_key(list(context or ()), prior)))
        return real(self, text, context=context, prior=prior)

    monkeypatch.setattr(Understander, "understand", counted)
    return calls


def test_a_first_message_is_read_once(seeded, wechat, monkeypatch):
    # The engine reads it with the resident's (empty) context; bot.mixed reads it
    # without context to see whether it asks for a person: the same reading.
    calls = _count_readings(monkeypatch)
    posted = wechat.post("text.xml", FromUserName="oReadOnce0000000000000001",
                         Content="低保要准备哪些材料")
    assert "低保" in posted.text
    assert calls and len(calls) == len(set(calls))
    assert [text for text, _ in calls].count("低保要准备哪些材料") == 1


def test_each_message_reads_afresh(seeded, wechat, monkeypatch):
    calls = _count_readings(monkeypatch)
    for msg_id in ("71001", "71002"):
        wechat.post("text.xml", FromUserName="oReadOnce0000000000000002", MsgId=msg_id,
                    Content="高龄津贴怎么申请")
    assert [text for text, _ in calls].count("高龄津贴怎么申请") >= 2


def test_outside_a_message_nothing_is_kept(seeded, monkeypatch):
    calls = _count_readings(monkeypatch)
    understanding.understand("婚姻登记要带什么", [], {})
    understanding.understand("婚姻登记要带什么", [], {})
    assert len(calls) == 2


def test_a_prior_of_unset_values_reads_as_none(seeded):
    # The key treats {} and {"service": None, ...} alike, and ignores the context
    # once a prior is given: the understander must read them alike.
    current = understanding.understander()
    for text in ("低保要准备哪些材料", "那要带什么", "找工作人员", "我想申请临时救助", "你好"):
        plain = current.understand(text, context=[], prior={})
        unset = current.understand(text, context=["高龄津贴怎么申请"],
                                   prior={"service": None, "aspect": None})
        assert plain == unset, text


def test_a_new_model_is_not_served_old_readings(seeded, monkeypatch):
    calls = _count_readings(monkeypatch)
    with understanding.one_message():
        understanding.understand("婚姻登记要带什么", [], {})
        current = understanding.understander()
        # Another model object, as a rebuild gives (settle is patched out; no aspect part).
        monkeypatch.setattr(current, "model", SimpleNamespace(aspects=None))
        monkeypatch.setattr(understanding, "_refresh_model", lambda current: None)
        monkeypatch.setattr(Understander, "settle", lambda self, u, t, context: u)
        understanding.understand("婚姻登记要带什么", [], {})
    assert len(calls) == 2


def test_asking_for_a_person_does_not_depend_on_the_context(seeded):
    # bot.mixed reads a message without context only when its reading in context
    # asks for a person: the two readings must agree on that, whatever the context.
    import json
    from pathlib import Path

    rows = (Path(__file__).resolve().parents[1] / "data" / "shared-dev.jsonl").read_text("utf-8")
    texts = [json.loads(line)["text"] for line in rows.splitlines() if line.strip()]
    texts += ["找工作人员问一下低保的事", "转人工", "我要投诉", "人工客服在吗，高龄津贴怎么领"]
    current = understanding.understander()
    codes = sorted(current.guides)[:4]
    priors = [{"aspect": "fee"}] + [{"service": code, "aspect": "materials"} for code in codes]
    for text in texts:
        plain = current.understand(text, context=[], prior={}).intent == "human"
        for prior in priors:
            assert (current.understand(text, context=[], prior=prior).intent == "human") == plain, \
                (text, prior)


def test_a_follow_up_with_an_item_in_context_is_read_once(seeded, wechat, monkeypatch):
    user = "oReadOnce0000000000000003"
    assert "低保" in wechat.post("text.xml", FromUserName=user, MsgId="72001",
                                 Content="低保要准备哪些材料").text
    calls = _count_readings(monkeypatch)
    wechat.post("text.xml", FromUserName=user, MsgId="72002", Content="需要什么条件")
    assert [text for text, _ in calls].count("需要什么条件") == 1
