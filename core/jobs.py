"""Background jobs: RQ when Redis is configured, inline otherwise."""
from __future__ import annotations

import importlib
import logging
import os

import redis
from flask import current_app, has_app_context

log = logging.getLogger(__name__)
QUEUE = "mzt"
STORE_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
# Sends are retried by RQ, also when a worker died mid-job (see core.worker).
RETRY_INTERVALS = [5, 30, 120, 600, 1800]


def resolve(dotted: str):
    """Import a job function from its dotted name ('orders.tasks.sweep')."""
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def run_in_app(dotted: str, *args, **kwargs):
    """Entry point RQ workers call: run the job inside the worker's app context.

    `flask worker` pushes one app context for the life of the worker, so jobs
    reuse its app; a bare `rq worker` gets a fresh app per job.
    """
    if has_app_context():
        _fresh_connections_after_fork()
        return _run(dotted, *args, **kwargs)
    from core import create_app

    app = create_app()
    with app.app_context():
        return _run(dotted, *args, **kwargs)


def _fresh_connections_after_fork() -> None:
    # RQ forks a work-horse per job: sockets inherited from the parent must
    # not be shared, so the child drops the parent's pool without closing it.
    app = current_app._get_current_object()
    if app.extensions.get("mzt.pid") != os.getpid():
        from core.extensions import db

        db.engine.dispose(close=False)
        app.extensions["mzt.pid"] = os.getpid()


def _run(dotted: str, *args, **kwargs):
    from core.extensions import db

    try:
        result = resolve(dotted)(*args, **kwargs)
        db.session.commit()
        return result
    except Exception:
        db.session.rollback()
        raise
    finally:
        db.session.remove()
        # A SimpleWorker keeps one app context: the next job reads staff edits afresh.
        from core import calendar

        calendar.forget()


def queue(connection=None):
    """The app's RQ queue (RQ_QUEUE, "mzt" unless a test keeps its own)."""
    from rq import Queue

    return Queue(current_app.config.get("RQ_QUEUE", QUEUE),
                 connection=connection or current_app.extensions["mzt.redis"])


def enqueue(dotted: str, *args, **kwargs):
    """Queue a job by dotted name; without Redis run it now in this transaction."""
    client = current_app.extensions.get("mzt.redis")
    if client is None or current_app.config.get("JOBS_INLINE"):
        return _inline(dotted, *args, **kwargs)
    from rq import Retry

    try:
        # RQ's default description is the call with its arguments (openids,
        # reply texts), which its worker logs on every job: name the job only.
        return queue(client).enqueue(run_in_app, dotted, *args, description=dotted,
                                     retry=Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS),
                                     job_timeout=current_app.config.get("JOB_TIMEOUT", 120),
                                     **kwargs)
    except STORE_DOWN:
        # Redis is down: doing the work now beats losing it.
        log.warning("queue unreachable: running %s inline", dotted)
        return _inline(dotted, *args, **kwargs)


def _inline(dotted: str, *args, **kwargs):
    # Inline jobs join the caller's unit of work, committed at its boundary;
    # a failing job is logged and must not undo what the caller did.
    from core.extensions import db

    try:
        with db.session.begin_nested():
            return resolve(dotted)(*args, **kwargs)
    except Exception:
        log.exception("inline job %s failed", dotted)
        return None


AFTER_COMMIT = "mzt.jobs.after_commit"


def enqueue_after_commit(dotted: str, *args) -> None:
    """Queue a job once the caller's transaction commits, so the job sees its rows.

    Without Redis (or with JOBS_INLINE) it runs now, inside the transaction,
    as `enqueue` does. A rollback drops it; a queue that is down when the
    commit lands leaves the work to the job's own periodic retry.
    """
    from core.extensions import db

    client = current_app.extensions.get("mzt.redis")
    if client is None or current_app.config.get("JOBS_INLINE"):
        _inline(dotted, *args)
        return
    db.session().info.setdefault(AFTER_COMMIT, []).append(
        (current_app._get_current_object(), dotted, args))


def _after_commit(session) -> None:
    for app, dotted, args in session.info.pop(AFTER_COMMIT, []):
        try:
            with app.app_context():
                queue(app.extensions["mzt.redis"]).enqueue(
                    run_in_app, dotted, *args, job_timeout=app.config.get("JOB_TIMEOUT", 120),
                    retry=_retry())
        except STORE_DOWN:
            log.warning("queue unreachable after commit: %s left to its periodic retry", dotted)


def _retry():
    from rq import Retry

    return Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS)


def _forget(session, previous_transaction) -> None:
    # A savepoint's rollback keeps the outer transaction's jobs; the outermost drops all.
    if previous_transaction.parent is None:
        session.info.pop(AFTER_COMMIT, None)


def _listen() -> None:
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    event.listen(Session, "after_commit", _after_commit)
    event.listen(Session, "after_soft_rollback", _forget)


_listen()
