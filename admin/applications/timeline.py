"""A pre-application's status history as the rows of the order pages' timeline."""
from __future__ import annotations

from accounts.models import User
from admin.orders.timeline import Row
from applications.models import STATUS_LABELS, Application
from core.extensions import db
from orders.texts import ROLE_LABELS


def rows(app: Application) -> list[Row]:
    """Oldest first: who moved it (居民, or staff by their display name), from → to, why."""
    names = dict(db.session.execute(db.select(User.username, User.display_name)).all())
    found, before = [], ""
    for event in app.events:
        role, actor = _who(event.actor, names)
        moved = f"{STATUS_LABELS.get(before, before)} → {event.status_label}" if before else ""
        found.append(Row(event.at, event.status, event.status_label, actor, role, moved,
                         event.reason, []))
        before = event.status
    return found


def _who(actor: str, names: dict) -> tuple[str, str]:
    # "resident:<openid>" means nothing to staff and is the resident's key: never shown.
    if actor.startswith("resident:"):
        return ROLE_LABELS["resident"], ""
    if actor == "system" or not actor:
        return ROLE_LABELS["system"], ""
    return ROLE_LABELS["staff"], names.get(actor) or actor
