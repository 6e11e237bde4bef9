"""Every write to an order: check the table, change, log an event, audit, notify.

Nothing here commits; the request, message or job that called us does.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from accounts.models import Organization
from core import audit, calendar, signals
from core.audit import utcnow
from core.extensions import db
from core.residents import NOBODY
from orders import alerts, categories, deadlines, notices, texts
from orders.models import Order, Rating
from orders.timeline import SYSTEM, log_event
from orders.transitions import Actor, TransitionError, check, low_rating

EMERGENCY = "emergency"


class OrderConflict(TransitionError):
    """Someone else changed the order first; the message says what it is now."""


def submit_order(actor: Actor, *, category: str, description: str, address: str = "",
                 phone: str = "", preferred_time: str = "", community: str = "",
                 lat: float | None = None, lng: float | None = None, source: str = "wechat",
                 external: dict | None = None, now: datetime | None = None) -> Order:
    """A resident (or another system) orders help: 点单."""
    check(None, "submit", actor, {})
    if category not in categories.labels():
        raise TransitionError(texts.NO_SUCH_CATEGORY.format(category=category))
    now = now or utcnow()
    order = Order(state="submitted", category=category, description=description.strip(),
                  address=address.strip(), phone=phone.strip(), community=community.strip(),
                  preferred_time=preferred_time.strip(), lat=lat, lng=lng, source=source,
                  resident=actor.resident or NOBODY, external=external or {}, created_at=now,
                  updated_at=now, due_at=deadlines.due_for("submitted", category, now))
    _insert_numbered(order, now)
    log_event(order, "submit", actor.name, actor.role, from_state="new", now=now,
              data={"source": source})
    audit.record(actor.audit_name, "order.submit", f"order:{order.number}",
                 after={"state": order.state, "category": category})
    if category == EMERGENCY:
        return _fast_track(order, now)
    _notify(order, "submitted", now=now)
    return order


def _fast_track(order: Order, now: datetime) -> Order:
    """助急: no review; straight to the dispatch queue with its short deadline, staff alerted."""
    _notify(order, "submitted_emergency", now=now)
    order = apply(order.id, "fast_track", SYSTEM, now=now, reason=texts.FAST_TRACK_REASON)
    alerts.alert_staff(order, "emergency", texts.EMERGENCY_ALERT.format(
        number=order.number, description=order.description[:80], address=order.address or texts.NOT_GIVEN),
        now)
    return order


def _insert_numbered(order: Order, now: datetime) -> None:
    """Give the order the day's next number (DD20261123-0001); retry on a clash."""
    prefix = "DD" + calendar.to_china(now).strftime("%Y%m%d") + "-"
    for _ in range(20):
        last = db.session.scalar(db.select(db.func.max(Order.number))
                                 .where(Order.number.like(prefix + "%")))
        order.number = prefix + f"{int(last[-4:]) + 1 if last else 1:04d}"
        try:
            with db.session.begin_nested():
                db.session.add(order)
        except IntegrityError:
            continue  # another message took this number in the meantime
        return
    raise OrderConflict(texts.NUMBER_FAILED)


def load_for_update(order_id: int) -> Order:
    """The order, locked until commit (SELECT ... FOR UPDATE on PostgreSQL)."""
    order = db.session.execute(
        db.select(Order).where(Order.id == order_id).with_for_update()
        .execution_options(populate_existing=True)).scalar_one_or_none()
    if order is None:
        raise TransitionError(texts.NO_SUCH_ORDER)
    return order


def apply(order_id: int, event: str, actor: Actor, *, version: int | None = None,
          now: datetime | None = None, **data) -> Order:
    """Move an order by one event of the table, or raise TransitionError."""
    now = now or utcnow()
    order = load_for_update(order_id)
    if version is not None and version != order.version:
        raise OrderConflict(texts.CONFLICT.format(state=texts.STATE_LABELS[order.state]))
    cell = check(order, event, actor, data)
    before = order.state
    EFFECTS.get(event, _no_effect)(order, actor, data, now)
    order.state = cell.target
    order.updated_at = now
    order.due_at = deadlines.due_for(cell.target, order.category, now)
    order.reminded_at = order.escalated_at = order.due_warned_at = None
    try:
        db.session.flush()
    except StaleDataError as exc:  # another session moved it between our read and write
        raise OrderConflict(texts.CONFLICT_MOVED) from exc
    reason = str(data.get("reason") or data.get("notes") or data.get("comment") or "")
    log_event(order, event, actor.name, actor.role, reason=reason, from_state=before,
              to_state=order.state, data=_event_data(data), now=now)
    audit.record(actor.audit_name, f"order.{event}", f"order:{order.number}",
                 before={"state": before}, after={"state": order.state, **_event_data(data)})
    _after(order, event, data, now)
    return order


def record_follow_up(order_id: int, actor: Actor, note: str, now: datetime | None = None) -> Order:
    """Staff's 回访 of a low rating or 未解决: a note on the timeline, audited; the state stays.

    The order leaves the 回访 queue until the resident rates it low again. Nothing is
    sent to the resident (the call was the contact) or to the organisation.
    """
    now = now or utcnow()
    order = load_for_update(order_id)
    if actor.role != "staff":
        raise TransitionError(texts.NOT_ALLOWED)
    if low_rating(order, actor, {}) is not None:
        raise TransitionError(texts.FOLLOW_UP_ONLY_LOW)
    note = (note or "").strip()
    if not note:
        raise TransitionError(texts.NEED_FOLLOW_UP_NOTE)
    log_event(order, "follow_up", actor.name, actor.role, reason=note, now=now)
    audit.record(actor.audit_name, "order.follow_up", f"order:{order.number}", after={"note": note})
    return order


def _event_data(data: dict) -> dict:
    keep = ("organization_id", "declined_by", "kind", "hours", "volunteers", "score", "resolved")
    return {k: data[k] for k in keep if k in data}


def _no_effect(order, actor, data, now) -> None:
    return None


def _set_org(order: Order, actor: Actor, data: dict, now) -> None:
    org = db.session.get(Organization, data["organization_id"])
    if org is None or not org.active:
        raise TransitionError(texts.BAD_ORG)
    order.organization_id = org.id


def _release(order: Order, actor: Actor, data: dict, now) -> None:
    # Kept on the event (declined_by) so suggestions skip it next time.
    data["declined_by"] = order.organization_id
    order.organization_id = None


def _complete(order: Order, actor: Actor, data: dict, now) -> None:
    order.completion_notes = str(data["notes"]).strip()
    order.service_hours = float(data["hours"])
    order.volunteers = [v for v in data.get("volunteers") or []
                        if (v.get("name") if isinstance(v, dict) else str(v).strip())]
    order.completed_at = now
    order.rating_reminded_at = None


def _rate(order: Order, actor: Actor, data: dict, now) -> None:
    db.session.add(Rating(order_id=order.id, organization_id=order.organization_id,
                          score=data["score"], resolved=data["resolved"],
                          comment=str(data.get("comment") or "").strip()[:1000], at=now))
    order.outcome = "rated"


def _unrated(order: Order, actor: Actor, data: dict, now) -> None:
    order.outcome = "unrated"  # never counted as satisfied


def _reopen(order: Order, actor: Actor, data: dict, now) -> None:
    order.outcome = ""
    order.organization_id = None


def _close_admin(order: Order, actor: Actor, data: dict, now) -> None:
    order.outcome = data["kind"]


EFFECTS = {"dispatch": _set_org, "reassign": _set_org, "decline": _release,
           "cannot_complete": _release, "accept_timeout": _release, "complete": _complete,
           "rate": _rate, "rating_timeout": _unrated, "reopen": _reopen,
           "close_admin": _close_admin}


def _after(order: Order, event: str, data: dict, now: datetime) -> None:
    """Tell the resident, the organisation and staff; credit the volunteers who served."""
    if event == "complete":
        _credit_volunteers(order)
    if event in ("decline", "cannot_complete", "accept_timeout", "reopen"):
        _notify(order, "redispatch", now=now)
    elif event == "close_admin":
        kind = texts.CLOSE_KIND_LABELS[data["kind"]]
        _notify(order, "closed_admin", reason=f"{kind}，{data['reason']}", now=now)
    elif event not in ("rating_timeout", "fast_track"):  # fast_track: told on submit
        _notify(order, order.state, reason=str(data.get("reason") or ""), now=now)
    _tell_org_and_staff(order, event, data)


def _credit_volunteers(order: Order) -> None:
    """Volunteer hours are another package's (core.signals); each is logged here either way."""
    credited: dict = {}
    # Receivers run in no set order (blinker keeps them in a set): a volunteer is credited
    # when any receiver credited them, so a later "not mine" never undoes an earlier credit.
    for _, result in signals.order_completed.send(order):
        for position, done in (result or {}).items():
            credited[position] = bool(credited.get(position)) or bool(done)
    for position, volunteer in enumerate(order.volunteers):
        log_event(order, "credit_hours", SYSTEM.name, SYSTEM.role,
                  data={"volunteer": volunteer, "hours": order.service_hours,
                        "credited": bool(credited.get(position))})


def _tell_org_and_staff(order: Order, event: str, data: dict) -> None:
    if event in ("dispatch", "reassign"):
        values = notices.values(order)
        notices.notify_org(order, "org_dispatched", texts.ORG_NOTICE["dispatched"].format(**values),
                           values)
    elif event in ("decline", "cannot_complete", "accept_timeout"):
        org = db.session.get(Organization, data.get("declined_by") or 0)
        values = notices.values(order, org=org.name if org else "",
                                reason=str(data.get("reason") or ""))
        notices.notify_staff(order, "staff_alert", texts.STAFF_NOTICE[event].format(**values), values)
    elif event == "rate" and (data["score"] <= 2 or not data["resolved"]):
        comment = str(data.get("comment") or "").strip()
        values = notices.values(order, score=data["score"],
                                resolved=texts.RESOLVED_LABELS[data["resolved"]],
                                reason=texts.LOW_RATING_COMMENT.format(comment=comment[:100]) if comment else "")
        notices.notify_staff(order, "staff_alert", texts.STAFF_NOTICE["low_rating"].format(**values),
                             values)


RESIDENT_KINDS = {"in_service": "order_accepted", "awaiting_rating": "order_completed",
                  "rating_reminder": "rating_reminder"}


def _notify(order: Order, key: str, reason: str = "", now: datetime | None = None) -> None:
    org = db.session.get(Organization, order.organization_id) if order.organization_id else None
    text = texts.NOTIFY[key].format(
        number=order.number, category=categories.short(order.category), reason=reason,
        org=org.name if org else "", org_phone=(org.contact_phone if org else "") or texts.ORG_PHONE_UNKNOWN)
    notices.notify_resident(order.resident, text.strip(), order=order,
                            kind=RESIDENT_KINDS.get(key, "order_status"),
                            fields=notices.values(order, reason=reason))


def remind(order: Order, event: str, note: str, now: datetime) -> None:
    """Log a reminder, escalation or deadline warning from the sweep (not a state change)."""
    values = notices.values(order, reason=note, stage=texts.STAGE_LABELS.get(order.state, ""))
    if event == "escalate":
        order.escalated_at = now
        notices.notify_staff(order, "staff_alert", texts.STAFF_NOTICE["escalate"].format(**values),
                             values)
    elif event == "rating_reminder":
        order.rating_reminded_at = now
        _notify(order, "rating_reminder", now=now)
    elif event == "due_soon":
        order.due_warned_at = now
        notices.notify_org(order, "deadline_soon",
                           texts.ORG_NOTICE["deadline_soon"].format(**values), values)
    else:
        order.reminded_at = now
        if order.organization_id and order.state in ("dispatched", "in_service"):
            notices.notify_org(order, "reminder", texts.ORG_NOTICE["remind"].format(**values), values)
        else:
            notices.notify_staff(order, "reminder", texts.STAFF_NOTICE["remind"].format(**values),
                                 values)
    log_event(order, event, SYSTEM.name, SYSTEM.role, reason=note, now=now)
    audit.record(SYSTEM.name, f"order.{event}", f"order:{order.number}", after={"note": note})
