"""Bad input gets a clean 4xx (or a normal reply), never a 500 or a traceback."""
import logging
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conversations.models import MessageLog
from core.extensions import db


def test_missing_signature_is_forbidden(wechat, client):
    query = wechat.query()
    del query["signature"]
    response = client.post("/wechat", query_string=query, data=wechat.fixture("text.xml"))
    assert response.status_code == 403


@pytest.mark.parametrize("method", ["get", "post"])
def test_forged_signature_is_forbidden(wechat, client, method):
    query = wechat.query(token="not-our-token") | {"echostr": "x"}
    response = getattr(client, method)("/wechat", query_string=query,
                                       data=wechat.fixture("text.xml"))
    assert response.status_code == 403
    assert db.session.scalar(db.select(db.func.count()).select_from(MessageLog)) == 0


@pytest.mark.parametrize("skew", [-3600, 3600])
def test_timestamp_outside_the_replay_window_is_forbidden(wechat, app, skew):
    stale = str(int(time.time()) + skew)
    assert wechat.post("text.xml", query=wechat.query(timestamp=stale)).status == 403
    app.config["WECHAT_REPLAY_WINDOW"] = 7200
    assert wechat.post("text.xml", query=wechat.query(timestamp=stale)).status == 200


def test_non_numeric_timestamp_is_forbidden(wechat):
    assert wechat.post("text.xml", query=wechat.query(timestamp="yesterday")).status == 403


def test_url_verification_with_stale_timestamp_is_forbidden(wechat, client):
    query = wechat.query(timestamp=str(int(time.time()) - 3600)) | {"echostr": "x"}
    assert client.get("/wechat", query_string=query).status_code == 403


def test_aes_message_checks_both_signatures(wechat):
    wechat.use_aes()
    forged_outer = wechat.query(token="not-our-token")
    assert wechat.post("text.xml", mode="safe", query=forged_outer).status == 403


def test_forged_msg_signature_is_forbidden(wechat, client):
    wechat.use_aes()
    posted = wechat.post("text.xml", mode="safe")
    assert posted.status == 200
    query, body = posted.query | {"msg_signature": "0" * 40}, posted.raw
    assert client.post("/wechat", query_string=query, data=body).status_code == 403
    del query["msg_signature"]
    assert client.post("/wechat", query_string=query, data=body).status_code == 403


@pytest.mark.parametrize("name", ["xxe.xml", "billion_laughs.xml", "dtd_only.xml",
                                  "no_msgtype.xml", "truncated.xml"])
def test_dangerous_or_malformed_xml_is_a_bad_request(wechat, name):
    posted = wechat.post(raw=wechat.fixture(name))
    assert posted.status == 400
    assert "Traceback" not in posted.body and "root:" not in posted.body


@pytest.mark.parametrize("body", [b"", b"not xml at all", b"<html><body/></html>",
                                  b"\xff\xfe<xml/>", b"<xml><MsgType>text</MsgType></xml>"])
def test_junk_bodies_are_bad_requests(wechat, body):
    assert wechat.post(raw=body).status == 400


def test_dtd_inside_the_encrypted_payload_is_rejected(wechat):
    wechat.use_aes()
    posted = wechat.post(raw=wechat.fixture("xxe.xml"), mode="safe")
    assert posted.status == 400


def test_body_over_the_size_limit_is_a_bad_request(wechat, app):
    app.config["WECHAT_MAX_BODY"] = 1024
    assert wechat.post("text.xml", Content="你好" * 100).status == 200
    assert wechat.post("text.xml", Content="你好" * 400, MsgId="2").status == 400


def test_wrong_aes_key_is_a_logged_bad_request(wechat, caplog):
    wechat.use_aes(wechat.AES_KEY)
    with caplog.at_level(logging.WARNING, logger="bot.protocol"):
        posted = wechat.post("text.xml", mode="safe", key=wechat.OTHER_AES_KEY)
    assert posted.status == 400
    assert "decrypt failed" in caplog.text


@pytest.mark.parametrize("configured", [None, "too-short"])
def test_encrypted_message_without_a_usable_key_is_a_bad_request(wechat, app, configured):
    app.config["WECHAT_AES_KEY"] = configured
    assert wechat.post("text.xml", mode="safe").status == 400


def test_encrypted_request_without_encrypt_element(wechat, client):
    wechat.use_aes()
    query = wechat.query() | {"encrypt_type": "aes", "msg_signature": "0" * 40}
    response = client.post("/wechat", query_string=query, data=wechat.fixture("text.xml"))
    assert response.status_code == 400


def test_overlong_sender_is_a_bad_request(wechat):
    assert wechat.post("text.xml", FromUserName="o" * 65).status == 400


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode),
                 st.text(max_size=80).map(lambda t: f"<xml><ToUserName>a</ToUserName>"
                                                    f"<FromUserName>b</FromUserName>"
                                                    f"<MsgType>{t}</MsgType>"
                                                    f"<Content>{t}</Content></xml>".encode())))
def test_no_body_ever_gives_a_server_error(wechat, body):
    assert wechat.post(raw=body).status in (200, 400)


def test_one_megabyte_body_is_a_bad_request(wechat):
    assert wechat.post(raw=b"<xml>" + b"a" * (1024 * 1024) + b"</xml>").status == 400


def test_tampered_aes_payload_is_a_bad_request(wechat):
    """Ciphertext changed and re-signed (the attacker knows the token, not the key)."""
    import base64

    import xmltodict

    from bot.protocol import sign

    wechat.use_aes()
    posted = wechat.post("text.xml", mode="safe")
    encrypt = xmltodict_encrypt(posted.raw)
    raw = bytearray(base64.b64decode(encrypt))
    raw[40] ^= 0xFF
    tampered = base64.b64encode(bytes(raw)).decode()
    query = dict(posted.query)
    query["msg_signature"] = sign(wechat.token, query["timestamp"], query["nonce"], tampered)
    body = xmltodict.unparse({"xml": {"ToUserName": "gh_0123456789ab", "Encrypt": tampered}},
                             full_document=False)
    assert wechat.client.post("/wechat", query_string=query, data=body).status_code == 400


def xmltodict_encrypt(raw: bytes) -> str:
    import xmltodict

    return xmltodict.parse(raw)["xml"]["Encrypt"]


@pytest.mark.parametrize("content", ["低" * 10_000, "\x01\x02\x1b[31m\x7f低保\x00", "😀" * 3000,
                                     "🙏🏻👨‍👩‍👧" * 500 + "低保", "\u202e\u200b" * 1000])
def test_hostile_texts_get_a_clear_chinese_reply(wechat, content):
    posted = wechat.post("text.xml", Content=content, MsgId=str(abs(hash(content)) % 10**12))
    assert posted.status == 200
    assert posted.text and any("\u4e00" <= ch <= "\u9fff" for ch in posted.text)
    assert len(posted.text.encode()) <= 2048
