"""A resident with no state is looked up in the message log only when the store may have lost it.

The store vouches that a missing state was never lost when this Redis run has
kept its data set, unflushed, for longer than the idle time (core.store's
mark): a new or returning resident then costs the message log no query.
"""
import time

import pytest
import redis
from sqlalchemy import event

from bot import lost_form, texts
from conversations import logbuffer
from core import create_app
from core.extensions import db
from notifications import contacts
from core.store import KEPT_MARK, MemoryStore, TurnClaim, TurnKeys, get_store

from live import RedisServer
from tests.helpers import wx


@pytest.fixture(autouse=True)
def no_budget(app):
    """Replies in the request, however busy the machine: these tests read every reply."""
    app.config["REPLY_BUDGET"] = 0


def _lookups(monkeypatch) -> list[str]:
    looked = []
    real = lost_form.was_open
    monkeypatch.setattr(lost_form, "was_open", lambda who: looked.append(who.id) or real(who))
    return looked


def _backdate_mark(app, seconds: float) -> None:
    """The mark as if this Redis run had kept its data for `seconds` already."""
    client, key = app.extensions["mzt.redis"], app.config["REDIS_PREFIX"] + KEPT_MARK
    run, since = client.get(key).decode().split(":")
    client.set(key, f"{run}:{int(since) - int(seconds)}")


def _needs_redis(app) -> None:
    if not app.config.get("REDIS_URL"):
        pytest.skip("needs Redis (TEST_REDIS_URL)")


def test_a_new_resident_is_looked_up_until_the_store_has_kept_its_data_long_enough(
        app, wechat, monkeypatch):
    _needs_redis(app)
    looked = _lookups(monkeypatch)
    assert "低保" in wechat.post("text.xml", FromUserName="oVouch1", Content="低保要准备哪些材料").text
    assert looked == ["oVouch1"]  # the mark was set just now: the store cannot vouch yet
    _backdate_mark(app, app.config["SESSION_IDLE_SECONDS"] + 1)
    assert "低保" in wechat.post("text.xml", FromUserName="oVouch2", Content="低保要准备哪些材料").text
    assert looked == ["oVouch1"]


def test_a_flushed_store_cannot_vouch(app, wechat, monkeypatch):
    _needs_redis(app)
    looked = _lookups(monkeypatch)
    wechat.post("text.xml", FromUserName="oVouch3", Content="你好")
    _backdate_mark(app, app.config["SESSION_IDLE_SECONDS"] + 1)
    app.extensions["mzt.redis"].delete(app.config["REDIS_PREFIX"] + KEPT_MARK)  # as FLUSHDB does
    wechat.post("text.xml", FromUserName="oVouch4", Content="你好")
    assert looked == ["oVouch3", "oVouch4"]


def test_a_new_resident_message_opens_no_database_connection(app, wechat):
    _needs_redis(app)
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL")
    assert wechat.post("text.xml", FromUserName="oFirst", Content="你好").text
    _backdate_mark(app, app.config["SESSION_IDLE_SECONDS"] + 1)
    app.config["KNOWLEDGE_CHECK_SECONDS"] = 3600  # the snapshot was checked just now
    checkouts = []
    listener = lambda *args: checkouts.append(1)  # noqa: E731
    event.listen(db.engine, "checkout", listener)
    try:
        answer = wechat.post("text.xml", FromUserName="oNewcomer", Content="低保要准备哪些材料").text
    finally:
        event.remove(db.engine, "checkout", listener)
    assert "低保" in answer and checkouts == []
    logbuffer.flush()
    assert contacts.in_window(wx("oNewcomer"))


@pytest.fixture
def restartable(backend, seeded, tmp_path, wechat):
    """A second app on the test database with a Redis that saves snapshots in tmp_path."""
    server = RedisServer(str(tmp_path)).start()
    config = {k: v for k, v in backend.items() if k != "name"}
    config.update(REDIS_URL=server.url, REDIS_PREFIX=seeded.config["REDIS_PREFIX"], REPLY_BUDGET=0)
    other = create_app(config)
    yield server, type(wechat)(other, other.test_client())
    server.kill()
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.skipif(not RedisServer.available, reason="redis-server is not installed")
def test_a_restart_from_an_older_snapshot_says_start_again(restartable):
    # The snapshot holds a mark old enough to vouch, but from the run before the
    # restart: the forms begun after it are lost, and the residents are told.
    from live import port_open, wait_until

    server, shared = restartable
    client = redis.Redis.from_url(server.url)
    assert shared.post("text.xml", FromUserName="oBefore", Content="你好").status == 200
    _backdate_mark(shared.app, 3600)
    client.save()
    assert "（1/5）" in shared.post("text.xml", Content="我要申请高龄津贴", MsgId="84001",
                                   FromUserName="oSnapA").text
    with shared.app.app_context():
        assert logbuffer.flush() >= 1
    server.kill()
    server.start()
    assert wait_until(lambda: port_open(server.port), 10)
    assert client.get(shared.app.config["REDIS_PREFIX"] + KEPT_MARK)  # restored with the snapshot
    reply = shared.post("text.xml", Content="男", MsgId="84002", FromUserName="oSnapA")
    assert reply.status == 200 and reply.text == texts.FORM_INTERRUPTED


def test_the_in_process_store_vouches_after_its_own_lifetime(monkeypatch):
    store = MemoryStore()
    keys, claim = TurnKeys(lock="lock:conv:o1", state="session:o1"), TurnClaim("t", 15, kept_for=60)
    assert store.open_turn(keys, claim)[2] is False
    store.release(keys.lock, "t")
    monkeypatch.setattr(time, "monotonic", lambda real=time.monotonic: real() + 61)
    assert store.open_turn(keys, claim)[2] is True
    store.release(keys.lock, "t")
    store.set(keys.state, '{"history": []}')
    assert store.open_turn(keys, claim)[2] is False  # a state was found: nothing to vouch for


def test_the_store_only_vouches_when_asked(app):
    _needs_redis(app)
    keys = TurnKeys(lock="lock:conv:o2", state="session:o2")
    assert get_store().open_turn(keys, TurnClaim("t", 15))[2] is False
    assert app.extensions["mzt.redis"].get(app.config["REDIS_PREFIX"] + KEPT_MARK) is None
