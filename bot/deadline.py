"""WeChat's 5-second rule: answer within the budget or say "success" and send later.

WeChat waits 5 seconds for a passive reply, then retries and finally shows
the resident an error. The engine runs on a small thread pool; if it has not
answered within REPLY_BUDGET seconds the endpoint answers "success" at once,
and when the engine finishes its reply is queued for the worker to deliver
as a customer-service message. Retries of the message (see dedupe) get
"success" too, so the engine runs once.
"""
from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor, TimeoutError

from flask import Flask, current_app

from bot import channels, engine
from bot.messages import Incoming
from bot.session import Opened
from core import jobs, unit
from core.extensions import db

log = logging.getLogger(__name__)
# A process resource, not state: created lazily in each (forked) worker process.
_pool: dict = {"pid": None, "executor": None}
_pool_guard = threading.Lock()


def reply_within_budget(incoming: Incoming, opened: Opened | None = None) -> list[str]:
    """The engine's replies, or [] once the budget is spent (they follow by the API)."""
    app = current_app._get_current_object()
    budget = app.config.get("REPLY_BUDGET") or 0
    if budget <= 0:
        return engine.reply(incoming, opened=opened)
    future = _executor(app).submit(_reply_in_context, app, incoming, opened)
    try:
        return future.result(timeout=budget)
    except TimeoutError:
        log.warning("reply over budget (%.1f s): it will follow as a customer-service message",
                    budget)
        future.add_done_callback(lambda done: _deliver_late(app, incoming, done))
        return []


def _reply_in_context(app: Flask, incoming: Incoming, opened: Opened | None) -> list[str]:
    with app.app_context():
        try:
            return engine.reply(incoming, opened=opened)
        finally:
            db.session.remove()


def _deliver_late(app: Flask, incoming: Incoming, done: Future) -> None:
    with app.app_context():
        try:
            with unit.work():  # the job leaves when this commits
                texts = done.result()
                sender = channels.get(incoming.channel).sender
                if texts and sender:
                    jobs.enqueue(sender, incoming.user, texts)
        except Exception:
            log.exception("late reply for a slow message could not be queued")
        finally:
            db.session.remove()


def _executor(app: Flask) -> ThreadPoolExecutor:
    pid = os.getpid()
    if _pool["pid"] != pid:
        with _pool_guard:
            if _pool["pid"] != pid:  # threads do not survive gunicorn's fork
                _pool["executor"] = ThreadPoolExecutor(
                    max_workers=app.config.get("REPLY_THREADS", 4), thread_name_prefix="reply")
                _pool["pid"] = pid
    return _pool["executor"]
