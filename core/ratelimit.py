"""Rate limits: per client IP on web endpoints, per resident in the engine.

Flask-Limiter counts per IP in Redis when REDIS_URL is set, so every worker
and host shares the counts; in the embedded setup it counts in process. The
per-resident count lives in the shared store (see resident_window). A
counter failure (Redis down) lets the request through: refusing residents
because our own counter is unreachable would be worse than a flood.
"""
from __future__ import annotations

from functools import lru_cache

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse


def init_app(app: Flask) -> None:
    """Create this app's limiter on the shared Redis (or in memory)."""
    url = app.config.get("REDIS_URL")
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)
    limiter = Limiter(
        key_func=get_remote_address, app=app, strategy="fixed-window",
        storage_uri=url or "memory://",
        storage_options=_redis_options() if url else {},
        key_prefix=app.config.get("REDIS_PREFIX", "mzt:") + "rl",
    )
    app.extensions["mzt.limiter"] = limiter


def _redis_options() -> dict:
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return {"socket_timeout": 1, "socket_connect_timeout": 1, "retry": Retry(NoBackoff(), 1)}


def limiter(app: Flask | None = None) -> Limiter:
    """The app's Flask-Limiter instance."""
    return (app or current_app).extensions["mzt.limiter"]


def limit_blueprint(app: Flask, bp, config_key: str) -> None:
    """Limit every view of `bp` per client IP by the figure in config[config_key]."""
    limiter(app).limit(lambda: current_app.config[config_key])(bp)


def resident_window(app: Flask | None = None) -> tuple[int, int, str] | None:
    """RATELIMIT_RESIDENT as (messages, window seconds, counter key), or None when off.

    The engine counts in the store, in the same round trip that opens the
    message's turn (core.store.open_turn): a fixed window that starts with the
    first message, as Flask-Limiter's fixed-window strategy counts.
    """
    config = (app or current_app).config
    figure = config.get("RATELIMIT_RESIDENT")
    if not figure or not config.get("RATELIMIT_ENABLED", True):
        return None
    item = _item(figure)
    # The figure is in the key: a changed limit starts a fresh count, as in Flask-Limiter.
    return item.amount, item.get_expiry(), f"rl:resident:{item.amount}/{item.get_expiry()}"


@lru_cache(maxsize=16)
def _item(figure: str):
    # Parsing "20/minute" is pure; cached so the hot path only counts.
    return parse(figure)
