"""One key-value interface for shared state: in-process or Redis.

Everything that must be shared between workers (conversation state, retry
dedupe, locks, the knowledge version) goes through this interface, so that
with REDIS_URL set no state lives in a process.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from collections.abc import Iterator

import redis
from flask import Flask, current_app

# What a store that is down raises (Redis unreachable or too slow to answer): callers
# that can go on without the store (a dedupe, a claim, the spool) catch exactly these.
STORE_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class LockTimeout(Exception):
    """Another worker held the lock for longer than we may wait."""


@dataclass(frozen=True)
class TurnKeys:
    """The keys one message touches, so that they go to the store in one round trip.

    `lock` and `state` are the resident's conversation lock and state; `seen`
    is the delivery's retry claim (WeChat only), `count` the resident's
    rate-limit counter (not for events or replays), `nonce` the signed URL's
    claim (WeChat only, bot.nonces).
    """

    lock: str
    state: str
    seen: str | None = None
    count: str | None = None
    nonce: str | None = None


@dataclass(frozen=True)
class TurnClaim:
    """How a message may start: its claim value, lock token and counting limits."""

    token: str
    lock_ttl: float
    pending: str = "pending"
    claim_ttl: float = 60
    limit: int = 0
    window: int = 60
    # With no state stored, ask whether the store has kept its data, unbroken,
    # for at least this many seconds (0: do not ask; see RedisStore.open_turn).
    kept_for: int = 0
    # The delivery a signed URL carries, and how long the URL is remembered (keys.nonce).
    delivery: str = ""
    nonce_ttl: float = 600


class MemoryStore:
    """In-process store for the embedded setup and single-process tests."""

    def __init__(self) -> None:
        self._data: dict[str, tuple[str, float | None]] = {}
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        # Its data lives and dies with the process: kept since the store was made.
        self._since = time.monotonic()

    def _live(self, key: str) -> str | None:
        item = self._data.get(key)
        if item is None:
            return None
        value, expires = item
        if expires is not None and expires <= time.monotonic():
            del self._data[key]
            return None
        return value

    def get(self, key: str) -> str | None:
        with self._guard:
            return self._live(key)

    def set(self, key: str, value: str, ttl: float | None = None) -> None:
        with self._guard:
            self._data[key] = (value, time.monotonic() + ttl if ttl else None)

    def add(self, key: str, value: str, ttl: float | None = None) -> bool:
        """Set key only if absent; True when this call set it."""
        with self._guard:
            return self._add(key, value, ttl)

    def _add(self, key: str, value: str, ttl: float | None) -> bool:
        if self._live(key) is not None:
            return False
        self._data[key] = (value, time.monotonic() + ttl if ttl else None)
        return True

    def delete(self, key: str) -> None:
        with self._guard:
            self._data.pop(key, None)

    def incr(self, key: str, ttl: float | None = None) -> int:
        with self._guard:
            return self._incr(key, ttl)

    def _incr(self, key: str, ttl: float | None) -> int:
        current = int(self._live(key) or 0) + 1
        old = self._data.get(key)
        expires = old[1] if old and current > 1 else (time.monotonic() + ttl if ttl else None)
        self._data[key] = (str(current), expires)
        return current

    def ping(self) -> bool:
        return True

    def _lock_for(self, name: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault("lock:" + name, threading.Lock())

    @contextmanager
    def lock(self, name: str, timeout: float = 10, wait: float = 5) -> Iterator[None]:
        lock = self._lock_for(name)
        if not lock.acquire(timeout=wait):
            raise LockTimeout(name)
        try:
            yield
        finally:
            lock.release()

    def open_turn(self, keys: TurnKeys, claim: TurnClaim) -> tuple[str, str | None, bool]:
        """Claim, count, lock and load as RedisStore does; see there."""
        with self._guard:
            if keys.nonce and not self._add(keys.nonce, claim.delivery, claim.nonce_ttl) \
                    and self._live(keys.nonce) != claim.delivery:
                return "replayed", None, False
            if keys.seen and not self._add(keys.seen, claim.pending, claim.claim_ttl):
                return "seen", self._live(keys.seen), False
            if keys.count and self._incr(keys.count, claim.window) > claim.limit:
                return "limited", None, False
            lock = self._locks.setdefault(keys.lock, threading.Lock())
            if not lock.acquire(blocking=False):
                return "busy", None, False
            state = self._live(keys.state)
            kept = state is None and claim.kept_for > 0 \
                and time.monotonic() - self._since >= claim.kept_for
            return "open", state, kept

    def acquire(self, key: str, token: str, ttl: float, wait: float) -> bool:
        """Take the lock `key` (a TurnKeys.lock), waiting up to `wait` seconds."""
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        return lock.acquire(timeout=wait)

    def release(self, key: str, token: str) -> None:
        with self._guard:
            lock = self._locks.get(key)
        if lock is not None and lock.locked():
            lock.release()

    def close_turn(self, keys: TurnKeys, claim: TurnClaim, state: str | None, state_ttl: float,
                   replies: str | None, done_ttl: float, log_key: str = "",
                   rows: tuple[str, ...] = ()) -> None:
        """Save, release and answer as RedisStore does; rows need Redis (see engine)."""
        if rows:
            raise ValueError("the in-process store keeps no log buffer")
        with self._guard:
            if state is not None:
                self._data[keys.state] = (state, time.monotonic() + state_ttl)
            if replies is not None and keys.seen and self._live(keys.seen) == claim.pending:
                self._data[keys.seen] = (replies, time.monotonic() + done_ttl)
        self.release(keys.lock, claim.token)


# Claim the signed URL for this delivery, claim the delivery, count the
# resident, take the conversation lock, load the state: the steps a message
# starts with, in one round trip. Each step only runs if the one before let
# the message through.
OPEN_TURN = """
local i = 3
if ARGV[10] == "1" then
  if not redis.call("SET", KEYS[i], ARGV[11], "NX", "PX", ARGV[12])
      and redis.call("GET", KEYS[i]) ~= ARGV[11] then
    return {"replayed", false}
  end
  i = i + 1
end
if ARGV[3] == "1" then
  if not redis.call("SET", KEYS[i], ARGV[4], "NX", "PX", ARGV[5]) then
    return {"seen", redis.call("GET", KEYS[i])}
  end
  i = i + 1
end
if ARGV[6] == "1" then
  local n = redis.call("INCR", KEYS[i])
  if n == 1 then redis.call("EXPIRE", KEYS[i], ARGV[8]) end
  if n > tonumber(ARGV[7]) then return {"limited", false} end
end
if not redis.call("SET", KEYS[1], ARGV[1], "NX", "PX", ARGV[2]) then return {"busy", false} end
local state = redis.call("GET", KEYS[2])
if state or ARGV[9] == "0" then return {"open", state} end
-- No state: has this server kept its data set, unbroken, for ARGV[9] seconds?
-- The mark names the server run (a new run_id after every restart, however
-- much a restored snapshot or log kept) and when that run started keeping
-- it; a flush or a fresh server has no mark.
local run = string.match(redis.call("INFO", "server"), "run_id:(%w+)")
local now = tonumber(redis.call("TIME")[1])
local mark = redis.call("GET", KEYS[#KEYS])
if mark then
  local mark_run, since = string.match(mark, "^(%w+):(%d+)$")
  if mark_run == run then return {"open", false, now - tonumber(since) >= tonumber(ARGV[9])} end
end
redis.call("SET", KEYS[#KEYS], run .. ":" .. now)
return {"open", false, false}
"""
# Save the state, release the lock if still ours, keep the replies for
# retries unless the endpoint already answered (over budget), queue the log
# rows: the steps a message ends with, in one round trip.
CLOSE_TURN = """
local i = 3
if ARGV[2] == "1" then redis.call("SET", KEYS[2], ARGV[3], "PX", ARGV[4]) end
if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("DEL", KEYS[1]) end
if ARGV[5] == "1" then
  if redis.call("GET", KEYS[i]) == ARGV[8] then
    redis.call("SET", KEYS[i], ARGV[6], "PX", ARGV[7])
  end
  i = i + 1
end
if #ARGV > 8 then redis.call("RPUSH", KEYS[i], unpack(ARGV, 9)) end
return 1
"""
# Which server run has kept the data set since when (OPEN_TURN).
KEPT_MARK = "store:kept"
RELEASE = """
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0
"""


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))


class RedisStore:
    """Redis-backed store: shared by every worker and host."""

    def __init__(self, client, prefix: str = "mzt:") -> None:
        self.client = client
        self.prefix = prefix
        self._open = client.register_script(OPEN_TURN)
        self._close = client.register_script(CLOSE_TURN)
        self._release = client.register_script(RELEASE)

    def _k(self, key: str) -> str:
        return self.prefix + key

    def get(self, key: str) -> str | None:
        value = self.client.get(self._k(key))
        return value.decode() if isinstance(value, bytes) else value

    def set(self, key: str, value: str, ttl: float | None = None) -> None:
        self.client.set(self._k(key), value, px=int(ttl * 1000) if ttl else None)

    def add(self, key: str, value: str, ttl: float | None = None) -> bool:
        return bool(self.client.set(self._k(key), value, nx=True,
                                    px=int(ttl * 1000) if ttl else None))

    def delete(self, key: str) -> None:
        self.client.delete(self._k(key))

    def incr(self, key: str, ttl: float | None = None) -> int:
        pipe = self.client.pipeline()
        pipe.incr(self._k(key))
        if ttl:
            pipe.expire(self._k(key), int(ttl), nx=True)
        return int(pipe.execute()[0])

    def ping(self) -> bool:
        return bool(self.client.ping())

    @contextmanager
    def lock(self, name: str, timeout: float = 10, wait: float = 5) -> Iterator[None]:
        lock = self.client.lock(self._k("lock:" + name), timeout=timeout,
                                blocking_timeout=wait)
        if not lock.acquire():
            raise LockTimeout(name)
        try:
            yield
        finally:
            try:
                lock.release()
            except Exception:  # expired under us: the next holder already owns it
                pass

    def open_turn(self, keys: TurnKeys, claim: TurnClaim) -> tuple[str, str | None, bool]:
        """One round trip: ("replayed", None) when the signed URL carried another
        delivery, ("seen", saved replies), ("limited", None), ("busy", None)
        when another message of the resident holds the lock, or ("open", state).

        The third value, with no state stored and `claim.kept_for` set, says
        whether the store vouches that none was lost: this server run has
        kept its data, not flushed, for at least `kept_for` seconds (Redis runs
        with maxmemory-policy noeviction, as the job queue needs). False
        whenever it cannot tell.
        """
        names = [self._k(keys.lock), self._k(keys.state)]
        names += [self._k(key) for key in (keys.nonce, keys.seen, keys.count) if key]
        names.append(self._k(KEPT_MARK))
        reply = self._open(keys=names, args=[
            claim.token, _ms(claim.lock_ttl), "1" if keys.seen else "0", claim.pending,
            _ms(claim.claim_ttl), "1" if keys.count else "0", claim.limit, int(claim.window),
            int(claim.kept_for), "1" if keys.nonce else "0", claim.delivery,
            _ms(claim.nonce_ttl)])
        status, value = reply[0], reply[1]
        status = status.decode() if isinstance(status, bytes) else status
        return (status, value.decode() if isinstance(value, bytes) else value,
                len(reply) > 2 and reply[2] == 1)

    def acquire(self, key: str, token: str, ttl: float, wait: float) -> bool:
        """Take the lock `key` (a TurnKeys.lock) as redis-py does, waiting up to `wait`."""
        lock = self.client.lock(self._k(key), timeout=ttl, blocking_timeout=wait,
                                thread_local=False)
        return bool(lock.acquire(token=token))

    def release(self, key: str, token: str) -> None:
        self._release(keys=[self._k(key)], args=[token])

    def close_turn(self, keys: TurnKeys, claim: TurnClaim, state: str | None, state_ttl: float,
                   replies: str | None, done_ttl: float, log_key: str = "",
                   rows: tuple[str, ...] = ()) -> None:
        """One round trip: save state, release the lock, keep replies, queue log rows."""
        names = [self._k(keys.lock), self._k(keys.state)]
        save_replies = replies is not None and bool(keys.seen)
        if save_replies:
            names.append(self._k(keys.seen))
        if rows:
            names.append(self._k(log_key))
        self._close(keys=names, args=[
            claim.token, "1" if state is not None else "0", state or "", _ms(state_ttl),
            "1" if save_replies else "0", replies or "", _ms(done_ttl), claim.pending, *rows])


def redis_client(app: Flask):
    """The app's Redis client, or None in the embedded setup."""
    return app.extensions.get("mzt.redis")


def init_app(app: Flask) -> None:
    """Create the app's store from REDIS_URL, or an in-process one."""
    url = app.config.get("REDIS_URL")
    if url:
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        # Fail fast when Redis is down: redis-py's default backs off for seconds,
        # and every message would then blow WeChat's 5-second budget.
        client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2,
                                      health_check_interval=30, retry=Retry(NoBackoff(), 1))
        app.extensions["mzt.redis"] = client
        app.extensions["mzt.store"] = RedisStore(client, app.config["REDIS_PREFIX"])
    else:
        app.extensions["mzt.redis"] = None
        app.extensions["mzt.store"] = MemoryStore()


def get_store(app: Flask | None = None) -> MemoryStore | RedisStore:
    """The current app's shared store."""
    return (app or current_app).extensions["mzt.store"]
