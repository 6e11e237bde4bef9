"""Per-resident conversation state, with idle expiry, in the shared store."""
from __future__ import annotations

import json
import time

from flask import current_app

from core.pii import mask_text
from core.store import get_store

HISTORY = 6


def _key(user: str) -> str:
    return f"session:{user}"


def load(user: str) -> dict:
    """The resident's state; a fresh one if none or expired."""
    raw = get_store().get(_key(user))
    if not raw:
        return {"history": []}
    try:
        state = json.loads(raw)
    except ValueError:
        return {"history": []}
    return state if isinstance(state, dict) else {"history": []}


def save(user: str, state: dict) -> None:
    """Store the state; it expires after the configured idle time."""
    state["touched"] = time.time()
    idle = current_app.config["SESSION_IDLE_SECONDS"]
    # Kept a little past the idle limit so a returning resident can be told it lapsed.
    get_store().set(_key(user), json.dumps(state, ensure_ascii=False), ttl=idle * 4)


def remember(state: dict, text: str) -> None:
    """Add a resident message to the short context used for follow-ups."""
    history = state.setdefault("history", [])
    history.append(mask_text(text)[:200])  # state sits in Redis: no ID numbers in clear
    del history[:-HISTORY]
