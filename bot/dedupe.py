"""Answer WeChat's retries of one delivery once, with the same reply, on any worker.

WeChat resends a message it got no answer to within 5 seconds, up to three
times, possibly to another worker. The first delivery claims the key in the
shared store and saves its replies; a retry returns the saved replies, or
waits a little for them while the first delivery is still working.
"""
from __future__ import annotations

import json
import logging
import time
from typing import Callable

import redis
from flask import current_app

from core.store import get_store

log = logging.getLogger(__name__)
PENDING = "pending"
# Longer than the engine may take; a crashed first delivery frees the key then.
CLAIM_TTL = 60
# WeChat's three retries are over within about 15 seconds; keep a wide margin.
DONE_TTL = 600
POLL = 0.05
STORE_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


def once(key: str, produce: Callable[[], list[str]]) -> list[str]:
    """Run `produce` for the first delivery of `key`; retries get its replies."""
    store, name = get_store(), f"wechat:seen:{key}"
    deadline = time.monotonic() + current_app.config["WECHAT_RETRY_WAIT"]
    try:
        while True:
            if store.add(name, PENDING, CLAIM_TTL):
                return _produce(store, name, produce)
            value = store.get(name)
            if value is not None and value != PENDING:
                return json.loads(value)
            if time.monotonic() >= deadline:
                # Answering nothing stops WeChat retrying; running the message a
                # second time could book a service twice.
                log.warning("retry of %s gave up waiting for the first delivery", key)
                return []
            time.sleep(POLL)
    except STORE_DOWN:
        log.warning("dedupe store unreachable: answering %s without retry protection", key)
        return produce()


def _produce(store, name: str, produce: Callable[[], list[str]]) -> list[str]:
    # Store errors after the claim must not escape: `once` would run it again.
    try:
        replies = produce()
    except BaseException:
        _quietly(store.delete, name)  # nothing was answered, so a retry may run it
        raise
    _quietly(store.set, name, json.dumps(replies, ensure_ascii=False), DONE_TTL)
    return replies


def _quietly(call, *args) -> None:
    try:
        call(*args)
    except STORE_DOWN:
        log.warning("dedupe store unreachable: %s not saved", args[0])
