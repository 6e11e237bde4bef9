"""Sends already accepted by WeChat, so a job run again does not repeat them.

A worker stopped with its work-horse (systemd kills the whole unit) leaves
its job marked running, and the restarted worker runs it again
(core.worker.recover); a sweep killed half-way runs again from the start.
Each send is marked in the shared store by an idempotency key right after
WeChat accepts it, and the mark is checked before sending: only the instant
between WeChat's answer and the mark can still repeat a message.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from core.store import STORE_DOWN, get_store

log = logging.getLogger(__name__)
# Far longer than RQ's retries (about 45 minutes in all) and any worker restart.
SENT_TTL = 7 * 24 * 3600


def once(key: str, send: Callable[[], object]) -> bool:
    """Call `send` unless `key` was delivered before; True when it sent now.

    `key` names the send (a job or row id), never the resident.
    """
    store, name = get_store(), f"sent:{key}"
    try:
        if store.get(name) is not None:
            log.info("send %s was delivered before: not repeated", key)
            return False
    except STORE_DOWN:
        log.warning("sent marks unreachable: sending %s without the repeat check", key)
    send()
    try:
        store.set(name, "1", SENT_TTL)
    except STORE_DOWN:
        # Raising would make the job retry and repeat a send WeChat accepted.
        log.warning("sent marks unreachable: %s not marked", key)
    return True
