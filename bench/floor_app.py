"""The shared-state floor for bench/load_bench.py: the echo plus what statelessness costs.

Everything the echo does (signature, body limit, defusedxml gate, wechatpy
parse and render), plus the two store round trips every message of ours
makes because no state may live in a process (core.store: open the turn,
close it), run on a small thread pool under the reply budget as the
5-second rule needs. No Flask, no understanding, no handlers, no database.
It answers how close to the echo any design that meets issue 7's other
requirements can get on the machine the bench runs on.

    REDIS_URL=redis://127.0.0.1:6379/0 gunicorn -w 2 -b 127.0.0.1:8002 bench.floor_app:app
"""
from __future__ import annotations

import json
import os
import uuid
from concurrent.futures import ThreadPoolExecutor

from bench import echo_app
from core.store import MemoryStore, RedisStore, TurnClaim, TurnKeys

PREFIX = os.environ.get("REDIS_PREFIX", "mzt:") + "floor:"
BUDGET = 4
# Process resources, made after gunicorn's fork.
_made: dict = {"pid": None}


def _resources() -> tuple[RedisStore | MemoryStore, ThreadPoolExecutor]:
    if _made["pid"] != os.getpid():
        url = os.environ.get("REDIS_URL")
        if url:
            import redis

            store = RedisStore(redis.Redis.from_url(url, socket_timeout=2), PREFIX)
        else:
            store = MemoryStore()
        _made.update(pid=os.getpid(), store=store, pool=ThreadPoolExecutor(4))
    return _made["store"], _made["pool"]


def _turn(store, message) -> str:
    """Open the resident's turn, change the state, close it: as bot.session does."""
    user = message.source
    keys = TurnKeys(lock=f"lock:conv:{user}", state=f"session:{user}",
                    seen=f"wechat:seen:{message.id}", count=f"rl:resident:{user}")
    claim = TurnClaim(token=uuid.uuid4().hex, lock_ttl=15, limit=1000, window=60)
    status, value, _ = store.open_turn(keys, claim)
    state = json.loads(value) if status == "open" and value else {"history": []}
    text = getattr(message, "content", "") or "ok"
    state["history"] = (state.get("history", []) + [text])[-6:]
    store.close_turn(keys, claim, json.dumps(state, ensure_ascii=False), 7200,
                     json.dumps([text], ensure_ascii=False), 600)
    return text


def _answer(message) -> str:
    store, pool = _resources()
    return pool.submit(_turn, store, message).result(timeout=BUDGET)


# Verify and parse as the echo does, one turn through the store, echo the text back.
app = echo_app.serve(_answer)
