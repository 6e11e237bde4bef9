"""The live understander: rebuilt in each process when the knowledge changes."""
from __future__ import annotations

import threading

from intents import Understander, Understanding
from knowledge import live

_lock = threading.Lock()
# Keyed by the snapshot object: knowledge.live swaps it when the version changes.
_current: dict = {"snapshot": None, "understander": None}


def understander() -> Understander:
    """The understander for the knowledge version the database holds now."""
    snapshot = live.snapshot()
    current = _current["understander"]
    if current is not None and _current["snapshot"] is snapshot:
        return current
    with _lock:
        if _current["understander"] is None or _current["snapshot"] is not snapshot:
            _current.update(understander=Understander(snapshot), snapshot=snapshot)
        return _current["understander"]


def understand(text: str, context: list[str], prior: dict | None = None) -> Understanding:
    """Understand one message in the light of the conversation so far."""
    return understander().understand(text, context=context, prior=prior)
