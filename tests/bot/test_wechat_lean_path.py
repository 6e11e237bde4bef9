"""/wechat skips the browser machinery and the database when a message needs neither."""
from __future__ import annotations

import psycopg
import pytest
from flask import request_started
from sqlalchemy import event

from bot import dedupe, protocol, texts
from bot import wechat as wechat_view
from core import http, unit
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


def _via_flask(app, monkeypatch) -> None:
    # A view of its own stood in: the direct path hands every request to Flask.
    monkeypatch.setitem(app.view_functions, "wechat.receive", lambda: wechat_view.receive())


def test_a_signed_delivery_meets_no_flask_request(app, wechat):
    # Signed deliveries are answered before Flask's request machinery; others go through it.
    started = []
    with request_started.connected_to(lambda sender, **extra: started.append(1), app):
        assert wechat.post("text.xml", Content="你好").text
        assert started == []
        forged = dict(wechat.query(), signature="0" * 40)
        assert wechat.post("text.xml", query=forged).status == 403
        assert started == [1]


@pytest.mark.parametrize("case", ["text", "event", "refused", "malformed", "failed", "aes"])
def test_the_direct_path_answers_as_flask_does(app, wechat, monkeypatch, case):
    def post(n: int):
        user = f"oDirectPath{case}{n:017d}"[:28]
        if case == "event":
            return wechat.post("event_view.xml", FromUserName=user)
        if case == "refused":  # plaintext while an AES key is set
            wechat.use_aes()
            return wechat.post("text.xml", FromUserName=user)
        if case == "malformed":
            return wechat.post(raw=b"<xml><MsgType>text</MsgType></xml>")
        if case == "aes":
            wechat.use_aes()
            return wechat.post("text.xml", mode="safe", FromUserName=user, Content="低保怎么申请")
        return wechat.post("text.xml", FromUserName=user, MsgId=str(70000 + n), Content="低保怎么申请")

    if case == "failed":
        monkeypatch.setattr(dedupe, "deliver", lambda *a, **k: 1 / 0)
    direct = post(1)
    _via_flask(app, monkeypatch)
    flask = post(2)
    for posted in (direct, flask):
        posted.response.headers.pop("Content-Length")
    assert (direct.status, direct.response.headers.to_wsgi_list(), direct.text) == \
        (flask.status, flask.response.headers.to_wsgi_list(), flask.text)
    if direct.reply is None:
        assert direct.body == flask.body
    assert direct.status == {"refused": 403, "malformed": 400}.get(case, 200)


def test_the_direct_path_sends_hsts_when_flask_would(app, wechat, monkeypatch):
    monkeypatch.setitem(app.after_request_funcs, None,
                        [*app.after_request_funcs[None], http.strict_transport])
    posted = wechat.post("text.xml", Content="你好")
    assert posted.response.headers["Strict-Transport-Security"] == http.HSTS
    _via_flask(app, monkeypatch)
    assert wechat.post("text.xml", Content="你好").response.headers[
        "Strict-Transport-Security"] == http.HSTS


def test_a_hook_the_direct_path_does_not_know_sends_deliveries_through_flask(app, wechat,
                                                                             monkeypatch):
    seen = []
    monkeypatch.setitem(app.before_request_funcs, None,
                        [*app.before_request_funcs[None], lambda: seen.append(1)])
    assert wechat.post("text.xml", Content="你好").text
    assert seen == [1]


def test_the_direct_path_commits_and_rolls_back_as_a_request_does(app, wechat, monkeypatch):
    # The unit of work's end by the response status: a refusal after a write keeps nothing.
    ended = []
    monkeypatch.setattr(unit, "finish", lambda status: ended.append(status))
    assert wechat.post("text.xml", Content="你好").status == 200
    wechat.use_aes()
    assert wechat.post("text.xml").status == 403
    assert ended == [200, 403]


def test_a_failed_commit_at_the_end_is_a_server_error_as_through_flask(app, wechat, monkeypatch):
    def fails(status):
        raise RuntimeError("commit failed")

    monkeypatch.setattr(unit, "finish", fails)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    direct = wechat.post("text.xml", Content="你好")
    _via_flask(app, monkeypatch)
    flask = wechat.post("text.xml", Content="你好")
    assert direct.status == flask.status == 500
