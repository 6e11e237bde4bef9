"""WeChat's retries are answered once, identically; different messages never merge."""
import threading
import time

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from bot import dedupe
from conversations.models import MessageLog
from core.extensions import db
from core.store import RedisStore, get_store


def logged() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(MessageLog))


@pytest.mark.parametrize("mode", ["plain", "safe"])
def test_same_msgid_three_times_is_one_reply_and_one_row(wechat, mode):
    wechat.use_aes()
    bodies = {wechat.post("text.xml", mode=mode).text for _ in range(3)}
    assert len(bodies) == 1 and bodies != {""}
    assert logged() == 1


def test_retries_of_a_silent_event_all_answer_success(wechat):
    assert {wechat.post("event_unsubscribe.xml").body for _ in range(3)} == {"success"}


def test_different_msgids_are_two_messages(wechat):
    first = wechat.post("text.xml", MsgId="24100000000000101")
    second = wechat.post("text.xml", MsgId="24100000000000102")
    assert first.text and second.text
    assert logged() == 2


def test_same_msgid_from_two_residents_is_two_messages(wechat):
    wechat.post("text.xml", FromUserName="o_resident_one")
    wechat.post("text.xml", FromUserName="o_resident_two")
    assert logged() == 2


def test_event_retry_is_deduped_by_sender_and_create_time(wechat):
    replies = {wechat.post("event_subscribe.xml").text for _ in range(3)}
    assert len(replies) == 1
    assert logged() == 1


def test_events_with_different_create_time_are_both_answered(wechat):
    assert wechat.post("event_subscribe.xml", CreateTime="1763870000").text
    assert wechat.post("event_subscribe.xml", CreateTime="1763870001").text
    assert logged() == 2


def test_two_different_clicks_in_the_same_second_are_both_answered(wechat):
    assert wechat.post("event_click.xml", EventKey="GUIDE").text
    assert wechat.post("event_click.xml", EventKey="APPLY").text
    assert logged() == 2


def test_a_retry_during_the_first_delivery_waits_for_its_reply(app):
    calls, results = [], {}
    started = threading.Event()

    def slow() -> list[str]:
        calls.append(1)
        started.set()
        time.sleep(0.3)
        return ["第一次的回复"]

    def deliver(name: str) -> None:
        with app.app_context():
            results[name] = dedupe.once("msg:o_x:1", slow)

    first = threading.Thread(target=deliver, args=("first",))
    first.start()
    started.wait(2)
    deliver("retry")
    first.join()
    assert results == {"first": ["第一次的回复"], "retry": ["第一次的回复"]}
    assert len(calls) == 1


def test_a_retry_gives_up_quietly_when_the_first_delivery_is_slow(app):
    app.config["WECHAT_RETRY_WAIT"] = 0.1
    get_store().add("wechat:seen:msg:o_x:2", dedupe.PENDING, 60)
    before = time.monotonic()
    assert dedupe.once("msg:o_x:2", lambda: pytest.fail("ran twice")) == []
    assert time.monotonic() - before < 1


def test_a_failed_first_delivery_lets_the_retry_run(app):
    def broken() -> list[str]:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        dedupe.once("msg:o_x:3", broken)
    assert dedupe.once("msg:o_x:3", lambda: ["好了"]) == ["好了"]


def test_unreachable_store_still_answers(app):
    dead = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2,
                       retry=Retry(NoBackoff(), 0))
    app.extensions["mzt.store"] = RedisStore(dead)
    assert dedupe.once("msg:o_x:4", lambda: ["照常回复"]) == ["照常回复"]
