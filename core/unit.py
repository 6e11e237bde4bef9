"""One unit of work per boundary: a request, a message, a job, a command.

Models and operations never commit. The boundary does, once, at its end
(`commit`), and rolls back on any exception, and, for a request, on any
response of 400 or more: a view that wrote and then refused keeps nothing.
Jobs queued meanwhile leave once the commit lands (core.jobs), so a job
never runs before the rows it reads exist, and a rollback drops them.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TypeVar

from flask import Flask

from core import durability
from core.extensions import db

log = logging.getLogger(__name__)
T = TypeVar("T")


def commit() -> None:
    """Commit the unit (relaxed when it wrote only log rows; see core.durability)."""
    durability.commit()


def rollback() -> None:
    """Undo the unit; a connection already gone leaves the session reset either way."""
    try:
        db.session.rollback()
    except Exception:
        log.warning("rollback failed after a database error")


@contextmanager
def work() -> Iterator[None]:
    """Run a block as one unit: commit at the end, roll back if it raises."""
    try:
        yield
    except BaseException:
        rollback()
        raise
    commit()


def of_work(func: Callable[..., T]) -> Callable[..., T]:
    """Decorate a job or command so its whole run is one unit."""
    @wraps(func)
    def wrapped(*args, **kwargs):
        with work():
            return func(*args, **kwargs)
    return wrapped


def finish_request(response):
    """The request's one commit; an error or refusal (status >= 400) rolls back instead."""
    finish(response.status_code)
    return response


def finish(status: int) -> None:
    """End a request's unit by its response status (also for bot.wechat's direct path)."""
    if not db.session.registry.has():
        return  # the request never opened a session (most WeChat deliveries)
    if status >= 400:
        rollback()
    else:
        commit()


def init_app(app: Flask) -> None:
    app.after_request(finish_request)
