"""Answer WeChat's retries of one delivery once, with the same reply, on any worker.

WeChat resends a message it got no answer to within 5 seconds, up to three
times, possibly to another worker. The first delivery claims the key in the
shared store and saves its replies; a retry returns the saved replies, or
waits a little for them while the first delivery is still working.

The claim is taken in the round trip that also opens the message's turn
(bot.session.open_turn), and the engine saves the replies in the one that
closes it.
"""
from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable

from flask import current_app

from bot import session
from bot.messages import Incoming
from bot.protocol import Rejected
from bot.session import DONE_TTL, PENDING, Opened
from core.store import STORE_DOWN, get_store

log = logging.getLogger(__name__)
POLL = 0.05


def deliver(key: str, incoming: Incoming, produce: Callable[[Opened], list[str]],
            nonce: tuple[str, str, float] | None = None) -> list[str]:
    """Open the turn of the first delivery of `key` and run `produce`; retries get its replies.

    `nonce` (bot.nonces.for_turn) is claimed in the same round trip: 403 when
    the signed URL already carried another delivery.
    """
    store, name = get_store(), _name(key)
    deadline = time.monotonic() + current_app.config["WECHAT_RETRY_WAIT"]
    try:
        while True:
            opened = session.open_turn(incoming, seen=name, count=incoming.kind != "event",
                                       nonce=nonce)
            if opened.status == "replayed":
                raise Rejected(403, "signed URL already used")
            if opened.status != "seen":
                return _produce(store, name, lambda: _run(produce, opened),  # noqa: B023
                                lambda: opened.replies_saved)  # noqa: B023  (both run before the loop goes on)
            replies = _wait(store, name, key, deadline, opened.seen)
            if replies is not None:
                return replies
    except STORE_DOWN:
        # Like the rate limits: residents are not refused because Redis is down
        # (safe mode still checks the body's signature).
        log.warning("dedupe store unreachable: answering %s without retry or replay protection",
                    _label(key))
        return produce(session.down(incoming))


def _run(produce: Callable[[Opened], list[str]], opened: Opened) -> list[str]:
    try:
        return produce(opened)
    except BaseException:
        # The engine closes its turn; one that failed before that must not
        # leave the resident's conversation locked.
        try:
            session.release(opened)
        except STORE_DOWN:
            log.warning("dedupe store unreachable: conversation lock left to expire")
        raise


def _label(key: str) -> str:
    """A delivery key fit for logs: its kind and a digest, not the openid inside it."""
    return key.split(":", 1)[0] + ":" + hashlib.sha256(key.encode()).hexdigest()[:12]


def _name(key: str) -> str:
    return f"wechat:seen:{key}"


def _wait(store, name: str, key: str, deadline: float, value: str | None) -> list[str] | None:
    """The first delivery's replies; None when its claim is gone (it failed: run it again)."""
    while value == PENDING:
        if time.monotonic() >= deadline:
            # Answering nothing stops WeChat retrying; running the message a
            # second time could book a service twice.
            log.warning("retry of %s gave up waiting for the first delivery", _label(key))
            return []
        time.sleep(POLL)
        value = store.get(name)
    return None if value is None else json.loads(value)


def _produce(store, name: str, produce: Callable[[], list[str]],
             saved: Callable[[], bool] = lambda: False) -> list[str]:
    # Store errors after the claim must not escape: the caller would run it again.
    try:
        replies = produce()
    except BaseException:
        _quietly(store.delete, name)  # nothing was answered, so a retry may run it
        raise
    # [] may mean the budget ran out while the engine goes on (bot.deadline):
    # retries must then get "success" too, whatever the engine keeps later.
    if replies == [] or not saved():
        _quietly(store.set, name, json.dumps(replies, ensure_ascii=False), DONE_TTL)
    return replies


def _quietly(call, *args) -> None:
    try:
        call(*args)
    except STORE_DOWN:
        log.warning("dedupe store unreachable: %s not saved", _label(args[0]))
