"""notify(): record a message for a person and queue its delivery."""
from __future__ import annotations

from flask import current_app

from core import calendar, jobs
from core.extensions import db
from core.residents import Resident
from notifications.kinds import KINDS, REMARK
from notifications.models import Notification
from notifications.texts import TITLE


def route(resident: Resident) -> str:
    """How a notice reaches the resident: their channel's route (bot.channels), '' if none.

    NOTIFY_VIA=outbox (the embedded setup, no WeChat connected) keeps every notice
    in the outbox, for the simulator to show.
    """
    if current_app.config.get("NOTIFY_VIA", "outbox") == "outbox":
        return "outbox"
    return current_app.extensions.get("mzt.notify.routes", {}).get(resident.channel, "")


def notify(resident: Resident, text: str, source: str = "", kind: str = "general",
           fields: dict | None = None) -> Notification:
    """Add the message in the caller's transaction and queue the send job.

    The row is written first so a send that fails, or a job that never runs,
    leaves something to retry: `flask notifications retry` picks it up.
    `kind` and `fields` fill the template message used outside the 48-hour window.
    """
    kind = kind if kind in KINDS else "general"
    values = {"title": TITLE.get(kind, ""), "remark": REMARK,
              "time": f"{calendar.now():%Y-%m-%d %H:%M}",
              **{k: str(v) for k, v in (fields or {}).items() if v is not None}}
    row = Notification(resident=resident, text=text[:2000], source=source[:64], kind=kind,
                       fields=values, via=route(resident))
    db.session.add(row)
    db.session.flush()
    jobs.enqueue("notifications.tasks.send", row.id)  # leaves once the caller commits
    return row
