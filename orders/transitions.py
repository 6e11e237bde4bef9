"""The order workflow as one table: (state, event) -> (target, who, guard).

Everything that moves an order goes through `check`, so the table is the
whole truth about who may do what, and the tests walk every cell of it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable

from core.residents import Resident
from orders import texts

ROLES = ("resident", "staff", "org", "system", "api")
# "new" is the state before an order exists: the cell for submitting one.
STATES = ("new", "submitted", "pending_dispatch", "dispatched", "in_service",
          "awaiting_rating", "closed", "rejected", "cancelled", "closed_admin")
CLOSE_KINDS = ("duplicate", "out_of_remit", "referred")


@dataclass(frozen=True)
class Actor:
    """Who is acting: role, a display name, and what they own."""

    role: str
    name: str
    org_id: int | None = None
    resident: Resident | None = None
    username: str | None = None

    @classmethod
    def for_user(cls, user) -> Actor:
        """An admin-app user: admin and staff act as staff."""
        role = "org" if user.role == "org" else "staff"
        return cls(role, user.display_name or user.username, org_id=user.organization_id,
                   username=user.username)

    @classmethod
    def for_resident(cls, resident: Resident) -> Actor:
        """A resident acting on their own orders, in chat."""
        return cls("resident", resident.key, resident=resident)

    @property
    def audit_name(self) -> str:
        """Who the audit log records, as every other audit row does: the account, or the kind."""
        if self.username:
            return self.username
        if self.role == "resident" and self.resident:
            return self.resident.audit_name
        return self.name if self.role == "system" else f"{self.role}:{self.name}"


class TransitionError(ValueError):
    """Not allowed now, by this actor, or with these details; message in Chinese."""


Guard = Callable[[object, Actor, dict], "str | None"]


def own_org(order, actor: Actor, data: dict) -> str | None:
    """An organisation acts only on orders dispatched to it."""
    if actor.role != "org" or order.organization_id == actor.org_id:
        return None
    return texts.NOT_YOUR_ORDER


def own_resident(order, actor: Actor, data: dict) -> str | None:
    """A resident acts only on their own orders (staff may act on any)."""
    if actor.role != "resident" or (order.resident and order.resident == actor.resident):
        return None
    return texts.NOT_YOUR_ORDER


def needs_reason(order, actor: Actor, data: dict) -> str | None:
    return None if str(data.get("reason") or "").strip() else texts.NEED_REASON


def needs_org(order, actor: Actor, data: dict) -> str | None:
    if not data.get("organization_id"):
        return texts.NEED_ORG
    if data["organization_id"] == order.organization_id:
        return texts.SAME_ORG
    return None


def completion(order, actor: Actor, data: dict) -> str | None:
    hours = data.get("hours")
    if not isinstance(hours, (int, float)) or isinstance(hours, bool) or not 0 <= hours <= 24 * 7:
        return texts.BAD_HOURS
    if not str(data.get("notes") or "").strip():
        return texts.NEED_NOTES
    if not isinstance(data.get("volunteers", []), list):
        return texts.BAD_VOLUNTEERS
    return None


def rating(order, actor: Actor, data: dict) -> str | None:
    score = data.get("score")
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        return texts.BAD_SCORE
    return None if isinstance(data.get("resolved"), bool) else texts.NEED_RESOLVED


def low_rating(order, actor: Actor, data: dict) -> str | None:
    last = order.rating
    if last is not None and (last.score <= 2 or not last.resolved):
        return None
    return texts.REOPEN_ONLY_LOW


def close_kind(order, actor: Actor, data: dict) -> str | None:
    return None if data.get("kind") in CLOSE_KINDS else texts.NEED_CLOSE_KIND


@dataclass(frozen=True)
class Transition:
    target: str
    roles: frozenset
    guards: tuple = field(default=())


def T(target: str, roles: str, *guards: Guard) -> Transition:
    return Transition(target, frozenset(roles.split()), guards)


TABLE: dict[tuple[str, str], Transition] = {
    ("new", "submit"): T("submitted", "resident api"),
    ("submitted", "approve"): T("pending_dispatch", "staff"),
    # 助急 orders skip review: the system moves them on the moment they arrive.
    ("submitted", "fast_track"): T("pending_dispatch", "system"),
    ("submitted", "reject"): T("rejected", "staff", needs_reason),
    ("pending_dispatch", "dispatch"): T("dispatched", "staff", needs_org),
    ("dispatched", "reassign"): T("dispatched", "staff", needs_org),
    ("in_service", "reassign"): T("dispatched", "staff", needs_org, needs_reason),
    ("dispatched", "accept"): T("in_service", "org", own_org),
    ("dispatched", "decline"): T("pending_dispatch", "org", own_org, needs_reason),
    ("dispatched", "accept_timeout"): T("pending_dispatch", "system"),
    ("in_service", "cannot_complete"): T("pending_dispatch", "org", own_org, needs_reason),
    ("in_service", "complete"): T("awaiting_rating", "org", own_org, completion),
    ("awaiting_rating", "rate"): T("closed", "resident", own_resident, rating),
    ("awaiting_rating", "rating_timeout"): T("closed", "system"),
    ("closed", "reopen"): T("pending_dispatch", "staff", low_rating, needs_reason),
    ("submitted", "cancel"): T("cancelled", "resident staff", own_resident),
    ("pending_dispatch", "cancel"): T("cancelled", "resident staff", own_resident),
    ("dispatched", "cancel"): T("cancelled", "resident staff", own_resident),
    # Once an organisation has accepted, only the bureau can call it off.
    ("in_service", "cancel"): T("cancelled", "staff", needs_reason),
    ("submitted", "close_admin"): T("closed_admin", "staff", close_kind, needs_reason),
    ("pending_dispatch", "close_admin"): T("closed_admin", "staff", close_kind, needs_reason),
    ("dispatched", "close_admin"): T("closed_admin", "staff", close_kind, needs_reason),
}
EVENTS = tuple(dict.fromkeys(event for _, event in TABLE))


def allowed(state: str, event: str, role: str) -> bool:
    """Does the table let this role do this event in this state (guards aside)?"""
    cell = TABLE.get((state, event))
    return cell is not None and role in cell.roles


def check(order, event: str, actor: Actor, data: dict) -> Transition:
    """The transition to apply, or TransitionError saying why not."""
    state = order.state if order is not None else "new"
    cell = TABLE.get((state, event))
    if cell is None:
        raise TransitionError(texts.NOT_NOW.format(
            state=texts.STATE_LABELS.get(state, state), action=texts.EVENT_LABELS.get(event, event)))
    if actor.role not in cell.roles:
        raise TransitionError(texts.NOT_ALLOWED)
    for guard in cell.guards:
        problem = guard(order, actor, data)
        if problem:
            raise TransitionError(problem)
    return cell
