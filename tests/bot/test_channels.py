"""The channel registry: handlers return whole replies, each channel fits and sends its own."""
from concurrent.futures import Future
from dataclasses import asdict

import pytest

from bot import channels, deadline, replay
from bot.messages import Incoming
from core import jobs
from handlers import Reply

LONG = "\n".join(f"第{i}行：办理材料和流程的说明文字" for i in range(200))  # about 9,000 bytes


def test_handlers_return_whole_replies_and_each_channel_fits_its_own():
    assert Reply.say(LONG).texts == [LONG]  # no channel's limit inside handlers
    wechat = channels.get("wechat").fit(LONG)
    assert len(wechat.encode()) <= channels.WECHAT_MAX_BYTES and wechat.endswith("\n…")
    assert wechat.rsplit("\n", 1)[0] in LONG  # cut at a line break
    assert channels.get("simulator").fit(LONG) == wechat  # the simulator shows what WeChat would
    assert channels.get("cli").fit(LONG) == LONG
    assert channels.get("an-old-spooled-channel") == channels.Channel("an-old-spooled-channel")


@pytest.fixture
def sent(monkeypatch):
    """Jobs the code under test enqueues, by name, instead of running them."""
    calls = []
    monkeypatch.setattr(jobs, "enqueue", lambda name, *args, **kwargs: calls.append((name, args)))
    monkeypatch.setitem(channels.CHANNELS, "mini", channels.Channel("mini", 1000, sender="mini.tasks.send"))
    return calls


def _incoming(channel: str) -> Incoming:
    return Incoming(user="o_channel_test", kind="text", text="你好", channel=channel)


def test_a_late_reply_goes_to_the_sender_the_registry_names(app, sent):
    done: Future = Future()
    done.set_result(["您好"])
    for name in ("mini", "simulator", "wechat"):
        deadline._deliver_late(app, _incoming(name), done)
    assert sent == [("mini.tasks.send", ("o_channel_test", ["您好"])),
                    ("bot.tasks.send_texts", ("o_channel_test", ["您好"]))]


def test_a_replayed_message_is_answered_through_its_channels_sender(app, sent):
    for name in ("simulator", "mini"):
        assert replay._replay_one({"incoming": asdict(_incoming(name)), "key": None}) == 1
    assert [name for name, _ in sent] == ["mini.tasks.send"]
