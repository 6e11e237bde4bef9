"""Each signed WeChat URL is good for one delivery within the replay window.

WeChat's plaintext signature covers the token, timestamp and nonce, not the
body, and signed URLs end up in access logs: without this, anyone holding
one could post other messages under it until the timestamp goes stale. The
first delivery a (timestamp, nonce, signature) carries is remembered in the
shared store; the same URL is accepted again only with the same delivery
(WeChat's retry, which the retry dedupe answers), anything else is refused.
A message claims its URL in the round trip that opens its turn (bot.dedupe);
the URL check (GET) claims it on its own.
"""
from __future__ import annotations

import hashlib
import logging

from flask import current_app

from bot.protocol import Rejected
from core.store import STORE_DOWN, get_store

log = logging.getLogger(__name__)
VERIFY = "verify"  # what a GET (URL check) carries


def _key(args) -> str:
    parts = "\n".join(args.get(name, "") for name in ("timestamp", "nonce", "signature"))
    return "wechat:nonce:" + hashlib.sha256(parts.encode()).hexdigest()[:32]


def delivery_id(dedupe_key: str) -> str:
    """A digest of what the URL carried, so the store holds no openid under this key."""
    return hashlib.sha256(dedupe_key.encode()).hexdigest()[:32]


def for_turn(args, delivery: str) -> tuple[str, str, float]:
    """The claim a delivery's opening round trip makes (bot.dedupe): key, delivery, ttl."""
    return _key(args), delivery, 2 * current_app.config["WECHAT_REPLAY_WINDOW"]


def claim(args, delivery: str) -> None:
    """Remember this signed query for `delivery`; 403 if it already carried another one."""
    # A timestamp may be up to the window ahead of our clock as well as behind.
    ttl = 2 * current_app.config["WECHAT_REPLAY_WINDOW"]
    store, key = get_store(), _key(args)
    try:
        if store.add(key, delivery, ttl):
            return
        previous = store.get(key)
    except STORE_DOWN:
        # Like the retry dedupe and rate limits: residents are not refused
        # because Redis is down (safe mode still checks the body's signature).
        log.warning("nonce store unreachable: replayed signed URLs are not detected")
        return
    if previous != delivery:
        raise Rejected(403, "signed URL already used")
