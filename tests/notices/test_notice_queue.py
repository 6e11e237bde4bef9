"""A notice's send job is queued only once its row is committed."""
import pytest

from core import jobs
from core.extensions import db
from notifications.operations import notify
from tests.helpers import wx


@pytest.fixture
def queued(app):
    if app.extensions.get("mzt.redis") is None:
        pytest.skip("the queue needs Redis (TEST_REDIS_URL)")
    app.config["RQ_QUEUE"] = app.config["REDIS_PREFIX"] + "q"
    queue = jobs.queue()
    yield queue
    queue.delete(delete_jobs=True)


def test_send_job_waits_for_the_commit(app, queued):
    notify(wx("oQueued"), "您的订单已派单。", kind="order_status")
    assert queued.count == 0  # a job now would not find the row
    db.session.commit()
    assert queued.count == 1


def test_rolled_back_notice_queues_nothing(app, queued):
    notify(wx("oQueued"), "您的订单已派单。")
    db.session.rollback()
    db.session.commit()
    assert queued.count == 0
