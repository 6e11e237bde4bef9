"""Recording messages and missed questions, in the caller's transaction."""
from __future__ import annotations

from core import audit, pii
from core.extensions import db
from core.residents import Resident
from conversations.models import MessageLog, MissedQuestion


def message_values(resident: Resident, *, kind: str, text: str, reply: str,
                   outcome: str, understanding: dict | None = None,
                   flow: str | None = None) -> dict:
    """One message row's columns by column name, masked and cut to size (see conversations.logbuffer)."""
    u = understanding or {}
    # ID and phone numbers typed into forms must not sit in the log in clear.
    return dict(resident=resident.id, channel=resident.channel, kind=kind,
                text=pii.mask_text(text)[:2000], reply=pii.mask_text(reply)[:4000],
                outcome=outcome, intent=u.get("intent"), service=u.get("service"),
                aspect=u.get("aspect"), category=u.get("category"),
                confidence=u.get("confidence"), flow=flow)


def missed_values(text: str, guesses: list[dict], confidence: float) -> dict:
    """One missed question's columns, masked and cut to size."""
    return dict(text=pii.mask_text(text)[:2000], guesses=guesses[:3], confidence=confidence)


def log_message(resident: Resident, *, kind: str, text: str, reply: str,
                outcome: str, understanding: dict | None = None) -> MessageLog:
    """Append one message row."""
    values = message_values(resident, kind=kind, text=text, reply=reply, outcome=outcome,
                            understanding=understanding)
    row = MessageLog(resident_id=values.pop("resident"), **values)
    db.session.add(row)
    return row


def log_missed(text: str, guesses: list[dict], confidence: float) -> MissedQuestion:
    """Keep a low-confidence or unanswered question for staff review."""
    row = MissedQuestion(**missed_values(text, guesses, confidence))
    db.session.add(row)
    return row


RESOLUTIONS = ("attached", "created", "out_of_scope")


def resolve_missed(ids: list[int], status: str, resolution: str, actor: str) -> int:
    """Close open missed questions (the resident is not notified); return how many."""
    if status not in RESOLUTIONS:
        raise ValueError(status)
    rows = list(db.session.scalars(db.select(MissedQuestion).where(
        MissedQuestion.id.in_(ids), MissedQuestion.status == "open")))
    for row in rows:
        row.status, row.resolution = status, resolution[:120]
    if rows:
        audit.record(actor, f"missed.{status}", resolution[:120],
                     after={"ids": [r.id for r in rows], "text": rows[0].text[:200]})
    return len(rows)


def delete_missed(rows: list[MissedQuestion], actor: str) -> int:
    """Remove missed rows logged wrongly (never a question); audited; return how many."""
    for row in rows:
        db.session.delete(row)
    if rows:
        audit.record(actor, "missed.purged", f"{len(rows)} 条",
                     after={"ids": [r.id for r in rows][:500]})
    return len(rows)
