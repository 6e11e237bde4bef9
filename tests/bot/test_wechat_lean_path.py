"""/wechat skips the browser machinery and the database when a message needs neither."""
from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import event

from bot import protocol, texts
from core.extensions import db


def test_wechat_reads_no_cookie_session(app, wechat, monkeypatch):
    # A cookie session (and Flask-Login's remember-me hook reading it) is for browsers.
    opened = []
    real = app.session_interface.get_signing_serializer
    monkeypatch.setattr(app.session_interface, "get_signing_serializer",
                        lambda *a: opened.append(1) or real(*a))
    wechat.client.set_cookie("session", "not-a-signed-session")
    posted = wechat.post("text.xml", Content="低保怎么申请")
    assert posted.status == 200 and posted.text
    assert "Cookie" not in posted.response.headers.get("Vary", "")
    assert "Set-Cookie" not in posted.response.headers
    assert opened == []  # the cookie was not even read


def test_admin_pages_keep_their_cookie_session(client):
    page = client.get("/admin/login")
    assert page.status_code == 200
    assert "Cookie" in page.headers.get("Vary", "")


def test_signature_is_checked_once_per_message(wechat, monkeypatch):
    calls = []
    real = protocol.verify_query
    monkeypatch.setattr(protocol, "verify_query", lambda *a: calls.append(1) or real(*a))
    assert wechat.post("text.xml", Content="你好").status == 200
    assert len(calls) == 1


def test_a_bad_signature_is_still_refused(wechat):
    query = wechat.query()
    query["signature"] = "0" * 40
    assert wechat.post("text.xml", query=query).status == 403


def _services(app) -> None:
    if not app.config.get("REDIS_URL") or db.engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL and Redis (TEST_DATABASE_URL, TEST_REDIS_URL)")


def test_a_guide_answer_opens_no_database_connection(app, wechat):
    _services(app)
    assert wechat.post("text.xml", Content="你好").text  # the resident's state now exists
    app.config["KNOWLEDGE_CHECK_SECONDS"] = 3600  # the snapshot was checked just now
    checkouts = []
    listener = lambda *args: checkouts.append(1)  # noqa: E731
    event.listen(db.engine, "checkout", listener)
    try:
        answer = wechat.post("text.xml", Content="低保要准备哪些材料").text
    finally:
        event.remove(db.engine, "checkout", listener)
    assert "低保" in answer
    assert checkouts == []


def test_a_dropped_pooled_connection_costs_the_message_nothing(app, wechat, tmp_path):
    _services(app)
    app.config["SPOOL_DIR"] = str(tmp_path)
    assert wechat.post("text.xml", Content="你好").text
    db.session.remove()
    idle = [record.dbapi_connection.info.backend_pid for record in list(db.engine.pool._pool.queue)]
    assert idle
    # The server ends every idle pooled connection (a restart, an idle timeout).
    with psycopg.connect(app.config["SQLALCHEMY_DATABASE_URI"].replace("+psycopg", ""),
                         autocommit=True) as admin:
        for pid in idle:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    # A resident without state is looked up in the message log: the database is used.
    answer = wechat.post("text.xml", FromUserName="oNewResident000000000000001",
                         Content="低保要准备哪些材料").text
    assert answer != texts.BUSY and "低保" in answer
    assert not list(tmp_path.iterdir())  # answered, not spooled for replay


def test_a_message_costs_two_redis_round_trips(app, wechat, monkeypatch):
    # Open the turn (the signed URL's claim included), close it: what the floor pays too.
    client = app.extensions["mzt.redis"]
    if client is None:
        pytest.skip("needs Redis (TEST_REDIS_URL)")
    assert wechat.post("text.xml", Content="你好", MsgId="61001").text
    app.config["KNOWLEDGE_CHECK_SECONDS"] = 3600  # the snapshot was checked just now
    trips = []
    real = client.execute_command
    monkeypatch.setattr(client, "execute_command", lambda *a, **k: trips.append(a[0]) or real(*a, **k))
    assert "材料" in wechat.post("text.xml", Content="低保要准备哪些材料", MsgId="61002").text
    assert trips == ["EVALSHA", "EVALSHA"]


def test_a_signed_delivery_skips_the_limiters_machinery(app, wechat, monkeypatch):
    # Signed deliveries are counted per resident, never per IP: Flask-Limiter's
    # set-up is not run for them at all; unsigned requests still meet it.
    limiter = app.extensions["mzt.limiter"]
    met, answered = [], []
    real = limiter.identify_request
    monkeypatch.setattr(limiter, "identify_request", lambda: met.append(1) or real())
    # Its response hook's first step (name-mangled: Limiter.__check_conditional_deductions).
    deduct = limiter._Limiter__check_conditional_deductions
    monkeypatch.setattr(limiter, "_Limiter__check_conditional_deductions",
                        lambda response: answered.append(1) or deduct(response))
    assert wechat.post("text.xml", Content="你好").status == 200
    assert met == [] and answered == []
    forged = dict(wechat.query(), signature="0" * 40)
    assert wechat.post("text.xml", query=forged).status == 403
    assert met and answered
