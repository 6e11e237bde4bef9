"""/wechat skips the browser machinery and the database when a message needs neither."""
from __future__ import annotations

from bot import protocol


def test_wechat_reads_no_cookie_session(wechat):
    # A cookie session (and Flask-Login's remember-me hook reading it) is for browsers.
    wechat.client.set_cookie("session", "not-a-signed-session")
    posted = wechat.post("text.xml", Content="低保怎么申请")
    assert posted.status == 200 and posted.text
    assert "Cookie" not in posted.response.headers.get("Vary", "")
    assert "Set-Cookie" not in posted.response.headers


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

