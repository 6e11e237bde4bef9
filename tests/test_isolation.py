"""Tests share one app and one seeded copy (tests/shared.py): nothing one test did reaches the next.

The tests below run in order: the first leaves rows, a store key, a changed setting,
a replaced view and a changed seeded row behind; the ones after it see none of it.
"""
from __future__ import annotations

from accounts.models import User
from core import audit
from core.audit import AuditEntry
from core.extensions import db
from core.store import get_store
from knowledge.models import Guide

LEFT = {}


def test_a_test_leaves_its_traces(seeded, client):
    app = seeded
    audit.record("tester", "isolation.left", "row:1")
    db.session.get(User, db.session.scalar(db.select(User.id).filter_by(username="staff"))).display_name = "改过的名字"
    db.session.commit()
    get_store().set("isolation:left", "1")
    app.config["ISOLATION_LEFT"] = True
    app.view_functions["simulator.outbox"] = lambda: "replaced"
    LEFT.update(prefix=app.config["REDIS_PREFIX"], store=get_store())
    assert client.get("/api/chat/outbox").get_data(as_text=True) == "replaced"


def test_the_next_test_on_an_empty_database_sees_none_of_them(app, client):
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 0
    assert get_store().get("isolation:left") is None and get_store() is not LEFT["store"]
    assert app.config["REDIS_PREFIX"] != LEFT["prefix"]
    assert "ISOLATION_LEFT" not in app.config
    assert client.get("/api/chat/outbox", query_string={"user": "甲"}).status_code == 200
    assert client.get("/api/chat/outbox", query_string={"user": "甲"}).get_data(as_text=True) != "replaced"


def test_the_next_seeded_test_gets_the_seed_as_written(seeded):
    staff = db.session.scalar(db.select(User).filter_by(username="staff"))
    assert staff.display_name != "改过的名字"
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "isolation.left")) == 0


def test_a_knowledge_edit_not_yet_committed_is_read_by_the_bot(seeded, client):
    """The knowledge read from an untouched seeded copy is reused (tests/shared.py), not after a write."""
    db.session.get(Guide, "MZ07").fee = "不收费。（测试改动，未提交）"
    db.session.flush()
    reply = client.post("/api/chat", json={"user": "乙", "text": "高龄津贴收费吗"}).get_json()["replies"]
    assert any("测试改动" in r for r in reply)


def test_the_next_test_reads_the_seeded_knowledge_again(seeded, client):
    reply = client.post("/api/chat", json={"user": "乙", "text": "高龄津贴收费吗"}).get_json()["replies"]
    assert not any("测试改动" in r for r in reply)
