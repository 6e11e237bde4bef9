"""The live understander: rebuilt in each process when the knowledge changes.

Its learned model is the one the setting `nlu.model.version` names
(bot.learning stores a new one after each knowledge change); the setting is
checked as often as the knowledge version, and a new artefact is swapped
into the running understander without rebuilding the rest.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import current_app

from intents import Understander, Understanding
from intents.model import Model
from knowledge import live, queries

_lock = threading.Lock()
# Keyed by the snapshot object: knowledge.live swaps it when the version changes.
_current: dict = {"snapshot": None, "understander": None}
# The loaded learned model and the id of its artefact (None: rules only).
_model: dict = {"id": None, "model": None, "checked": 0.0}
# Readings made while one message is handled (one_message): the engine and
# bot.mixed read the same text alike, e.g. a resident's first message with and
# without its (empty) context. Keyed with the understander and model they came from.
_readings: ContextVar[dict | None] = ContextVar("mzt_readings", default=None)
MAX_READINGS = 64


def understander() -> Understander:
    """The understander for the knowledge version the database holds now."""
    snapshot = live.snapshot()
    current = _current["understander"]
    if current is None or _current["snapshot"] is not snapshot:
        with _lock:
            if _current["understander"] is None or _current["snapshot"] is not snapshot:
                built = Understander(snapshot)
                built.model = _model["model"]
                _current.update(understander=built, snapshot=snapshot)
            current = _current["understander"]
    _refresh_model(current)
    return current


def _refresh_model(current: Understander) -> None:
    """Load the live model when its version changed (at most every KNOWLEDGE_CHECK_SECONDS)."""
    now, every = time.monotonic(), current_app.config.get("KNOWLEDGE_CHECK_SECONDS", 0)
    if now - _model["checked"] >= every:
        _model["checked"] = now
        model_id = queries.live_model_id()
        if model_id != _model["id"]:
            row = queries.model_row(model_id) if model_id is not None else None
            loaded = Model.from_bytes(row.data) if row is not None else None
            # An unreadable artefact (logged once) leaves the model that was working.
            _model.update(id=model_id, model=loaded if loaded is not None or row is None
                          else _model["model"])
    if current.model is not _model["model"]:
        current.model = _model["model"]


def forget() -> None:
    """Drop the understander and its model (tests, after a reset)."""
    with _lock:
        _current.update(snapshot=None, understander=None)
        _model.update(id=None, model=None, checked=0.0)


@contextmanager
def one_message() -> Iterator[None]:
    """Within it a text read twice alike is read once (the reading is not changed after)."""
    token = _readings.set({})
    try:
        yield
    finally:
        _readings.reset(token)


def understand(text: str, context: list[str], prior: dict | None = None) -> Understanding:
    """Understand one message in the light of the conversation so far."""
    current = understander()
    readings = _readings.get()
    if readings is None:
        return current.understand(text, context=context, prior=prior)
    key = (text, _reading_key(context, prior))
    made_by = readings.get(None)
    if made_by is None or made_by[0] is not current or made_by[1] is not current.model \
            or len(readings) > MAX_READINGS:
        readings.clear()
        readings[None] = (current, current.model)
    if key not in readings:
        readings[key] = current.understand(text, context=context, prior=prior)
    return readings[key]


def _reading_key(context: list[str], prior: dict | None) -> tuple:
    """What the reading depends on besides the text.

    With a prior the understander reads no context, and it only asks whether
    a prior's values are set: {} and {"service": None, "aspect": None} read alike.
    """
    if prior is None:
        return ("context", *context)
    return ("prior", *sorted((name, value) for name, value in prior.items() if value))
