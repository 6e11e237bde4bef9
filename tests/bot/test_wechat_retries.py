"""WeChat's retries are answered once, identically; different messages never merge."""
import threading
import time

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from bot import dedupe, session
from bot.messages import Incoming
from conversations.models import MessageLog
from core.extensions import db
from core.store import RedisStore, get_store
from tests.helpers import flush_log


def logged() -> int:
    flush_log()
    return db.session.scalar(db.select(db.func.count()).select_from(MessageLog))


@pytest.mark.parametrize("mode", ["plain", "safe"])
def test_same_msgid_three_times_is_one_reply_and_one_row(wechat, mode):
    if mode == "safe":
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

    def slow(opened) -> list[str]:
        calls.append(opened.status)
        started.set()
        time.sleep(0.3)
        session.close_turn(opened, ["第一次的回复"])  # as the engine does
        return ["第一次的回复"]

    def deliver(name: str) -> None:
        with app.app_context():
            results[name] = dedupe.deliver("msg:o_x:1", Incoming(user="o_x"), slow)

    first = threading.Thread(target=deliver, args=("first",))
    first.start()
    started.wait(2)
    deliver("retry")
    first.join()
    assert results == {"first": ["第一次的回复"], "retry": ["第一次的回复"]}
    assert calls == ["open"]


def test_a_retry_gives_up_quietly_when_the_first_delivery_is_slow(app):
    app.config["WECHAT_RETRY_WAIT"] = 0.1
    get_store().add("wechat:seen:msg:o_x:2", dedupe.PENDING, 60)
    before = time.monotonic()
    assert dedupe.deliver("msg:o_x:2", Incoming(user="o_x"),
                          lambda opened: pytest.fail("ran twice")) == []
    assert time.monotonic() - before < 1


def test_a_failed_first_delivery_lets_the_retry_run(app):
    def broken(opened) -> list[str]:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        dedupe.deliver("msg:o_x:3", Incoming(user="o_x"), broken)
    statuses = []

    def fine(opened) -> list[str]:
        statuses.append(opened.status)
        session.close_turn(opened, ["好了"])
        return ["好了"]

    assert dedupe.deliver("msg:o_x:3", Incoming(user="o_x"), fine) == ["好了"]
    assert statuses == ["open"]  # the failed delivery did not leave the conversation locked


def test_over_budget_retries_get_success_even_after_the_engine_finishes(app):
    # bot.deadline: past the budget the endpoint answers "success" while the
    # engine goes on; when the engine closes its turn it must not put its
    # replies where a retry would show them a second time.
    def over_budget(opened) -> list[str]:
        threading.Timer(0.1, lambda: _close_later(app, opened)).start()
        return []

    assert dedupe.deliver("msg:o_x:5", Incoming(user="o_x"), over_budget) == []
    time.sleep(0.3)
    assert dedupe.deliver("msg:o_x:5", Incoming(user="o_x"),
                          lambda opened: pytest.fail("ran twice")) == []


def _close_later(app, opened) -> None:
    with app.app_context():
        session.close_turn(opened, ["迟到的回复"])


def test_unreachable_store_still_answers(app):
    dead = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2,
                       retry=Retry(NoBackoff(), 0))
    app.extensions["mzt.store"] = RedisStore(dead)
    statuses = []

    def answer(opened) -> list[str]:
        statuses.append(opened.status)
        return ["照常回复"]

    assert dedupe.deliver("msg:o_x:4", Incoming(user="o_x"), answer) == ["照常回复"]
    assert statuses == ["down"]
