"""Per-resident conversation state, with idle expiry, in the shared store.

A message opens a turn (retry claim, rate-limit count, conversation lock and
state load in one store round trip) and closes it (state save, lock release,
replies kept for retries and log rows queued in another).
"""
from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field

from flask import current_app

from bot.messages import Incoming
from core import ratelimit
from core.pii import mask_text
from core.residents import Resident
from core.store import LockTimeout, TurnClaim, TurnKeys, get_store

HISTORY = 6
PENDING = "pending"
# Longer than the engine may take; a crashed first delivery frees the claim then.
CLAIM_TTL = 60
# WeChat's three retries are over within about 15 seconds; keep a wide margin.
DONE_TTL = 600
# How long a message may hold its resident's conversation, and wait for it.
LOCK_TTL, LOCK_WAIT = 15, 10


@dataclass
class Opened:
    """A message's turn: how it may go on, and what the opening round trip found.

    status: "open" (lock held, `state` loaded), "busy" (another message of the
    resident holds the lock), "limited", "seen" (a retry: `seen` is the first
    delivery's saved replies or PENDING), "replayed" (the signed URL carried
    another delivery) or "down" (the store is unreachable).
    """

    status: str
    keys: TurnKeys
    claim: TurnClaim
    state: dict = field(default_factory=lambda: {"history": []})
    seen: str | None = None
    replies_saved: bool = False
    raw: str | None = None  # the state as loaded, to start a message again from it
    # No state was stored, and the store vouches none was lost in the idle time
    # (core.store.RedisStore.open_turn): the resident cannot be mid-form.
    never_lost: bool = False

    @property
    def locked(self) -> bool:
        return self.status == "open"


def _key(resident: Resident) -> str:
    return f"session:{resident.key}"


def keys_for(incoming: Incoming, seen: str | None, count: bool,
             nonce: tuple[str, str, float] | None = None) -> tuple[TurnKeys, TurnClaim]:
    """The store keys and claim a message's turn uses; `nonce` is (key, delivery, ttl)."""
    window = ratelimit.resident_window() if count else None
    claim = TurnClaim(token=uuid.uuid4().hex, lock_ttl=LOCK_TTL, pending=PENDING,
                      claim_ttl=CLAIM_TTL, limit=window[0] if window else 0,
                      window=window[1] if window else 60,
                      kept_for=current_app.config["SESSION_IDLE_SECONDS"],
                      delivery=nonce[1] if nonce else "", nonce_ttl=nonce[2] if nonce else 600)
    resident = incoming.resident
    keys = TurnKeys(lock=f"lock:conv:{resident.key}", state=_key(resident), seen=seen,
                    count=f"{window[2]}:{resident.key}" if window else None,
                    nonce=nonce[0] if nonce else None)
    return keys, claim


def open_turn(incoming: Incoming, seen: str | None = None, count: bool = True,
              nonce: tuple[str, str, float] | None = None) -> Opened:
    """Claim, count, lock and load in one round trip (raises when the store is down).

    With `nonce` (bot.nonces.for_turn) the signed URL is claimed first: status
    "replayed" when it already carried another delivery.
    """
    keys, claim = keys_for(incoming, seen, count, nonce)
    status, value, never_lost = get_store().open_turn(keys, claim)
    opened = Opened(status, keys, claim)
    if status == "seen":
        opened.seen = value
    elif status == "open":
        opened.raw, opened.state, opened.never_lost = value, decode(value), never_lost
    return opened


def down(incoming: Incoming) -> Opened:
    """The turn of a message handled without the shared store: no lock, no state."""
    keys, claim = keys_for(incoming, None, False)
    return Opened("down", keys, claim, state={"history": [], "stateless": True})


def wait_turn(opened: Opened) -> None:
    """Wait for the resident's lock (raises LockTimeout), then load the state."""
    store = get_store()
    if not store.acquire(opened.keys.lock, opened.claim.token, LOCK_TTL, LOCK_WAIT):
        raise LockTimeout(opened.keys.lock)
    opened.status = "open"
    opened.raw = store.get(opened.keys.state)
    opened.state = decode(opened.raw)


def reload(opened: Opened) -> dict:
    """The turn's state as it was loaded, before a failed attempt changed it."""
    fresh = {"history": [], "stateless": True} if opened.status == "down" else decode(opened.raw)
    opened.state = fresh
    return fresh


def release(opened: Opened) -> None:
    """Give the lock back without saving (the message failed)."""
    if opened.locked:
        get_store().release(opened.keys.lock, opened.claim.token)
        opened.status = "closed"


def close_turn(opened: Opened, replies: list[str] | None, rows: tuple[str, ...] = (),
               log_key: str = "") -> None:
    """Save the state, release the lock, keep the replies for retries, queue log rows."""
    state = None
    if opened.locked:
        state = encode(opened.state)
    idle = current_app.config["SESSION_IDLE_SECONDS"]
    saved = json.dumps(replies, ensure_ascii=False) if replies is not None else None
    get_store().close_turn(opened.keys, opened.claim, state, state_ttl(opened.state, idle), saved,
                           DONE_TTL, log_key, rows)
    opened.status, opened.replies_saved = "closed", saved is not None and bool(opened.keys.seen)



def state_ttl(state: dict, idle: int) -> int:
    """How long the store keeps a state: a day and more while a form is open or parked."""
    if state.get("flow") or state.get("parked"):
        parked = current_app.config.get("PARKED_FORM_SECONDS", 24 * 3600)
        return max(idle * 4, parked + idle)
    return idle * 4


def decode(raw: str | None) -> dict:
    """A stored state; a fresh one if none or unreadable."""
    if not raw:
        return {"history": []}
    try:
        state = json.loads(raw)
    except ValueError:
        return {"history": []}
    return state if isinstance(state, dict) else {"history": []}


def encode(state: dict) -> str:
    """The state as stored, stamped for idle expiry."""
    state["touched"] = time.time()
    return json.dumps(state, ensure_ascii=False)


def load(resident: Resident) -> dict:
    """The resident's state; a fresh one if none or expired."""
    return decode(get_store().get(_key(resident)))


def save(resident: Resident, state: dict) -> None:
    """Store the state; it expires after the configured idle time."""
    idle = current_app.config["SESSION_IDLE_SECONDS"]
    # Kept a little past the idle limit so a returning resident can be told it lapsed.
    get_store().set(_key(resident), encode(state), ttl=state_ttl(state, idle))


def remember(state: dict, text: str) -> None:
    """Add a resident message to the short context used for follow-ups."""
    history = state.setdefault("history", [])
    history.append(mask_text(text)[:200])  # state sits in Redis: no ID numbers in clear
    del history[:-HISTORY]
