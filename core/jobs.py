"""Background jobs: RQ when Redis is configured, inline otherwise."""
from __future__ import annotations

import importlib
import logging
import os

from flask import current_app, has_app_context

from core.store import STORE_DOWN

log = logging.getLogger(__name__)
QUEUE = "mzt"
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
    from core import unit
    from core.extensions import db

    try:
        # The job is one unit of work: committed at its end, rolled back if it raises.
        with unit.work():
            return resolve(dotted)(*args, **kwargs)
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
    """Queue a job by dotted name once the caller's transaction commits.

    Outside a transaction it is queued now. A rollback, or the rollback of the
    savepoint it was queued in, drops it, so a job never looks for rows that
    were never committed. Without Redis (or with JOBS_INLINE) it runs now,
    inside the caller's transaction. A queue that is down runs it inline when
    it is queued now, and leaves it to its periodic retry after a commit.
    """
    from core.extensions import db

    client = current_app.extensions.get("mzt.redis")
    if client is None or current_app.config.get("JOBS_INLINE"):
        return _inline(dotted, *args, **kwargs)
    session = db.session()
    if not session.in_transaction():
        return _send(current_app._get_current_object(), dotted, args, kwargs)
    # The innermost transaction it belongs to: a savepoint's rollback drops it.
    joined = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(AFTER_COMMIT, []).append(
        (joined, current_app._get_current_object(), dotted, args, kwargs))
    return None


def _send(app, dotted: str, args: tuple, kwargs: dict):
    try:
        return _put(app, dotted, args, kwargs)
    except STORE_DOWN:
        # Redis is down: doing the work now beats losing it.
        log.warning("queue unreachable: running %s inline", dotted)
        return _inline(dotted, *args, **kwargs)


def _put(app, dotted: str, args: tuple, kwargs: dict):
    from rq import Retry

    # RQ's default description is the call with its arguments (openids,
    # reply texts), which its worker logs on every job: name the job only.
    return queue(app.extensions["mzt.redis"]).enqueue(
        run_in_app, dotted, *args, description=dotted,
        retry=Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS),
        job_timeout=app.config.get("JOB_TIMEOUT", 120), **kwargs)


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


def _after_commit(session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: its jobs wait for the outer commit
    root = session.get_transaction()
    for joined, app, dotted, args, kwargs in session.info.pop(AFTER_COMMIT, []):
        if not _within(joined, root):
            continue  # left by a transaction that ended without a commit
        with app.app_context():
            try:
                _put(app, dotted, args, kwargs)
            except STORE_DOWN:
                # After the commit a job can no longer join the transaction it came from.
                log.warning("queue unreachable after commit: %s left to its periodic retry", dotted)


def _forget(session, previous_transaction) -> None:
    """Drop the jobs queued inside the transaction (or savepoint) that rolled back."""
    pending = session.info.get(AFTER_COMMIT)
    if not pending:
        return
    pending[:] = [entry for entry in pending if not _within(entry[0], previous_transaction)]


def _within(joined, ended) -> bool:
    while joined is not None:
        if joined is ended:
            return True
        joined = joined.parent
    return False


def _listen() -> None:
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    event.listen(Session, "after_commit", _after_commit)
    event.listen(Session, "after_soft_rollback", _forget)


_listen()
