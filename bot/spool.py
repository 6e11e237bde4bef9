"""Messages that arrived while the database was down, kept for replay.

The raw Incoming goes to a Redis list (shared by every host) or, when Redis
is unreachable too, to one file per message under SPOOL_DIR. `replay()`
runs them through the engine once the database is back and hands the
replies to the worker to send as customer-service messages.
"""
from __future__ import annotations

import json
import logging
import os
import time
import uuid
from dataclasses import asdict
from pathlib import Path

import redis
from flask import current_app
from sqlalchemy.exc import InterfaceError, OperationalError

from bot.messages import Incoming
from core.store import redis_client

log = logging.getLogger(__name__)
QUEUE, CLAIMED = "spool:incoming", "spool:claimed"
STORE_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


def record(incoming: Incoming) -> str:
    """Keep the message durably without the database; return where it went."""
    entry = json.dumps({"id": uuid.uuid4().hex, "at": time.time(), "incoming": asdict(incoming)},
                       ensure_ascii=False)
    client = redis_client(current_app)
    if client is not None:
        try:
            client.rpush(_key(QUEUE), entry)
            return "redis"
        except STORE_DOWN:
            log.warning("spool: Redis unreachable, keeping the message in a file")
    _write_file(entry)
    return "file"


def _key(name: str) -> str:
    return current_app.config["REDIS_PREFIX"] + name


def _write_file(entry: str) -> None:
    folder = Path(current_app.config["SPOOL_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{time.time():.6f}-{uuid.uuid4().hex}"
    tmp = folder / f".{name}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(entry)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, folder / f"{name}.json")


def pending() -> int:
    """How many messages wait for replay (Redis list plus local files)."""
    client = redis_client(current_app)
    count = client.llen(_key(QUEUE)) + client.llen(_key(CLAIMED)) if client is not None else 0
    folder = Path(current_app.config["SPOOL_DIR"])
    return count + (len(list(folder.glob("*.json"))) if folder.is_dir() else 0)


def replay(limit: int = 500) -> int:
    """Run waiting messages through the engine, oldest first; stop if the DB is still down."""
    from core.store import LockTimeout, get_store

    try:
        with get_store().lock("spool:replay", timeout=600, wait=0.1):
            _return_orphans()
            return _replay(limit)
    except LockTimeout:
        return 0  # another replayer is at it


def _return_orphans() -> None:
    # We hold the replay lock, so anything still claimed belongs to a dead replayer.
    client = redis_client(current_app)
    if client is not None:
        while client.lmove(_key(CLAIMED), _key(QUEUE), "RIGHT", "LEFT") is not None:
            pass
    folder = Path(current_app.config["SPOOL_DIR"])
    for claimed in folder.glob("*.claimed") if folder.is_dir() else []:
        os.rename(claimed, claimed.with_suffix(".json"))


def _replay(limit: int) -> int:
    done = 0
    for claim in _claims(limit):
        entry = json.loads(claim.payload)
        try:
            _replay_one(Incoming(**entry["incoming"]))
        except (OperationalError, InterfaceError):
            claim.release()
            log.warning("spool: database still unreachable, %d replayed so far", done)
            break
        claim.finish()
        done += 1
    return done


def _replay_one(incoming: Incoming) -> None:
    from bot import engine
    from core import jobs
    from core.extensions import db

    texts = engine.reply(incoming, replay=True)
    if texts and incoming.channel == "wechat":
        jobs.enqueue("bot.tasks.send_texts", incoming.user, texts)
    db.session.commit()


class _Claim:
    """One spooled message held by this replayer until finished or released."""

    def __init__(self, payload: str, finish, release) -> None:
        self.payload, self.finish, self.release = payload, finish, release


def _claims(limit: int):
    client = redis_client(current_app)
    for _ in range(limit if client is not None else 0):
        # LMOVE to a claimed list: a replayer that dies leaves it there, not lost.
        raw = client.lmove(_key(QUEUE), _key(CLAIMED), "LEFT", "RIGHT")
        if raw is None:
            break
        yield _Claim(raw.decode(), lambda raw=raw: client.lrem(_key(CLAIMED), 1, raw),
                     lambda raw=raw: _unclaim(client, raw))
    folder = Path(current_app.config["SPOOL_DIR"])
    for path in sorted(folder.glob("*.json"))[:limit] if folder.is_dir() else []:
        claimed = path.with_suffix(".claimed")
        try:
            os.rename(path, claimed)  # atomic: only one replayer gets it
        except FileNotFoundError:
            continue
        yield _Claim(claimed.read_text(encoding="utf-8"), claimed.unlink,
                     lambda c=claimed, p=path: os.rename(c, p))


def _unclaim(client, raw: bytes) -> None:
    pipe = client.pipeline()
    pipe.lrem(_key(CLAIMED), 1, raw)
    pipe.lpush(_key(QUEUE), raw)
    pipe.execute()
