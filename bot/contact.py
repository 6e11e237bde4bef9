"""What the notices need from each incoming message: reachability and QR binding."""
from __future__ import annotations

from accounts.models import User
from bot.messages import Incoming
from conversations import logbuffer
from core.audit import utcnow
from core.extensions import db
from notifications import binding, contacts
from notifications import texts as notice_texts


def note(incoming: Incoming, state: dict, buffered: bool = False) -> tuple[str, ...]:
    """Record the interaction (48-hour window) or the unsubscribe.

    The unsubscribe is written in the message's transaction; so is the
    interaction without the log buffer. With it (`buffered`) the interaction
    is returned as a buffered row to leave with the message's log rows: a
    message that needs the database for nothing else then opens no connection.
    """
    if incoming.channel == "cli":
        return ()
    now = utcnow()
    if incoming.kind == "event" and incoming.event == "unsubscribe":
        contacts.unsubscribed(incoming.resident, now)
        state.pop("contact_at", None)
        return ()
    if incoming.kind == "event" and incoming.event == "location":
        return ()  # reported by WeChat in the background: not the person interacting
    subscribed = incoming.kind == "event" and incoming.event == "subscribe"
    if not (subscribed or contacts.due_touch(state.get("contact_at"), now)):
        return ()
    state["contact_at"] = now.timestamp()
    if buffered:
        # Any interaction clears an earlier unsubscribe: a subscribe needs no flag.
        return (logbuffer.entry("contact", {"channel": incoming.channel, "openid": incoming.user}),)
    contacts.seen(incoming.resident, now, resubscribed=subscribed)
    return ()


def bind_reply(incoming: Incoming) -> str | None:
    """The reply to a scan of a binding QR code, or None if it is not one."""
    if incoming.event not in ("subscribe", "scan") or not binding.is_scene(incoming.key):
        return None
    result = binding.scan(incoming.key, incoming.resident)
    if result.outcome == "expired":
        return notice_texts.BIND_EXPIRED
    user = db.session.get(User, result.user_id)
    name = (user.display_name or user.username) if user is not None else ""
    if result.outcome == "taken":
        return notice_texts.BIND_TAKEN.format(name=name)
    return notice_texts.BOUND.format(name=name)
