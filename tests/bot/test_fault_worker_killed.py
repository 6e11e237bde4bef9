"""Killed workers: the restart (same name) finishes the job and repeats no accepted send."""
import json

import pytest
from rq.job import Job, JobStatus

from core import create_app, jobs
from core.extensions import db
from core.store import get_store

from live import FakeWeChatAPI, RedisServer, app_env, flask, kill_unit, wait_until
from tests.helpers import wx

pytestmark = pytest.mark.skipif(not RedisServer.available, reason="redis-server is not installed")


def test_send_interrupted_by_a_killed_worker_happens_after_restart(tmp_path):
    server = RedisServer().start()
    database = f"sqlite:///{tmp_path / 'worker.db'}"
    with FakeWeChatAPI(hang_first=1) as api:
        env = app_env(REDIS_URL=server.url, DATABASE_URL=database, REDIS_PREFIX="mzt-kill:",
                      WECHAT_API_BASE=api.base)
        app = create_app({"REDIS_URL": server.url, "SQLALCHEMY_DATABASE_URI": database,
                          "REDIS_PREFIX": "mzt-kill:", "TESTING": True,
                          "WECHAT_APPID": env["WECHAT_APPID"]})
        worker = None
        try:
            with app.app_context():
                get_store().set(f"wechatpy:{app.config['WECHAT_APPID']}_access_token",
                                json.dumps("shared-token"), 3600)
                job = jobs.enqueue("bot.tasks.send_texts", "oKilledSend", ["您的申请已受理。"])
                worker = flask(["worker", "--name", "mzt-test-worker"], env)
                assert wait_until(lambda: len(api.calls) == 1, 30), "worker never started the send"
                kill_unit(worker)  # mid-send: WeChat has not answered yet
                assert job.get_status(refresh=True) == JobStatus.STARTED

                again = flask(["worker", "--name", "mzt-test-worker", "--burst"], env)
                assert again.wait(timeout=60) == 0
                assert api.answered == 1
                assert [c["body"]["touser"] for c in api.calls] == ["oKilledSend"] * 2
                assert Job.fetch(job.id, connection=job.connection).get_status() == JobStatus.FINISHED
                db.session.remove()
        finally:
            if worker is not None:
                kill_unit(worker)
            with app.app_context():
                db.engine.dispose()
            server.kill()


def test_sweep_killed_after_a_send_was_accepted_does_not_repeat_it(tmp_path):
    from notifications import contacts
    from notifications.models import Notification

    server = RedisServer().start()
    database = f"sqlite:///{tmp_path / 'sweep.db'}"
    # WeChat accepts the first send and holds the second: the job is still running.
    with FakeWeChatAPI(hang_calls=(2,)) as api:
        env = app_env(REDIS_URL=server.url, DATABASE_URL=database, REDIS_PREFIX="mzt-sweep:",
                      WECHAT_API_BASE=api.base)
        app = create_app({"REDIS_URL": server.url, "SQLALCHEMY_DATABASE_URI": database,
                          "REDIS_PREFIX": "mzt-sweep:", "TESTING": True,
                          "WECHAT_APPID": env["WECHAT_APPID"]})
        worker = None
        try:
            with app.app_context():
                db.create_all()
                db.session.add_all([Notification(resident=wx(who), text="您的申请已受理。", via="wechat",
                                                 status="failed", attempts=1)
                                    for who in ("oSweepA", "oSweepB")])
                for who in ("oSweepA", "oSweepB"):  # in the 48-hour window: customer-service sends
                    contacts.seen(wx(who))
                db.session.commit()
                get_store().set(f"wechatpy:{app.config['WECHAT_APPID']}_access_token",
                                json.dumps("shared-token"), 3600)
                job = jobs.enqueue("notifications.tasks.retry_failed")
                worker = flask(["worker", "--name", "mzt-test-sweeper"], env)
                assert wait_until(lambda: len(api.calls) == 2, 30), "the sweep never sent"
                assert api.answered == 1
                kill_unit(worker)  # as systemd stops the unit: work-horse and all
                assert job.get_status(refresh=True) == JobStatus.STARTED

                again = flask(["worker", "--name", "mzt-test-sweeper", "--burst"], env)
                assert again.wait(timeout=60) == 0
                sends = [c["body"]["touser"] for c in api.calls]
                assert sends.count("oSweepA") == 1, sends  # accepted once: not sent again
                assert sends.count("oSweepB") == 2  # never answered: sent again
                db.session.remove()
                assert {r.status for r in db.session.scalars(db.select(Notification))} == {"sent"}
        finally:
            if worker is not None:
                kill_unit(worker)
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
            server.kill()


def test_a_send_job_run_again_after_delivery_is_not_repeated(tmp_path):
    from rq import SimpleWorker

    server = RedisServer().start()
    with FakeWeChatAPI() as api:
        app = create_app({"REDIS_URL": server.url, "REDIS_PREFIX": "mzt-again:", "TESTING": True,
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'again.db'}",
                          "WECHAT_APPID": "wx1234567890abcdef", "WECHAT_API_BASE": api.base})
        try:
            with app.app_context():
                get_store().set(f"wechatpy:{app.config['WECHAT_APPID']}_access_token",
                                json.dumps("shared-token"), 3600)
                queue = jobs.queue()
                job = jobs.enqueue("bot.tasks.send_texts", "oSentOnce", ["您的申请已受理。"])
                SimpleWorker([queue], connection=queue.connection).work(burst=True)
                assert api.answered == 1
                # What core.worker.recover does with a job its killed worker left running.
                queue.enqueue_job(job, at_front=True)
                SimpleWorker([queue], connection=queue.connection).work(burst=True)
                assert [c["body"]["touser"] for c in api.calls] == ["oSentOnce"]
                assert Job.fetch(job.id, connection=job.connection).get_status() == JobStatus.FINISHED
        finally:
            with app.app_context():
                db.engine.dispose()
            server.kill()
