"""Every log line at DEBUG, over a message flow, an application, failed token fetches and a
SQL error, is free of openids, names, phones, ID numbers, secrets and message text."""
import logging

import pytest
from rq import SimpleWorker

from accounts.models import User
from applications.models import Application
from core import jobs
from core.extensions import db
from notifications import contacts
from notifications.models import Notification
from notifications.operations import notify
from tests.helpers import gen_id, wx, years_ago

from live import FakeWeChatAPI, free_port

OPENID = "oLgT5x9QpZ3mKv7Rw2Yb8Nc4Hd6J"
SECRET = "c0ffee5ecretAppSecretValue98"
NAME, PHONE, ADDRESS = "王秀英", "13912345678", "幸福路12号3栋201室"
ID_NUMBER = gen_id(years_ago(86), seq="246")
QUESTION = "我奶奶八十六了高龄津贴要带什么材料"
SQL_TEXT = "请帮我查一下低保进度谢谢你们"
SENSITIVE = (OPENID, SECRET, NAME, PHONE, ADDRESS, ID_NUMBER, QUESTION, SQL_TEXT,
             ID_NUMBER[-8:], "shared-token-value")
FORMAT = logging.Formatter("%(levelname)s %(name)s %(message)s")


def everything(caplog) -> str:
    """All records as a handler would write them, tracebacks included."""
    # A structured (JSON) handler would also print the extras RQ attaches.
    return "\n".join(FORMAT.format(record) + repr(getattr(record, "arguments", ""))
                     + repr(getattr(record, "kwargs", "")) for record in caplog.records)


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


@pytest.fixture
def queue_name(app):
    app.config["RQ_QUEUE"] = app.config["REDIS_PREFIX"] + "q"
    yield
    if app.extensions["mzt.redis"] is not None:
        jobs.queue().delete(delete_jobs=True)


def run_queued_jobs(app) -> None:
    """What `flask worker` does with the queued jobs (embedded: they already ran inline)."""
    if app.extensions["mzt.redis"] is not None:
        queue = jobs.queue()
        SimpleWorker([queue], connection=queue.connection).work(
            burst=True, max_jobs=10, logging_level="DEBUG")


def say(wechat, text: str, n: int) -> str:
    return wechat.post("text.xml", FromUserName=OPENID, Content=text, MsgId=str(880000 + n)).text


def test_an_application_over_wechat_logs_nothing_personal(seeded, wechat, logs):
    steps = ["我要申请高龄津贴", NAME, ID_NUMBER, PHONE, "1", ADDRESS, "确认", QUESTION, "我的申请"]
    replies = [say(wechat, text, n) for n, text in enumerate(steps)]
    assert db.session.scalar(db.select(db.func.count()).select_from(Application)) == 1
    assert "身份证" in replies[7] or "材料" in replies[7]
    # A replayed signed URL is refused and logged too.
    first = wechat.post("text.xml", FromUserName=OPENID, Content=QUESTION, MsgId="880100")
    assert wechat.post("text.xml", query=first.query, FromUserName=OPENID,
                       Content=QUESTION, MsgId="880101").status == 403
    assert logs.records, "nothing was logged: the test would prove nothing"
    text = everything(logs)
    assert [s for s in SENSITIVE if s in text] == []


def test_failed_token_fetches_keep_the_app_secret_out_of_logs_and_rows(app, logs, queue_name):
    dead = f"http://127.0.0.1:{free_port()}/cgi-bin/"
    app.config.update(WECHAT_SECRET=SECRET, NOTIFY_VIA="wechat", WECHAT_API_BASE=dead)
    # Inside the 48-hour window the notice goes as a customer-service message,
    # which needs the access token (outside it, no template: undeliverable, no fetch).
    contacts.seen(wx(OPENID))
    notify(wx(OPENID), f"{NAME}您好，您的申请已受理，如有疑问请致电{PHONE}")
    db.session.commit()
    jobs.enqueue("bot.tasks.send_texts", OPENID, [f"{NAME}的预约已确认"])
    db.session.commit()
    with FakeWeChatAPI() as fake:  # answers the token GET with 501: wechatpy chains the error
        app.config["WECHAT_API_BASE"] = fake.base
        jobs.enqueue("bot.tasks.send_texts", OPENID, [f"{NAME}的预约已确认"])
        db.session.commit()
        run_queued_jobs(app)
    row = db.session.scalar(db.select(Notification))
    assert row.status == "failed" and row.last_error
    assert SECRET not in row.last_error
    text = everything(logs)
    assert "token" in text  # the failures were logged, without what they quoted
    assert [s for s in SENSITIVE if s in text] == []


def test_a_sql_error_on_the_message_path_logs_no_parameters(seeded, wechat, logs, monkeypatch):
    from bot import engine

    def clashing(incoming, opened):
        # A unique clash whose parameters are the resident's text and openid.
        db.session.add(User(username="admin", display_name=incoming.text[:60],
                            password_hash=incoming.user, role="staff"))
        db.session.flush()

    monkeypatch.setattr(engine, "_with_state", clashing)
    assert say(wechat, SQL_TEXT, 99)  # the resident is told we are busy
    text = everything(logs)
    assert "IntegrityError" in text
    assert [s for s in SENSITIVE if s in text] == []


def test_rq_job_lines_name_the_job_not_its_arguments(app, logs, queue_name):
    if app.extensions["mzt.redis"] is None:
        pytest.skip("jobs run inline without Redis")
    import json

    from core.store import get_store

    with FakeWeChatAPI() as fake:
        app.config["WECHAT_API_BASE"] = fake.base
        get_store().set(f"wechatpy:{app.config['WECHAT_APPID']}_access_token",
                        json.dumps("shared-token-value"), 3600)
        job = jobs.enqueue("bot.tasks.send_texts", OPENID, [f"{NAME}的预约已确认，电话{PHONE}"])
        assert job.description == "bot.tasks.send_texts"
        run_queued_jobs(app)
        assert len(fake.calls) == 1
    text = everything(logs)
    assert "bot.tasks.send_texts" in text
    assert [s for s in SENSITIVE if s in text] == []


def test_dedupe_warnings_name_no_openid(app, logs, monkeypatch):
    import redis

    from bot import dedupe, session
    from bot.messages import Incoming

    def down(*args, **kwargs):
        raise redis.exceptions.ConnectionError("Redis is down")

    monkeypatch.setattr(session, "open_turn", down)
    replies = dedupe.deliver(f"msg:{OPENID}:1", Incoming(user=OPENID, text=QUESTION),
                             lambda opened: ["好的"])
    assert replies == ["好的"]
    text = everything(logs)
    assert "without retry or replay protection" in text
    assert [s for s in SENSITIVE if s in text] == []
