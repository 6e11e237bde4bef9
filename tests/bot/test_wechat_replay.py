"""Safe mode takes only encrypted deliveries; a signed URL carries one delivery only."""
import pytest

from conversations.models import MessageLog
from core.extensions import db
from tests.helpers import flush_log


def logged() -> int:
    flush_log()
    return db.session.scalar(db.select(db.func.count()).select_from(MessageLog))


def test_with_an_aes_key_a_plaintext_delivery_is_refused_and_not_run(wechat):
    wechat.use_aes()
    posted = wechat.post("text.xml", mode="plain", Content="我的申请")
    assert posted.status == 403
    assert posted.reply is None
    assert logged() == 0


@pytest.mark.parametrize("mode", ["compatible", "safe"])
def test_with_an_aes_key_encrypted_deliveries_are_answered(wechat, mode):
    wechat.use_aes()
    assert wechat.post("text.xml", mode=mode).text
    assert logged() == 1


def test_a_plaintext_body_under_aes_query_without_msg_signature_is_refused(wechat, client):
    wechat.use_aes()
    query = wechat.query() | {"encrypt_type": "aes"}
    response = client.post("/wechat", query_string=query, data=wechat.fixture("text.xml"))
    assert response.status_code == 403
    assert logged() == 0


@pytest.mark.parametrize("mode", ["plain", "safe"])
def test_a_signed_url_replayed_with_another_message_is_refused(wechat, mode):
    if mode == "safe":
        wechat.use_aes()
    first = wechat.post("text.xml", mode=mode)
    assert first.status == 200
    # In safe mode the attacker cannot sign another Encrypt: they reuse WeChat's envelope
    # under the URL of a later message, which must not pass either.
    replayed = wechat.post("text.xml", mode=mode, query=first.query,
                           FromUserName="o_someone_else", MsgId="24100000000000777",
                           Content="我的申请")
    assert replayed.status == 403
    assert logged() == 1


def test_a_signed_url_with_a_forged_sender_is_refused(wechat):
    first = wechat.post("text.xml")
    assert wechat.post("text.xml", query=first.query, FromUserName="o_victim").status == 403


def test_a_retry_on_the_same_signed_url_gets_the_same_reply_once(wechat):
    first = wechat.post("text.xml")
    again = wechat.post("text.xml", query=first.query)
    assert again.status == 200 and again.text == first.text
    assert logged() == 1


def test_retries_re_signed_with_new_nonces_are_still_deduped(wechat):
    replies = {wechat.post("text.xml").text for _ in range(3)}
    assert len(replies) == 1 and replies != {""}
    assert logged() == 1


def test_a_url_check_cannot_be_reused_to_post(wechat, client):
    query = wechat.query() | {"echostr": "123"}
    assert client.get("/wechat", query_string=query).status_code == 200
    assert wechat.post("text.xml", query=query).status == 403
    assert logged() == 0


def test_nonces_are_remembered_in_redis_for_the_replay_window(wechat, app):
    client = app.extensions.get("mzt.redis")
    if client is None:
        pytest.skip("the embedded setup keeps nonces in-process")
    wechat.post("text.xml")
    keys = list(client.scan_iter(match=app.config["REDIS_PREFIX"] + "wechat:nonce:*"))
    assert len(keys) == 1
    assert 0 < client.ttl(keys[0]) <= 2 * app.config["WECHAT_REPLAY_WINDOW"]
