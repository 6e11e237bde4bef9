"""A job is one unit of work: what it wrote and what it queued leave with its commit only."""
from __future__ import annotations

from datetime import timedelta

import pytest

from core import jobs
from core.extensions import db
from notifications.models import Notification
from orders import tasks
from orders.models import OrderEvent
from orders.transitions import TransitionError
from order_paths import T0

DUE = (T0 + timedelta(days=3)).isoformat()  # the rating reminder's day


@pytest.fixture
def queue(app):
    """The test's own RQ queue, emptied of what building the orders queued (None: inline)."""
    if app.extensions.get("mzt.redis") is None:
        yield None
        return
    app.config["RQ_QUEUE"] = app.config["REDIS_PREFIX"] + "q"
    queue = jobs.queue()
    yield queue
    queue.delete(delete_jobs=True)


def _two_waiting_for_a_rating(kit, queue):
    orders = [kit.in_state("awaiting_rating"), kit.in_state("awaiting_rating")]
    if queue is not None:
        queue.empty()
    return orders


def _queued_sends(queue) -> list[int]:
    if queue is None:
        return []
    return [job.args[1] for job in queue.get_jobs() if job.args[0] == "notifications.tasks.send"]


def _reminders() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(OrderEvent)
                             .where(OrderEvent.event == "rating_reminder"))


def test_a_job_raising_midway_leaves_nothing(kit, queue, monkeypatch):
    _two_waiting_for_a_rating(kit, queue)
    notices = db.session.scalar(db.select(db.func.count()).select_from(Notification))
    seen = []

    def second_fails(order, now):
        seen.append(order.id)
        if len(seen) == 2:
            raise RuntimeError("the sweep stopped half-way")
        return real(order, now)

    real = tasks._rating
    monkeypatch.setattr(tasks, "_rating", second_fails)
    with pytest.raises(RuntimeError):
        jobs.run_in_app("orders.tasks.sweep", DUE)
    assert len(seen) == 2
    # The first order was reminded inside the job: nothing of it is kept, or sent.
    assert _reminders() == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Notification)) == notices
    assert _queued_sends(queue) == []


def test_a_step_refused_in_its_savepoint_queues_no_send_for_its_rolled_back_notice(
        kit, queue, monkeypatch):
    if queue is None:
        pytest.skip("inline jobs run inside their savepoint; the queue needs Redis")
    _two_waiting_for_a_rating(kit, queue)
    seen = []

    def second_refused(order, now):
        seen.append(order.id)
        action = real(order, now)  # the reminder, and its notice, are written...
        if len(seen) == 2:
            raise TransitionError("moved meanwhile")  # ...then its savepoint rolls back
        return action

    real = tasks._rating
    monkeypatch.setattr(tasks, "_rating", second_refused)
    assert jobs.run_in_app("orders.tasks.sweep", DUE) == {"rating_reminder": 1}
    assert _reminders() == 1
    committed = set(db.session.scalars(db.select(Notification.id)))
    sends = _queued_sends(queue)
    assert len(sends) == 1 and set(sends) <= committed


def test_a_send_queued_inside_a_savepoint_waits_for_the_outer_commit(kit, queue):
    if queue is None:
        pytest.skip("the queue needs Redis")
    order = kit.in_state("pending_dispatch")
    queue.empty()
    with db.session.begin_nested():  # as each order of a sweep, each staff notice
        kit.do(order, "dispatch", "staff", organization_id="org1")
    with db.session.begin_nested():
        pass  # a later savepoint released in the same unit
    assert queue.count == 0  # the worker would look for rows not yet committed
    db.session.commit()
    assert queue.count >= 1 and set(_queued_sends(queue)) <= set(
        db.session.scalars(db.select(Notification.id)))
