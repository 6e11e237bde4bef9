"""The live bot's learned model: rebuilt after knowledge changes, reloaded by every process.

A staff save (a guide, FAQ entry, alias, synonym or word, a phrasing attached
in 未答问题) sends knowledge.signals.changed. Once that transaction commits the
model is rebuilt from the knowledge the database holds then, the labelled
development sets and the phrasings staff attached to missed questions, with
the calibration of the live model (`flask nlu train` fits it on held-out
folds and publishes the first live model). It is stored as a
knowledge.models.NluModel row, and the setting `nlu.model.version` names it
live; every process checks that setting as often as the knowledge version
(bot.understanding) and loads the new artefact when it changes. With Redis
the rebuild is a job for the worker; in the embedded setup it runs in a
thread after the commit (NLU_REBUILD="wait" joins that thread: tests).
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from conversations.models import MissedQuestion
from core import jobs, unit
from core.extensions import db
from intents.model import Model, training_examples
from intents.training import default_labelled, read_labelled
from intents.understand import Understander
from knowledge import operations, queries, signals
from knowledge import version as kb_version
from knowledge.loader import snapshot_from_db

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
PENDING = "mzt.nlu.rebuild"
THREAD = "mzt.nlu.rebuild.thread"
ATTACHED_LIMIT = 5000


def init_app(app: Flask) -> None:
    """Let `flask nlu train` publish its model to the live bot (intents cannot import bot)."""
    app.extensions["mzt.nlu.publish"] = publish


def _on_change(sender, version: int, **_) -> None:
    """A knowledge save: rebuild once the transaction commits (once per transaction)."""
    mode = current_app.config.get("NLU_REBUILD", "thread")
    if mode == "off" or queries.live_model_id() is None:
        return  # no live model yet: `flask nlu train` publishes the first, with its calibration
    session = db.session()
    transaction = session.get_transaction()
    if session.info.get(PENDING) is transaction:
        return
    session.info[PENDING] = transaction
    if current_app.extensions.get("mzt.redis") is not None and not current_app.config.get("JOBS_INLINE"):
        jobs.enqueue("bot.tasks.rebuild_model")  # queued when the commit lands
    else:
        session.info[THREAD] = current_app._get_current_object()  # type: ignore[attr-defined]


def _after_commit(session) -> None:
    app = session.info.pop(THREAD, None)
    if app is None:
        return
    worker = threading.Thread(target=_rebuild_in_app, args=(app,), name="nlu-rebuild", daemon=True)
    worker.start()
    if app.config.get("NLU_REBUILD") == "wait":
        worker.join()


def _after_rollback(session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(THREAD, None)


def _rebuild_in_app(app: Flask) -> None:
    with app.app_context():
        try:
            with unit.work():
                rebuild()
        except Exception:
            log.exception("nlu model rebuild failed; the previous model stays live")
        finally:
            db.session.remove()


def rebuild() -> int | None:
    """Build and store the model for the knowledge the database holds now (in the caller's
    transaction); the id of the live model, or None when there is none to start from."""
    live_id = queries.live_model_id()
    row = queries.model_row(live_id) if live_id is not None else None
    base = Model.from_bytes(row.data) if row is not None else None
    if base is None or base.calibrator is None:
        return None
    version = kb_version.current()
    if row.knowledge_version >= version:
        return live_id  # another rebuild got there first
    return _store(base, version).id


def publish(base: Model) -> str:
    """`flask nlu train`: the live model from the database's knowledge, with base's calibration."""
    try:
        if not snapshot_from_db("").guides:
            return "live model: not published (the database is not seeded)"
        row = _store(base, kb_version.current())
        db.session.commit()
    except SQLAlchemyError as exc:
        db.session.rollback()
        return f"live model: not published ({type(exc).__name__}: run flask db upgrade and seed first)"
    return f"live model: published as #{row.id} for knowledge version {row.knowledge_version}"


def _store(base: Model, version: int):
    snapshot = snapshot_from_db(str(version))
    rows, _ = read_labelled(default_labelled(ROOT))
    examples = training_examples(snapshot, rows) + attached_phrasings(snapshot)
    model = Model.train(examples, prepare=Understander(snapshot).aspect_text)
    model.calibrator = base.calibrator
    # The order-category reading is trained from the labelled sets and its own phrasings,
    # not from the database's guides: the live model carries the base's, like its calibration.
    model.categories = base.categories
    model.meta = {**base.meta, "knowledge_version": version, "examples": len(examples)}
    return operations.store_model(version, model.to_bytes())


def attached_phrasings(snapshot) -> list[tuple[str, dict]]:
    """Missed questions staff attached to a FAQ entry or an item, as labelled examples."""
    faq = {entry["id"]: entry for entry in snapshot.faq}
    query = (db.select(MissedQuestion.text, MissedQuestion.resolution)
             .where(MissedQuestion.status == "attached")
             .order_by(MissedQuestion.id.desc()).limit(ATTACHED_LIMIT))
    out = []
    for text, target in db.session.execute(query):
        kind, _, key = (target or "").partition(":")
        if kind == "faq" and key in faq:
            labels = {"intent": "guide", "service": faq[key].get("service"),
                      "aspect": faq[key].get("aspect") or "overview"}
        elif kind == "guide" and key in snapshot.guides:
            labels = {"intent": "guide", "service": key}
        else:
            continue
        out.append((text, labels))
    return out


signals.changed.connect(_on_change, weak=False)
event.listen(Session, "after_commit", _after_commit)
event.listen(Session, "after_soft_rollback", _after_rollback)
