"""Message-log rows leave the message path through Redis and reach the database in batches."""
import socket
import time

import pytest
import redis

from bot.messages import Incoming
from conversations import logbuffer, tasks
from conversations.models import MessageLog, MissedQuestion
from conversations.operations import message_values
from core import create_app
from core.audit import utcnow
from core.extensions import db
from core.store import get_store
from tests.helpers import gen_id, sim, wx


def _count(model=MessageLog) -> int:
    db.session.remove()
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pending(app) -> list[bytes]:
    return app.extensions["mzt.redis"].lrange(app.config["REDIS_PREFIX"] + logbuffer.KEY, 0, -1)


@pytest.fixture
def buffered(app):
    if app.extensions["mzt.redis"] is None:
        pytest.skip("the buffer is a Redis list")
    return app


def test_without_redis_rows_are_written_with_the_message(app, client):
    if app.extensions["mzt.redis"] is not None:
        pytest.skip("embedded setup only")
    client.post("/api/chat", json={"user": "居民A", "text": "你好"})
    assert _count() == 1
    assert logbuffer.flush() == 0


def test_rows_wait_in_redis_until_a_flush(buffered, client):
    before = utcnow()
    client.post("/api/chat", json={"user": "居民A", "text": "呃那个东西咋整来着"})
    # The message, a missed question and the resident's interaction (notifications.contacts).
    assert _count() == 0 and len(_pending(buffered)) == 3
    time.sleep(0.05)
    assert tasks.flush_message_log() == 3
    row = db.session.scalars(db.select(MessageLog)).one()
    assert row.resident == sim("居民A")
    assert before <= row.at < utcnow()  # when it happened, not when it was written
    assert _count(MissedQuestion) == 1
    assert _pending(buffered) == []


def test_identity_numbers_are_masked_before_they_reach_redis(buffered, client):
    number = gen_id("19800101")
    client.post("/api/chat", json={"user": "居民A", "text": f"我的身份证号是{number}"})
    assert number.encode() not in b"".join(_pending(buffered))


def test_rows_stay_buffered_while_the_database_is_down(buffered, backend, client):
    client.post("/api/chat", json={"user": "居民A", "text": "你好"})
    config = {k: v for k, v in backend.items() if k != "name"}
    config.update(SQLALCHEMY_DATABASE_URI=f"postgresql://postgres@127.0.0.1:{_free_port()}/gone",
                  REDIS_PREFIX=buffered.config["REDIS_PREFIX"])
    down = create_app(config)
    with down.app_context():
        with pytest.raises(Exception):  # noqa: B017  (whichever error the driver raises)
            logbuffer.flush()
    assert len(_pending(buffered)) == 2  # the message and the interaction
    assert logbuffer.flush() == 2 and _count() == 1


def test_a_row_the_database_refuses_does_not_hold_back_the_rest(buffered):
    client = buffered.extensions["mzt.redis"]
    good = logbuffer.entry("message", message_values(
        wx("居民A"), kind="text", text="你好", reply="您好", outcome="answered"))
    bad = logbuffer.entry("message", {**message_values(
        wx("居民B"), kind="text", text="你好", reply="您好", outcome="answered"),
        "resident": None})  # NOT NULL
    client.rpush(buffered.config["REDIS_PREFIX"] + logbuffer.KEY, good, "not json", bad, good)
    assert logbuffer.flush() == 4
    assert db.session.scalars(db.select(MessageLog.resident)).all() == [wx("居民A")] * 2
    assert _pending(buffered) == []


def test_one_flusher_at_a_time(buffered, client):
    client.post("/api/chat", json={"user": "居民A", "text": "你好"})
    with get_store().lock("msglog:flush", timeout=5, wait=0):
        assert logbuffer.flush() == 0  # another process is at it
    assert logbuffer.flush() == 2  # the message and the interaction


def test_rows_are_written_directly_when_redis_fails_after_the_message(buffered, client,
                                                                    monkeypatch):
    def gone(*args, **kwargs):
        raise redis.exceptions.ConnectionError("Redis went away")

    monkeypatch.setattr(get_store(), "close_turn", gone)
    reply = client.post("/api/chat", json={"user": "居民A", "text": "你好"}).get_json()
    assert reply["replies"] and "系统繁忙" not in reply["replies"][0]
    assert _count() == 1 and _pending(buffered) == []


def test_the_web_process_timer_flushes_on_its_own(buffered, client):
    buffered.config["MESSAGE_LOG_FLUSH_SECONDS"] = 0.05
    try:
        client.post("/api/chat", json={"user": "居民A", "text": "你好"})
        deadline = time.monotonic() + 5
        while _count() == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _count() == 1
    finally:
        logbuffer.stop_timer()


def test_the_chat_engine_buffers_rows_of_every_channel(buffered):
    from bot import engine

    engine.reply(Incoming(user="居民C", text="你好", channel="cli"))
    assert len(_pending(buffered)) == 1


def test_rows_buffered_by_the_previous_version_are_written_beside_new_ones(buffered):
    import json

    new = logbuffer.entry("message", message_values(wx("居民N"), kind="text",
                                                    text="你好", reply="您好", outcome="answered",
                                                    flow="form"))
    old = json.loads(new)
    del old["values"]["flow"]  # as buffered before message_log.flow existed
    key = buffered.config["REDIS_PREFIX"] + logbuffer.KEY
    buffered.extensions["mzt.redis"].rpush(key, new, json.dumps(old, ensure_ascii=False))
    assert logbuffer.flush() == 2
    db.session.commit()
    assert sorted(db.session.scalars(db.select(MessageLog.flow)), key=str) == [None, "form"]
