"""The knowledge this process answers from: a snapshot, reloaded when staff edit.

Understanding and the guide answers read the same snapshot, so a reply never
mixes two versions and a guide answer needs no database read. Every worker
checks the knowledge version at most every KNOWLEDGE_CHECK_SECONDS, so an
edit is live everywhere within that time. The snapshot is a cache of the
database, not state: any worker may answer any message.
"""
from __future__ import annotations

import threading
import time
from types import SimpleNamespace

from flask import current_app

from knowledge import version as kb_version
from knowledge.loader import guide_values, snapshot_from_db
from knowledge.snapshot import Snapshot, from_files

_lock = threading.Lock()
# (snapshot, guide views) are swapped as one pair so readers never mix two versions.
_current: dict = {"version": None, "pair": None, "checked": 0.0}


def snapshot() -> Snapshot:
    """The snapshot for the knowledge version the database holds now."""
    return _pair()[0]


def _pair() -> tuple[Snapshot, dict[str, SimpleNamespace]]:
    now, every = time.monotonic(), current_app.config.get("KNOWLEDGE_CHECK_SECONDS", 0)
    pair = _current["pair"]
    if pair is not None and now - _current["checked"] < every:
        return pair
    version = kb_version.current()
    _current["checked"] = now
    if _current["version"] != version or _current["pair"] is None:
        with _lock:
            if _current["version"] != version or _current["pair"] is None:
                _load(version)
    return _current["pair"]


def _load(version: int) -> None:
    loaded = snapshot_from_db(str(version))
    if not loaded.guides:  # not seeded yet: the repository's files
        loaded = from_files()
    # Attribute access like the Guide model, so handlers format either alike.
    guides = {code: SimpleNamespace(code=code, **guide_values(data))
              for code, data in loaded.guides.items()}
    _current.update(pair=(loaded, guides), version=version)


def guide(code: str | None) -> SimpleNamespace | None:
    """A guide of the current snapshot, read-only, or None for an unknown code."""
    return _pair()[1].get(code) if code else None


def guides(codes) -> dict[str, SimpleNamespace]:
    """The known guides among `codes`, by code."""
    found = _pair()[1]
    return {code: found[code] for code in codes if code in found}


def forget() -> None:
    """Drop the snapshot so the next message loads it again (tests, after a reset)."""
    with _lock:
        _current.update(version=None, pair=None, checked=0.0)
