"""The load bench's baselines answer like /wechat, so the comparison is fair."""
import time

import pytest
from werkzeug.test import Client
from wechatpy.replies import deserialize_reply

from bench import echo_app, floor_app
from tests.bot.conftest import signature, to_xml


def post(app, text: str, user: str = "oBenchResident0001", msg_id: str = "1", token=None):
    timestamp, nonce = str(int(time.time())), "42"
    query = {"signature": signature(token or echo_app.TOKEN, timestamp, nonce),
             "timestamp": timestamp, "nonce": nonce}
    body = to_xml({"ToUserName": "gh_bench", "FromUserName": user, "CreateTime": timestamp,
                   "MsgType": "text", "Content": text, "MsgId": msg_id})
    return Client(app).post("/wechat", query_string=query, data=body, content_type="text/xml")


@pytest.mark.parametrize("app", [echo_app.app, floor_app.app])
def test_baselines_echo_a_signed_message_and_refuse_a_forged_one(app):
    answered = post(app, "低保要什么材料")
    assert answered.status_code == 200
    assert deserialize_reply(answered.get_data(as_text=True)).content == "低保要什么材料"
    assert post(app, "低保", token="not-the-token").status_code == 403


def test_floor_opens_and_closes_a_turn_in_the_store(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setitem(floor_app._made, "pid", None)
    post(floor_app.app, "第一句", msg_id="10")
    post(floor_app.app, "第二句", msg_id="11")
    store = floor_app._made["store"]
    state = store.get("session:oBenchResident0001")
    assert "第一句" in state and "第二句" in state
    assert store.get("lock:conv:oBenchResident0001") is None  # released on close
