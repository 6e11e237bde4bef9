"""A message's turn in the shared store: one round trip to open, one to close."""
import threading
import time

import pytest

from bot import session
from bot.messages import Incoming
from core.store import get_store
from tests.helpers import wx


def _open(user="o_turn", seen=None, count=False, **config):
    return session.open_turn(Incoming(user=user), seen=seen, count=count)


def test_open_claims_locks_and_loads_the_state(app):
    session.save(wx("o_turn"), {"history": ["低保"], "service": "MZ01"})
    opened = _open(seen="wechat:seen:k1")
    assert opened.status == "open"
    assert opened.state["service"] == "MZ01"
    assert get_store().get("wechat:seen:k1") == session.PENDING


def test_a_second_delivery_of_the_same_key_is_seen(app):
    first = _open(seen="wechat:seen:k2")
    again = _open(seen="wechat:seen:k2")
    assert (again.status, again.seen) == ("seen", session.PENDING)
    session.close_turn(first, ["回复"])
    assert _open(seen="wechat:seen:k2").seen == '["回复"]'


def test_another_message_of_the_resident_waits_for_the_lock(app):
    first = _open(seen="wechat:seen:k3")
    second = _open(seen="wechat:seen:k4")
    assert second.status == "busy"
    first.state["service"] = "MZ02"
    threading.Timer(0.2, lambda: _close_in(app, first)).start()
    before = time.monotonic()
    session.wait_turn(second)
    assert time.monotonic() - before >= 0.1
    assert second.status == "open" and second.state["service"] == "MZ02"
    session.close_turn(second, [])


def _close_in(app, opened) -> None:
    with app.app_context():
        session.close_turn(opened, ["第一条"])


def test_counting_stops_at_the_limit_without_taking_the_lock(app):
    app.config["RATELIMIT_RESIDENT"] = "2 per minute"
    for _ in range(2):
        opened = _open(count=True)
        assert opened.status == "open"
        session.close_turn(opened, [])
    assert _open(count=True).status == "limited"
    assert _open(count=False).status == "open"  # not counted, and the lock was free
    assert _open(user="o_other", count=True).status == "open"


def test_close_keeps_replies_only_while_the_claim_is_pending(app):
    opened = _open(seen="wechat:seen:k5")
    get_store().set("wechat:seen:k5", "[]", 600)  # the endpoint answered "success" (over budget)
    session.close_turn(opened, ["迟到的回复"])
    assert get_store().get("wechat:seen:k5") == "[]"
    assert opened.replies_saved is True  # saved or left: either way nothing more to do


def test_close_saves_the_state_and_frees_the_lock(app):
    opened = _open()
    opened.state["flow"] = {"name": "form"}
    session.close_turn(opened, ["好"])
    assert session.load(wx("o_turn"))["flow"] == {"name": "form"}
    assert _open().status == "open"


def test_rows_go_to_the_redis_list_with_the_state(app):
    if app.extensions["mzt.redis"] is None:
        with pytest.raises(ValueError):
            session.close_turn(_open(), [], ("row",), "msglog:pending")
        return
    session.close_turn(_open(), [], ("row1", "row2"), "msglog:pending")
    client = app.extensions["mzt.redis"]
    assert client.lrange(app.config["REDIS_PREFIX"] + "msglog:pending", 0, -1) == [b"row1", b"row2"]
