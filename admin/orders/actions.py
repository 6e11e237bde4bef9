"""Order actions from admin forms: which a page offers, and a submitted form applied.

The transition table decides what is allowed; this module only reads the
form into the data the table checks, and says the outcome: in a flash, and on
the form when the step is refused.
"""
from __future__ import annotations

import math

from flask import abort, flash

from accounts.models import Organization
from admin import texts
from admin.forms import flash_errors
from admin.orders.forms import OrderActionForm
from admin.orders.labels import volunteer_name
from admin.orders.completion import NotOnRoster, served_by, unconfirmed
from admin.phrases.picker import fill_from_phrase
from core.extensions import db
from orders import operations, search, transitions
from orders.models import Order, OrderEvent
from orders.transitions import Actor, TransitionError

# follow_up (回访) is a note, not a move of the table: offered while the order waits for one.
STAFF_EVENTS = ("approve", "reject", "dispatch", "reassign", "reopen", "close_admin", "cancel",
                "follow_up")
ORG_EVENTS = ("accept", "decline", "complete", "cannot_complete")


def offered(order: Order, events: tuple[str, ...], actor: Actor) -> list[str]:
    """The events this actor may do to the order in its state now, for the page to offer."""
    found = [event for event in events if transitions.allowed(order.state, event, actor.role)]
    if "reopen" in found and transitions.low_rating(order, actor, {}):
        found.remove("reopen")  # a satisfied resident's order stays closed
    if "follow_up" in events and actor.role == "staff" and search.waits_for_follow_up(order.id):
        found.append("follow_up")
    return found


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _hours(value) -> float | None:
    # None lets the table's guard say what is wrong, in its own words.
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def read_form(event: str, form: OrderActionForm, actor: Actor) -> dict:
    """The submitted fields as the data the transition table checks for this event.

    Raises NotOnRoster when a completion ticks someone the roster no longer holds.
    """
    data = {"reason": (form.reason.data or "").strip()}
    if event in ("dispatch", "reassign"):
        data["organization_id"] = _int(form.organization_id.data)
    elif event == "close_admin":
        data["kind"] = form.kind.data or ""
    elif event == "complete":
        data.update(notes=(form.notes.data or "").strip(), hours=_hours(form.hours.data),
                    volunteers=served_by(form, actor.org_id))
    return data


def perform(order_id: int, event: str, actor: Actor, form: OrderActionForm) -> Order | None:
    """Apply one step from its submitted form and flash the outcome.

    None if refused: the form then carries why, next to the field concerned,
    and keeps what was typed for the page to show again.
    """
    version = _int(form.version.data)
    if version is None:
        abort(400)  # every action form carries the version it was drawn from
    fill_from_phrase(form, "notes" if event == "complete" else "reason", f"order.{event}")
    if not form.validate_on_submit():
        flash_errors(form)
        return None
    try:
        data = read_form(event, form, actor)
    except NotOnRoster as exc:  # nothing applied: the form comes back as ticked
        flash(str(exc), "error")
        form.refuse(str(exc), "volunteer_ids")
        return None
    warning = unconfirmed(form, data["volunteers"]) if event == "complete" else ""
    if warning:  # said with whatever else the table refuses, so one more post fixes all
        _table_refusal(order_id, event, actor, data, form)
        flash(warning, "warning")
        form.refuse(warning, "volunteers")
        return None
    try:
        if event == "follow_up":  # the state stays: a page drawn before another step still may
            order = operations.record_follow_up(order_id, actor, data["reason"])
        else:
            order = operations.apply(order_id, event, actor, version=version, **data)
    except TransitionError as exc:
        db.session.rollback()  # nothing of a refused step may reach the commit
        flash(str(exc), "error")
        form.refuse_step(str(exc))
        return None
    flash(_done(order, event), "success")
    return order


def _table_refusal(order_id: int, event: str, actor: Actor, data: dict, form: OrderActionForm) -> None:
    """What the transition table would refuse in this step, on the form, without applying it."""
    try:
        transitions.check(db.session.get(Order, order_id), event, actor, data)
    except TransitionError as exc:
        flash(str(exc), "error")
        form.refuse_step(str(exc))


def _done(order: Order, event: str) -> str:
    message = texts.ORDER_DONE[event]
    if event in ("dispatch", "reassign"):
        message = message.format(org=db.session.get(Organization, order.organization_id).name)
    if event == "complete":
        message += credit_summary(order)
    return message


def credit_summary(order: Order) -> str:
    """How the volunteers of the latest completion were credited, for the flash."""
    events = list(db.session.scalars(
        db.select(OrderEvent).filter_by(order_id=order.id).order_by(OrderEvent.id)))
    last = max((e.id for e in events if e.event == "complete"), default=0)
    credits = [e.data for e in events if e.event == "credit_hours" and e.id > last]
    done = sum(1 for c in credits if c.get("credited"))
    # What the organisation has just typed, echoed as typed (like its form), not a record shown.
    missed = [volunteer_name(c.get("volunteer"), full=True) for c in credits if not c.get("credited")]
    summary = texts.ORDER_CREDITED.format(credited=done) if credits else ""
    if missed:
        summary += texts.ORDER_NOT_CREDITED.format(names="、".join(missed))
    return summary

