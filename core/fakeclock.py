"""A simulated clock for tests that run real processes across days.

With FAKE_CLOCK=1 and MZT_FAKE_CLOCK_FILE naming a file that holds an offset
in seconds, `core.audit.utcnow()` runs that far ahead in every process that
reads the file (web, worker, scheduler). Production ignores both, so a stray
variable can never move the bureau's deadlines. The variables are read once,
when the module is imported and when an app is created (`configure`), not
on every clock read: the message path reads the clock many times a message.
"""
from __future__ import annotations

import os
from datetime import timedelta

_cache: dict[str, tuple[tuple, timedelta]] = {}
# The offset file in force, or None when the fake clock is off (configure).
_config: dict[str, str | None] = {"path": None}


def enabled() -> bool:
    """Only on when asked for explicitly, and never in production."""
    if os.environ.get("APP_ENV") == "production":
        return False
    return os.environ.get("FAKE_CLOCK", "").strip().lower() in {"1", "true", "yes", "on"}


def configure() -> None:
    """Read FAKE_CLOCK and MZT_FAKE_CLOCK_FILE again (create_app does; so do tests that set them)."""
    _config["path"] = (os.environ.get("MZT_FAKE_CLOCK_FILE") or None) if enabled() else None


def offset() -> timedelta:
    """How far the simulated clock is ahead of the real one (zero when off)."""
    path = _config["path"]
    if not path:
        return timedelta(0)
    try:
        info = os.stat(path)
    except OSError:
        return timedelta(0)
    cached = _cache.get(path)
    # write_offset replaces the file, so a new inode means a new offset.
    stamp = (info.st_ino, info.st_mtime_ns, info.st_size)
    if cached is None or cached[0] != stamp:
        try:
            with open(path, encoding="utf-8") as handle:
                seconds = float(handle.read().strip() or 0)
        except (OSError, ValueError):
            seconds = 0.0
        cached = (stamp, timedelta(seconds=seconds))
        _cache[path] = cached
    return cached[1]


def write_offset(path: str, seconds: float) -> None:
    """Set the offset atomically, so a reader never sees half a number."""
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(repr(float(seconds)))
    os.replace(tmp, path)
    _cache.pop(path, None)


configure()
