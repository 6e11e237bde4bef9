"""Messages that arrived while the database was down, kept for replay.

The Incoming goes, encrypted with PII_KEY (it may hold ID numbers), to a
Redis list shared by every host or, when Redis is unreachable too, to one
0600 file per delivery under SPOOL_DIR (0700). Each entry is keyed by the
delivery's dedupe key (bot.protocol.dedupe_key): WeChat's retries of one
message are spooled once (a Redis guard key; a file named by the key's
hash), and bot.replay records each key in the database in the transaction
that runs it, so it is replayed once even if it was spooled twice. An entry
that cannot be decrypted (PII_KEY rotated) is kept aside and counted, never
dropped.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import uuid
from dataclasses import asdict
from pathlib import Path

from cryptography.fernet import InvalidToken
from flask import current_app

from bot.messages import Incoming
from core import pii
from core.store import STORE_DOWN, redis_client

log = logging.getLogger(__name__)
QUEUE, CLAIMED, ASIDE, GUARD = "spool:incoming", "spool:claimed", "spool:aside", "spool:guard:"
# Far longer than WeChat's retries (15 s); a guard outliving the entry is harmless.
GUARD_TTL = 24 * 3600
SUFFIX, CLAIMED_SUFFIX, ASIDE_SUFFIX = ".spool", ".claimed", ".undecryptable"
# Guard and push in one step: a retry sees the guard only if the entry is queued.
_RECORD = """
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[2]) then
  redis.call('RPUSH', KEYS[2], ARGV[1])
  return 1
end
return 0
"""


def record(incoming: Incoming) -> str:
    """Keep the message durably without the database; return where it went."""
    digest = _digest(incoming.dedupe or uuid.uuid4().hex)
    token = pii.seal(json.dumps({"key": digest, "at": time.time(), "incoming": asdict(incoming)},
                                ensure_ascii=False))
    client = redis_client(current_app)
    if client is not None:
        try:
            added = client.eval(_RECORD, 2, _key(GUARD + digest), _key(QUEUE), token, GUARD_TTL)
            return "redis" if added else "redis (a retry, already spooled)"
        except STORE_DOWN:
            log.warning("spool: Redis unreachable, keeping the message in a file")
    return "file" if _write_file(digest, token) else "file (a retry, already spooled)"


def _digest(key: str) -> str:
    # Keyed, so a file name or row cannot be matched to a resident's openid.
    secret = current_app.config["SECRET_KEY"].encode()[:64]
    return hashlib.blake2b(key.encode(), key=secret, digest_size=16).hexdigest()


def _key(name: str) -> str:
    return current_app.config["REDIS_PREFIX"] + name


def _folder(create: bool = False) -> Path:
    folder = Path(current_app.config["SPOOL_DIR"])
    if create:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.stat().st_mode & 0o077:
            folder.chmod(0o700)  # made by an older version, or under a loose umask
    return folder


def _write_file(digest: str, token: str) -> bool:
    """Write the entry 0600 and atomically; False when this key is already spooled."""
    folder = _folder(create=True)
    final = folder / f"{digest}{SUFFIX}"
    if final.exists() or final.with_suffix(CLAIMED_SUFFIX).exists():
        return False
    tmp = folder / f".{digest}.{uuid.uuid4().hex}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(token)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(tmp, final)  # unlike rename, never replaces a retry's file
    except FileExistsError:
        return False
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(folder)
    return True


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _files(*suffixes: str) -> list[Path]:
    folder = _folder()
    if not folder.is_dir():
        return []
    # *.json: plaintext entries an older version left, replayed like the rest.
    return sorted(p for s in suffixes for p in folder.glob(f"*{s}"))


def pending() -> int:
    """How many messages wait for replay (Redis list plus local files)."""
    client = redis_client(current_app)
    count = client.llen(_key(QUEUE)) + client.llen(_key(CLAIMED)) if client is not None else 0
    return count + len(_files(SUFFIX, ".json"))


def kept_aside() -> int:
    """How many entries could not be decrypted with the current PII_KEY."""
    client = redis_client(current_app)
    count = client.llen(_key(ASIDE)) if client is not None else 0
    return count + len(_files(ASIDE_SUFFIX))


def restore_aside() -> int:
    """Queue the entries kept aside again (after the old PII_KEY is back); return how many."""
    client, moved = redis_client(current_app), 0
    if client is not None:
        while client.lmove(_key(ASIDE), _key(QUEUE), "LEFT", "RIGHT") is not None:
            moved += 1
    for path in _files(ASIDE_SUFFIX):
        os.rename(path, path.with_suffix(SUFFIX))
        moved += 1
    return moved


def return_orphans() -> None:
    """Queue again what a dead replayer claimed (call with the replay lock held)."""
    # We hold the replay lock, so anything still claimed belongs to a dead replayer.
    client = redis_client(current_app)
    if client is not None:
        while client.lmove(_key(CLAIMED), _key(QUEUE), "RIGHT", "LEFT") is not None:
            pass
    for claimed in _files(CLAIMED_SUFFIX):
        os.rename(claimed, claimed.with_suffix(SUFFIX))


def open_entry(payload: str) -> dict | None:
    """The entry, or None when it was sealed with another key."""
    if payload.startswith("{"):
        return json.loads(payload)  # written in clear by an older version
    try:
        return json.loads(pii.unseal(payload))
    except InvalidToken:
        return None


class _Claim:
    """One spooled entry held by this replayer until finished, released or set aside."""

    def __init__(self, payload: str, finish, release, set_aside) -> None:
        self.payload, self.finish, self.release, self.set_aside = payload, finish, release, set_aside


def claims(limit: int):
    """Entries claimed for this replayer, oldest first (Redis, then files)."""
    client = redis_client(current_app)
    for _ in range(limit if client is not None else 0):
        # LMOVE to a claimed list: a replayer that dies leaves it there, not lost.
        raw = client.lmove(_key(QUEUE), _key(CLAIMED), "LEFT", "RIGHT")
        if raw is None:
            break
        yield _Claim(raw.decode(), lambda raw=raw: client.lrem(_key(CLAIMED), 1, raw),
                     lambda raw=raw: _move(client, raw, QUEUE, "lpush"),
                     lambda raw=raw: _move(client, raw, ASIDE, "rpush"))
    for path in _files(SUFFIX, ".json")[:limit]:
        claimed = path.with_suffix(CLAIMED_SUFFIX)
        try:
            os.rename(path, claimed)  # atomic: only one replayer gets it
        except FileNotFoundError:
            continue
        yield _Claim(claimed.read_text(encoding="utf-8"), claimed.unlink,
                     lambda c=claimed, p=path: os.rename(c, p),
                     lambda c=claimed: os.rename(c, c.with_suffix(ASIDE_SUFFIX)))


def _move(client, raw: bytes, target: str, push: str) -> None:
    pipe = client.pipeline()
    pipe.lrem(_key(CLAIMED), 1, raw)
    getattr(pipe, push)(_key(target), raw)
    pipe.execute()
