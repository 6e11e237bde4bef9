"""A worker killed mid-send: the restarted worker (same name) sends it at once."""
import json
import signal

import pytest
from rq.job import Job, JobStatus

from core import create_app, jobs
from core.extensions import db
from core.store import get_store

from live import FakeWeChatAPI, RedisServer, app_env, flask, stop, wait_until

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
                stop(worker, signal.SIGKILL)  # mid-send: WeChat has not answered yet
                assert job.get_status(refresh=True) == JobStatus.STARTED

                again = flask(["worker", "--name", "mzt-test-worker", "--burst"], env)
                assert again.wait(timeout=60) == 0
                assert api.answered == 1
                assert [c["body"]["touser"] for c in api.calls] == ["oKilledSend"] * 2
                assert Job.fetch(job.id, connection=job.connection).get_status() == JobStatus.FINISHED
                db.session.remove()
        finally:
            if worker is not None:
                stop(worker, signal.SIGKILL)
            with app.app_context():
                db.engine.dispose()
            server.kill()
