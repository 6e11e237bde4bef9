"""One key-value interface for shared state: in-process or Redis.

Everything that must be shared between workers (conversation state, retry
dedupe, locks, the knowledge version) goes through this interface, so that
with REDIS_URL set no state lives in a process.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator

from flask import Flask, current_app


class LockTimeout(Exception):
    """Another worker held the lock for longer than we may wait."""


class MemoryStore:
    """In-process store for the embedded setup and single-process tests."""

    def __init__(self) -> None:
        self._data: dict[str, tuple[str, float | None]] = {}
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

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
            if self._live(key) is not None:
                return False
            self._data[key] = (value, time.monotonic() + ttl if ttl else None)
            return True

    def delete(self, key: str) -> None:
        with self._guard:
            self._data.pop(key, None)

    def incr(self, key: str, ttl: float | None = None) -> int:
        with self._guard:
            current = int(self._live(key) or 0) + 1
            old = self._data.get(key)
            expires = old[1] if old and current > 1 else (time.monotonic() + ttl if ttl else None)
            self._data[key] = (str(current), expires)
            return current

    def ping(self) -> bool:
        return True

    @contextmanager
    def lock(self, name: str, timeout: float = 10, wait: float = 5) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(name, threading.Lock())
        if not lock.acquire(timeout=wait):
            raise LockTimeout(name)
        try:
            yield
        finally:
            lock.release()


class RedisStore:
    """Redis-backed store: shared by every worker and host."""

    def __init__(self, client, prefix: str = "mzt:") -> None:
        self.client = client
        self.prefix = prefix

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


def redis_client(app: Flask):
    """The app's Redis client, or None in the embedded setup."""
    return app.extensions.get("mzt.redis")


def init_app(app: Flask) -> None:
    """Create the app's store from REDIS_URL, or an in-process one."""
    url = app.config.get("REDIS_URL")
    if url:
        import redis
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
