"""Replaying spooled messages (bot.spool) through the engine once the database is back.

Each key is recorded in the database (SpoolReplay) in the transaction that
runs its message, so it is replayed once even if it was spooled twice (once
to a file, once to Redis) or two replayers race.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy.exc import IntegrityError

from bot import channels, engine, spool
from bot.messages import Incoming
from bot.models import SpoolReplay
from core import jobs, unit
from core.audit import utcnow
from core.extensions import db
from core.store import LockTimeout, get_store

log = logging.getLogger(__name__)
# Replayed keys are kept well past any outage a spooled entry could wait out.
KEEP_REPLAYED = timedelta(days=30)


def replay(limit: int = 500) -> int:
    """Run waiting messages through the engine, oldest first; stop if the DB is still down."""
    try:
        with get_store().lock("spool:replay", timeout=600, wait=0.1):
            spool.return_orphans()
            return _replay(limit)
    except LockTimeout:
        return 0  # another replayer is at it


def _replay(limit: int) -> int:
    done = aside = 0
    for claim in spool.claims(limit):
        entry = spool.open_entry(claim.payload)
        if entry is None:
            claim.set_aside()
            aside += 1
            continue
        try:
            done += _replay_one(entry)
        except engine.DB_DOWN:
            claim.release()
            log.warning("spool: database still unreachable, %d replayed so far", done)
            break
        claim.finish()
    if aside:
        log.error("spool: %d entry(ies) cannot be decrypted with the current PII_KEY; kept "
                  "aside (%d in all); with the old key back, `flask wechat replay --aside`", aside,
                  spool.kept_aside())
    if done:
        _forget_old_keys()
    return done


def _replay_one(entry: dict) -> int:
    """Replay one entry unless its key was replayed already; 1 if it ran."""
    incoming = Incoming(**entry["incoming"])
    key = entry.get("key")
    if key:
        if db.session.get(SpoolReplay, key) is not None:
            unit.rollback()
            return 0
        db.session.add(SpoolReplay(key=key))  # committed with the message's own rows
    try:
        texts = engine.reply(incoming, replay=True)
    except IntegrityError:
        unit.rollback()
        return 0  # another replayer committed this key first
    sender = channels.get(incoming.channel).sender
    if texts and sender:
        jobs.enqueue(sender, incoming.user, texts)
    unit.commit()
    return 1


def _forget_old_keys() -> None:
    db.session.execute(db.delete(SpoolReplay).where(SpoolReplay.at < utcnow() - KEEP_REPLAYED))
    unit.commit()
