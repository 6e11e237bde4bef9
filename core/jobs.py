"""Background jobs: RQ when Redis is configured, inline otherwise."""
from __future__ import annotations

import importlib
import logging

from flask import current_app

log = logging.getLogger(__name__)


def resolve(dotted: str):
    """Import a job function from its dotted name ('orders.tasks.sweep')."""
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def run_in_app(dotted: str, *args, **kwargs):
    """Entry point RQ workers call: run the job inside a fresh app context."""
    from core import create_app

    app = create_app()
    with app.app_context():
        return _run(dotted, *args, **kwargs)


def _run(dotted: str, *args, **kwargs):
    from core.extensions import db

    try:
        result = resolve(dotted)(*args, **kwargs)
        db.session.commit()
        return result
    except Exception:
        db.session.rollback()
        raise


def enqueue(dotted: str, *args, **kwargs):
    """Queue a job by dotted name; without Redis run it now in this transaction."""
    client = current_app.extensions.get("mzt.redis")
    if client is None or current_app.config.get("JOBS_INLINE"):
        # Inline jobs join the caller's unit of work, committed at its boundary;
        # a failing job is logged and must not undo what the caller did.
        from core.extensions import db

        try:
            with db.session.begin_nested():
                return resolve(dotted)(*args, **kwargs)
        except Exception:
            log.exception("inline job %s failed", dotted)
            return None
    from rq import Queue, Retry

    queue = Queue("mzt", connection=client)
    return queue.enqueue(run_in_app, dotted, *args, retry=Retry(max=5, interval=[5, 30, 120, 600, 1800]), **kwargs)
