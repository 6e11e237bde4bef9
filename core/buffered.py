"""Writers for rows that other packages buffer with the message log (conversations.logbuffer).

A package whose per-message write may lag the message by a second registers
a writer for its table name; the log buffer hands it that table's rows in
batches (each a dict of the row's values and "at", when it happened). The
registry lives in the app, so neither package imports the other.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import Flask

KEY = "mzt.buffered_writers"


def register_writer(app: Flask, table: str, write: Callable[[list[dict]], None]) -> None:
    """Let buffered rows of `table` be stored by `write(rows)` (in the flush's transaction)."""
    app.extensions.setdefault(KEY, {})[table] = write


def writers(app: Flask) -> dict[str, Callable[[list[dict]], None]]:
    """The registered writers by table name."""
    return app.extensions.get(KEY, {})
