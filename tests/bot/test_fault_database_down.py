"""PostgreSQL unreachable: 系统繁忙 now, the message kept without the database, replayed later."""
import json
import uuid

import pytest
from rq import SimpleWorker

from bot import spool
from conversations.models import MessageLog
from core import create_app, jobs
from core.extensions import db
from core.store import get_store
from tests.helpers import flush_log

from live import FakeWeChatAPI, free_port


@pytest.fixture
def api(app):
    with FakeWeChatAPI() as fake:
        app.config.update(WECHAT_API_BASE=fake.base, RQ_QUEUE=app.config["REDIS_PREFIX"] + "q")
        get_store().set(f"wechatpy:{app.config['WECHAT_APPID']}_access_token",
                        json.dumps("shared-token"), 3600)
        yield fake
        if app.extensions["mzt.redis"] is not None:
            jobs.queue().delete(delete_jobs=True)


@pytest.fixture
def down_app(backend, app, tmp_path):
    """The same app, its database URL pointing at a closed loopback port."""
    config = {k: v for k, v in backend.items() if k != "name"}
    config.update(SQLALCHEMY_DATABASE_URI=f"postgresql://postgres@127.0.0.1:{free_port()}/gone",
                  REDIS_PREFIX=app.config["REDIS_PREFIX"], SPOOL_DIR=str(tmp_path / "spool"))
    app.config["SPOOL_DIR"] = config["SPOOL_DIR"]
    return create_app(config)


def _count(model) -> int:
    flush_log()
    db.session.remove()
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def _deliver(app) -> None:
    if app.extensions["mzt.redis"] is not None:
        queue = jobs.queue()
        SimpleWorker([queue], connection=queue.connection).work(burst=True, max_jobs=10)


def test_message_during_outage_is_answered_busy_and_replayed_once(seeded, down_app, api, wechat):
    down = type(wechat)(down_app, down_app.test_client())
    msg_id = str(uuid.uuid4().int % 10**12)
    posted = down.post("text.xml", Content="低保要准备哪些材料", MsgId=msg_id)
    assert posted.status == 200
    assert "系统繁忙" in posted.text
    # WeChat's retry gets the same answer and is not spooled twice.
    assert "系统繁忙" in down.post("text.xml", Content="低保要准备哪些材料", MsgId=msg_id).text
    assert spool.pending() == 1
    assert _count(MessageLog) == 0

    assert spool.replay() == 1
    db.session.commit()
    _deliver(seeded)
    assert spool.pending() == 0
    assert spool.replay() == 0
    assert _count(MessageLog) == 1
    (call,) = api.calls
    assert call["body"]["touser"] == posted.sent["FromUserName"]
    assert "材料" in call["body"]["text"]["content"]


def test_redis_down_too_spools_to_a_file(seeded, backend, api, tmp_path, wechat):
    config = {k: v for k, v in backend.items() if k != "name"}
    config.update(SQLALCHEMY_DATABASE_URI=f"postgresql://postgres@127.0.0.1:{free_port()}/gone",
                  SPOOL_DIR=str(tmp_path / "spool"), REDIS_PREFIX=seeded.config["REDIS_PREFIX"])
    if config["REDIS_URL"]:
        config["REDIS_URL"] = f"redis://127.0.0.1:{free_port()}/0"
    seeded.config["SPOOL_DIR"] = config["SPOOL_DIR"]
    down_app = create_app(config)
    down = type(wechat)(down_app, down_app.test_client())
    assert "系统繁忙" in down.post("text.xml", Content="高龄津贴怎么申请", MsgId="77001").text
    assert len(list((tmp_path / "spool").glob("*.json"))) == 1
    assert spool.replay() == 1
    db.session.commit()
    assert list((tmp_path / "spool").iterdir()) == []
    assert _count(MessageLog) == 1


def test_replay_while_still_down_keeps_the_message(down_app):
    with down_app.app_context():
        from bot.messages import Incoming

        spool.record(Incoming(user="oReplay", text="低保"))
        assert spool.replay() == 0
        assert spool.pending() == 1


def test_health_reports_the_database(client, down_app):
    assert client.get("/healthz").status_code == 200
    response = down_app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"].startswith("fail")
