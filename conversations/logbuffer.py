"""Message-log and missed-question rows, kept off the message path and written in batches.

Other packages' per-message rows that may lag the message by a second (the
resident's last interaction, notifications.contacts) travel the same way,
stored by the writer they register (core.buffered).

With Redis, the engine appends each message's rows to a Redis list in the
same round trip that saves the conversation state (core.store.close_turn),
and `flush()` moves them to the database in batches: every web process runs
it on a timer (MESSAGE_LOG_FLUSH_SECONDS), and the periodic job
`conversations.tasks.flush_message_log` picks up whatever a stopped process
left. A batch leaves the list only after its commit, so rows are not lost
while the database is down; they are lost only if Redis itself loses data,
so run Redis with appendonly persistence (the spool and job queue need it
too). A flusher that dies between its commit and trimming the list leaves
that batch to be written again: rows are written at least once. Without
Redis the engine writes the rows in the message's own transaction, as before.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from datetime import datetime

from flask import Flask, current_app
from sqlalchemy import insert
from sqlalchemy.exc import DataError, IntegrityError

from conversations.models import MessageLog, MissedQuestion
from core.audit import utcnow
from core.buffered import writers
from core.extensions import db
from core.store import LockTimeout, get_store, redis_client

log = logging.getLogger(__name__)
KEY = "msglog:pending"
BATCH = 500
MODELS = {"message": MessageLog, "missed": MissedQuestion}
# A process resource, not state: one flusher thread per (forked) web process.
_timer: dict = {"pid": None, "stop": None}
_timer_guard = threading.Lock()


def entry(table: str, values: dict) -> str:
    """One buffered row, stamped now: the time it happened, not when it was written."""
    return json.dumps({"table": table, "at": utcnow().isoformat(), "values": values},
                      ensure_ascii=False)


def write(entries) -> None:
    """Add buffered rows to the current transaction (no Redis, or Redis failed)."""
    for raw in entries:
        item = json.loads(raw)
        at = datetime.fromisoformat(item["at"])
        model = MODELS.get(item["table"])
        if model is None:  # another package's table (core.buffered)
            writers(current_app)[item["table"]]([{"at": at, **item["values"]}])
        else:  # values by column name (a resident is two columns), as the batched path
            db.session.execute(insert(model.__table__).values(at=at, **item["values"]))


def flush(limit: int = BATCH) -> int:
    """Write buffered rows to the database, oldest first; return how many."""
    client = redis_client(current_app)
    if client is None:
        return 0
    key, done = current_app.config["REDIS_PREFIX"] + KEY, 0
    try:
        # One flusher at a time, so the rows we trim are the rows we wrote.
        with get_store().lock("msglog:flush", timeout=120, wait=0):
            while True:
                batch = client.lrange(key, 0, limit - 1)
                if not batch:
                    break
                _insert(batch)
                db.session.commit()
                client.ltrim(key, len(batch), -1)
                done += len(batch)
                if len(batch) < limit:
                    break
    except LockTimeout:
        pass  # another process is flushing
    except Exception:
        db.session.rollback()
        raise
    return done


def _insert(batch: list[bytes]) -> None:
    others = writers(current_app)
    rows: dict[str, list[dict]] = {name: [] for name in (*MODELS, *others)}
    for raw in batch:
        try:
            item = json.loads(raw)
            rows[item["table"]].append({"at": datetime.fromisoformat(item["at"]),
                                        **item["values"]})
        except (ValueError, KeyError, TypeError):
            log.error("message log: dropping an unreadable buffered row")
    for values in rows.values():
        _same_columns(values)
    try:
        with db.session.begin_nested():
            for name, values in rows.items():
                if values:
                    _write_table(name, values)
    except (DataError, IntegrityError):
        # One bad row must not hold the rest back for ever: write them one by one.
        _insert_one_by_one(rows)


def _write_table(name: str, values: list[dict]) -> None:
    if name in MODELS:  # a Core insert: a third less CPU per row than the ORM's bulk path
        db.session.execute(insert(MODELS[name].__table__), values)
    else:
        writers(current_app)[name](values)


def _same_columns(values: list[dict]) -> None:
    # Rows an older version buffered lack newer (nullable) columns, and one
    # executemany needs every row to name the same ones.
    names = set().union(*values)
    for value in values:
        value.update(dict.fromkeys(names - value.keys()))


def _insert_one_by_one(rows: dict[str, list[dict]]) -> None:
    for name, values in rows.items():
        for value in values:
            try:
                with db.session.begin_nested():
                    _write_table(name, [value])
            except (DataError, IntegrityError):
                log.error("message log: dropping a %s row the database refused", name)


def start_timer(app: Flask) -> None:
    """Flush every MESSAGE_LOG_FLUSH_SECONDS in a thread of this process (0: never)."""
    every = app.config.get("MESSAGE_LOG_FLUSH_SECONDS") or 0
    pid = os.getpid()
    if every <= 0 or _timer["pid"] == pid:
        return
    with _timer_guard:
        if _timer["pid"] == pid:  # threads do not survive gunicorn's fork
            return
        stop = threading.Event()
        threading.Thread(target=_run_timer, args=(app, every, stop), name="msglog-flush",
                         daemon=True).start()
        _timer.update(pid=pid, stop=stop)


def stop_timer() -> None:
    """Stop this process's flusher thread (tests); rows left wait for the next flush."""
    with _timer_guard:
        if _timer["stop"] is not None:
            _timer["stop"].set()
        _timer.update(pid=None, stop=None)


def _run_timer(app: Flask, every: float, stop: threading.Event) -> None:
    failing = False
    while not stop.wait(every):
        with app.app_context():
            try:
                flush()
                if failing:
                    log.warning("message log: flushing again")
                failing = False
            except Exception:
                if not failing:  # once per outage, not once a second
                    log.exception("message log: flush failed; rows stay buffered in Redis")
                failing = True
            finally:
                db.session.remove()
