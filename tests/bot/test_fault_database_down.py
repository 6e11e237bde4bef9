"""PostgreSQL unreachable: 系统繁忙 now, the message kept without the database, replayed later."""
import json
import uuid

import pytest
from rq import SimpleWorker

from bot import replay as replayer, spool
from conversations.models import MessageLog
from core import create_app, jobs, pii
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

    assert replayer.replay() == 1
    db.session.commit()
    _deliver(seeded)
    assert spool.pending() == 0
    assert replayer.replay() == 0
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
    assert len(list((tmp_path / "spool").glob("*.spool"))) == 1
    assert replayer.replay() == 1
    db.session.commit()
    assert list((tmp_path / "spool").iterdir()) == []
    assert _count(MessageLog) == 1


def test_replay_while_still_down_keeps_the_message(down_app):
    with down_app.app_context():
        from bot.messages import Incoming

        spool.record(Incoming(user="oReplay", text="低保"))
        assert replayer.replay() == 0
        assert spool.pending() == 1


def test_health_reports_the_database(client, down_app):
    assert client.get("/healthz").status_code == 200
    response = down_app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"].startswith("fail")


def _both_down(backend, seeded, tmp_path):
    """An app with PostgreSQL and Redis both unreachable, spooling under tmp_path."""
    config = {k: v for k, v in backend.items() if k != "name"}
    config.update(SQLALCHEMY_DATABASE_URI=f"postgresql://postgres@127.0.0.1:{free_port()}/gone",
                  SPOOL_DIR=str(tmp_path / "spool"), REDIS_PREFIX=seeded.config["REDIS_PREFIX"])
    if config["REDIS_URL"]:
        config["REDIS_URL"] = f"redis://127.0.0.1:{free_port()}/0"
    seeded.config["SPOOL_DIR"] = config["SPOOL_DIR"]
    return create_app(config)


def test_retries_with_both_down_are_spooled_sealed_once_and_replayed_once(
        seeded, backend, api, tmp_path, wechat):
    from handoff.models import TicketMessage
    from tests.helpers import gen_id

    assert "工单" in wechat.post("text.xml", Content="转人工", MsgId="78000").text
    before = _count(TicketMessage)
    number = gen_id("19500101")
    text = f"我的低保卡丢了，身份证{number}"
    posts = []
    for _ in range(4):  # the first delivery and WeChat's 3 retries, each to another process
        down_app = _both_down(backend, seeded, tmp_path)
        down = type(wechat)(down_app, down_app.test_client())
        posts.append(down.post("text.xml", Content=text, MsgId="78001"))
    assert all("系统繁忙" in p.text for p in posts)

    folder = tmp_path / "spool"
    files = list(folder.iterdir())
    assert len(files) == 1, "WeChat's retries were spooled once each"
    (path,) = files
    assert folder.stat().st_mode & 0o777 == 0o700
    assert path.stat().st_mode & 0o777 == 0o600
    sealed = path.read_text()
    for clear in (number, "低保卡", posts[0].sent["FromUserName"]):
        assert clear not in sealed and clear not in path.name
    assert number in pii.unseal(sealed)

    assert replayer.replay() == 1
    db.session.commit()
    _deliver(seeded)
    assert replayer.replay() == 0 and spool.pending() == 0
    assert list(folder.iterdir()) == []
    assert _count(TicketMessage) == before + 1
    assert _count(MessageLog) == 2  # 转人工, then the replayed message
    (call,) = api.calls
    assert "工单" in call["body"]["text"]["content"]


def test_a_delivery_spooled_on_two_hosts_is_replayed_once(seeded, backend, tmp_path):
    from bot.messages import Incoming

    incoming = Incoming(user="oTwoHosts", text="高龄津贴怎么申请", dedupe="msg:oTwoHosts:4242")
    seeded.config["SPOOL_DIR"] = str(tmp_path / "a")
    assert spool.record(incoming) in ("redis", "file")
    assert "already spooled" in spool.record(incoming)  # WeChat's retry, same host
    assert spool.pending() == 1
    # The retry reached another host whose Redis was unreachable: a file there.
    config = {k: v for k, v in backend.items() if k != "name"}
    config.update(REDIS_URL=None, SPOOL_DIR=str(tmp_path / "b"))
    with create_app(config).app_context():
        assert spool.record(incoming) == "file"
    assert replayer.replay() == 1
    seeded.config["SPOOL_DIR"] = str(tmp_path / "b")
    assert spool.pending() == 1
    assert replayer.replay() == 0  # already replayed on the first host
    assert spool.pending() == 0
    assert _count(MessageLog) == 1


def test_an_entry_sealed_with_another_key_is_kept_aside_and_counted(seeded, tmp_path, caplog,
                                                                    monkeypatch):
    import logging

    from cryptography.fernet import Fernet

    from bot.messages import Incoming
    from tests.helpers import gen_id

    number = gen_id("19480202")
    seeded.config["SPOOL_DIR"] = str(tmp_path / "spool")
    spool.record(Incoming(user="oRotated", text=f"身份证{number}", dedupe="msg:oRotated:1"))
    client = seeded.extensions["mzt.redis"]
    if client is not None:
        (raw,) = client.lrange(seeded.config["REDIS_PREFIX"] + spool.QUEUE, 0, -1)
        assert number.encode() not in raw and b"oRotated" not in raw
    seeded.config["PII_KEY"] = Fernet.generate_key().decode()  # the key was rotated
    # Alembic's fileConfig (test_migrations) disables loggers that already exist.
    monkeypatch.setattr(logging.getLogger("bot.replay"), "disabled", False)
    with caplog.at_level("WARNING"):
        assert replayer.replay() == 0
    assert spool.pending() == 0 and spool.kept_aside() == 1
    assert "cannot be decrypted" in caplog.text
    assert number not in caplog.text and "oRotated" not in caplog.text
    assert _count(MessageLog) == 0
    # With the old key back, the entry is replayed after all.
    seeded.config["PII_KEY"] = None
    assert spool.restore_aside() == 1
    assert replayer.replay() == 1 and spool.kept_aside() == 0
    assert _count(MessageLog) == 1


def test_two_hosts_replaying_the_same_delivery_at_once_run_it_once(seeded, backend, tmp_path):
    import threading

    from bot.messages import Incoming

    incoming = Incoming(user="oRace", text="婚姻登记在哪里办", dedupe="msg:oRace:9")
    hosts = []
    for name in ("a", "b"):  # each host's own SPOOL_DIR and, Redis down, its own lock
        config = {k: v for k, v in backend.items() if k != "name"}
        config.update(REDIS_URL=None, SPOOL_DIR=str(tmp_path / name))
        hosts.append(create_app(config))
        with hosts[-1].app_context():
            spool.record(incoming)
    counts, start = [], threading.Barrier(2)

    def replay(host):
        with host.app_context():
            start.wait(timeout=10)
            counts.append(replayer.replay())
            db.session.remove()
            db.engine.dispose()

    threads = [threading.Thread(target=replay, args=(h,)) for h in hosts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(counts) == [0, 1]
    assert not list((tmp_path / "a").iterdir()) and not list((tmp_path / "b").iterdir())
    assert _count(MessageLog) == 1
