"""The 5-second rule: past the budget, "success" now and a customer-service message later."""
import json
import time

import pytest
from rq import SimpleWorker

from conversations.models import MessageLog
from core import jobs
from core.extensions import db
from core.store import get_store
from handlers import HANDLERS
from tests.helpers import flush_log

from live import FakeWeChatAPI, wait_until


@pytest.fixture
def api(app):
    with FakeWeChatAPI() as fake:
        app.config.update(WECHAT_API_BASE=fake.base, RQ_QUEUE=app.config["REDIS_PREFIX"] + "q")
        # A token another worker fetched earlier, shared through the store.
        key = f"wechatpy:{app.config['WECHAT_APPID']}_access_token"
        get_store().set(key, json.dumps("shared-token"), 3600)
        yield fake
        client = app.extensions["mzt.redis"]
        if client is not None:
            jobs.queue().delete(delete_jobs=True)


@pytest.fixture
def slow_greeting(monkeypatch):
    handler = HANDLERS["greeting"]
    original = handler.handle

    def slow(turn, state):
        time.sleep(1.0)
        return original(turn, state)

    monkeypatch.setattr(handler, "handle", slow)


def _run_worker_if_queued(app) -> None:
    if app.extensions["mzt.redis"] is None:
        return  # embedded: the send ran inline when the slow reply finished
    queue = jobs.queue()
    assert wait_until(lambda: queue.count >= 1, 5)
    SimpleWorker([queue], connection=queue.connection).work(burst=True, max_jobs=5)


def test_slow_reply_answers_success_then_follows_by_the_api(app, wechat, api, slow_greeting):
    app.config["REPLY_BUDGET"] = 0.2
    started = time.monotonic()
    posted = wechat.post("text.xml", Content="你好", MsgId="90001")
    assert posted.status == 200 and posted.body == "success"
    assert time.monotonic() - started < 0.9
    # WeChat's retry of the same message must not run it again.
    assert wechat.post("text.xml", Content="你好", MsgId="90001").body == "success"

    _run_worker_if_queued(app)
    assert wait_until(lambda: api.answered == 1, 5)
    (call,) = api.calls
    assert call["path"].startswith("/cgi-bin/message/custom/send?access_token=shared-token")
    assert call["body"]["touser"] == posted.sent["FromUserName"]
    assert call["body"]["msgtype"] == "text" and "您好" in call["body"]["text"]["content"]
    db.session.remove()
    # 0 without Redis (written directly); with it the message and the interaction.
    assert flush_log() in (0, 2)
    assert db.session.scalar(db.select(db.func.count()).select_from(MessageLog)) == 1


def test_reply_within_the_budget_is_passive(app, wechat, api):
    app.config["REPLY_BUDGET"] = 2
    posted = wechat.post("text.xml", Content="你好", MsgId="90002")
    assert "您好" in posted.text
    assert api.calls == []
