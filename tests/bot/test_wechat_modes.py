"""Plaintext, compatible and safe (AES) modes, and a recorded safe-mode request."""
import json

import pytest

from bot import texts
RESIDENT, ACCOUNT = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "gh_0123456789ab"


@pytest.mark.parametrize("mode", ["plain", "compatible", "safe"])
def test_text_is_answered_in_every_mode(wechat, mode):
    if mode != "plain":  # with a key set only encrypted deliveries count (bot.wechat)
        wechat.use_aes()
    posted = wechat.post("text.xml", mode=mode)
    assert posted.status == 200, posted.body
    assert posted.reply.target == RESIDENT and posted.reply.source == ACCOUNT
    assert posted.text.strip()
    if mode != "plain":
        assert "<Encrypt>" in posted.body and "Content" not in posted.body


@pytest.mark.parametrize("mode", ["compatible", "safe"])
def test_encrypted_media_and_events(wechat, mode):
    wechat.use_aes()
    assert wechat.post("image.xml", mode=mode).text == texts.UNSUPPORTED["image"]
    assert wechat.post("event_subscribe.xml", mode=mode).text == texts.WELCOME


def test_empty_encrypted_reply_is_the_literal_success(wechat):
    wechat.use_aes()
    posted = wechat.post("event_unsubscribe.xml", mode="safe")
    assert (posted.status, posted.body) == (200, "success")


def test_recorded_safe_mode_request(wechat, client, app):
    """A safe-mode request captured with the documentation key, replayed as sent."""
    recorded = json.loads(wechat.fixture("safe_mode_text.json"))
    wechat.use_aes(recorded["aes_key"])
    app.config.update(WECHAT_TOKEN=recorded["token"], WECHAT_APPID=recorded["appid"],
                      WECHAT_REPLAY_WINDOW=10 ** 10)  # it was signed long ago
    response = client.post("/wechat", query_string=recorded["query"],
                           data=wechat.fixture("safe_mode_text.xml"))
    assert response.status_code == 200
    assert "<Encrypt>" in response.get_data(as_text=True)
