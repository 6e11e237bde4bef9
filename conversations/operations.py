"""Recording messages and missed questions, in the caller's transaction."""
from __future__ import annotations

from core import pii
from core.extensions import db
from conversations.models import MessageLog, MissedQuestion


def log_message(resident: str, *, channel: str, kind: str, text: str, reply: str,
                outcome: str, understanding: dict | None = None) -> MessageLog:
    """Append one message row."""
    u = understanding or {}
    # ID and phone numbers typed into forms must not sit in the log in clear.
    row = MessageLog(resident=resident, channel=channel, kind=kind,
                     text=pii.mask_text(text)[:2000], reply=pii.mask_text(reply)[:4000], outcome=outcome, intent=u.get("intent"),
                     service=u.get("service"), aspect=u.get("aspect"),
                     category=u.get("category"), confidence=u.get("confidence"))
    db.session.add(row)
    return row


def log_missed(text: str, guesses: list[dict], confidence: float) -> MissedQuestion:
    """Keep a low-confidence or unanswered question for staff review."""
    row = MissedQuestion(text=pii.mask_text(text)[:2000], guesses=guesses[:3], confidence=confidence)
    db.session.add(row)
    return row
