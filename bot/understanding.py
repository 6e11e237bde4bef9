"""The live understander: rebuilt in each process when the knowledge changes."""
from __future__ import annotations

import threading
import time

from flask import current_app

from intents import Understander, Understanding
from knowledge import version as kb_version
from knowledge.loader import snapshot_from_db

_lock = threading.Lock()
_current: dict = {"version": None, "understander": None, "checked": 0.0}


def understander() -> Understander:
    """The understander for the knowledge version the database holds now."""
    # KNOWLEDGE_CHECK_SECONDS: how stale a worker may be after an edit; saves a query a message.
    now, every = time.monotonic(), current_app.config.get("KNOWLEDGE_CHECK_SECONDS", 0)
    if _current["understander"] is not None and now - _current["checked"] < every:
        return _current["understander"]
    version = kb_version.current()
    _current["checked"] = now
    if _current["version"] != version or _current["understander"] is None:
        with _lock:
            if _current["version"] != version or _current["understander"] is None:
                snapshot = snapshot_from_db(str(version))
                if not snapshot.guides:  # not seeded yet: the repository's files
                    from knowledge.snapshot import from_files

                    snapshot = from_files()
                _current["understander"] = Understander(snapshot)
                _current["version"] = version
    return _current["understander"]


def understand(text: str, context: list[str], prior: dict | None = None) -> Understanding:
    """Understand one message in the light of the conversation so far."""
    return understander().understand(text, context=context, prior=prior)
