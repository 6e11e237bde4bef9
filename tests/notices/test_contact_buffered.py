"""A resident's last interaction leaves the message path with its log rows, and is stored as seen() would."""
from datetime import timedelta

import pytest
import redis

from conversations import logbuffer
from core.audit import utcnow
from core.extensions import db
from core.store import get_store
from notifications import contacts
from core.residents import Resident
from notifications.models import Contact
from tests.helpers import sim, wx


def _contact(resident: Resident) -> Contact | None:
    db.session.remove()
    return db.session.get(Contact, (resident.channel, resident.id))


@pytest.fixture
def buffered(app):
    if app.extensions["mzt.redis"] is None:
        pytest.skip("the buffer is a Redis list")
    return app


def test_the_interaction_is_stored_at_the_flush(buffered, client):
    client.post("/api/chat", json={"user": "oBuffered1", "text": "你好"})
    assert _contact(sim("oBuffered1")) is None
    logbuffer.flush()
    assert contacts.in_window(sim("oBuffered1"))


def test_when_redis_fails_after_the_message_the_interaction_is_written_at_once(
        buffered, client, monkeypatch):
    def gone(*args, **kwargs):
        raise redis.exceptions.ConnectionError("Redis went away")

    monkeypatch.setattr(get_store(), "close_turn", gone)
    client.post("/api/chat", json={"user": "oBuffered2", "text": "你好"})
    assert contacts.in_window(sim("oBuffered2"))


def test_late_rows_never_undo_a_later_unsubscribe(app):
    now = utcnow()
    contacts.write_seen([{"openid": "oLate", "at": now - timedelta(hours=1)}])
    contacts.unsubscribed(wx("oLate"), now - timedelta(minutes=30))
    db.session.commit()
    # Written after the unsubscribe, but from before it: they followed, then left.
    contacts.write_seen([{"openid": "oLate", "at": now - timedelta(minutes=40)},
                         {"openid": "oLate", "at": now - timedelta(minutes=50)}])
    db.session.commit()
    row = _contact(wx("oLate"))
    assert row.unsubscribed_at is not None and row.last_seen_at == now - timedelta(hours=1) \
        + timedelta(minutes=20)
    # An interaction after the unsubscribe means they follow again.
    contacts.write_seen([{"openid": "oLate", "at": now}])
    db.session.commit()
    row = _contact(wx("oLate"))
    assert row.unsubscribed_at is None and row.last_seen_at == now


def test_the_latest_time_wins_in_any_order_and_twice(app):
    now = utcnow()
    contacts.write_seen([{"openid": "oOrder", "at": now}])
    db.session.commit()
    # An older row flushed late (or a batch written again after a crash) moves nothing back.
    contacts.write_seen([{"openid": "oOrder", "at": now - timedelta(days=3)},
                         {"openid": "oOther", "at": now}, {"openid": "oOther", "at": now}])
    db.session.commit()
    assert _contact(wx("oOrder")).last_seen_at == now
    assert contacts.in_window(wx("oOther"))
