"""Bulk approve, dispatch or close from the orders list, with a result line per order."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user

from admin import texts
from admin.auth import staff_required
from admin.blueprint import bp
from admin.forms import BaseForm
from admin.phrases.picker import phrase_text
from core.extensions import db
from orders import operations
from orders.models import Order
from orders.transitions import Actor, TransitionError

BULK_EVENTS = ("approve", "dispatch", "close_admin")
MAX_PICKED = 50  # one page of the list


class BulkForm(BaseForm):
    """The CSRF token; the picked orders come as pick=ID:VERSION."""


def _picked() -> list[tuple[int, int]]:
    picked = []
    for value in request.form.getlist("pick")[:MAX_PICKED]:
        order_id, _, version = value.partition(":")
        if order_id.isdigit() and version.isdigit():
            picked.append((int(order_id), int(version)))
    return picked


def _data(event: str) -> dict:
    typed = phrase_text(f"order.{event}", request.form.get("reason", ""))
    data: dict[str, object] = {"reason": typed.strip()[:500]}
    if event == "dispatch":
        org = request.form.get("organization_id", "")
        data["organization_id"] = int(org) if org.isdigit() else None
    if event == "close_admin":
        data["kind"] = request.form.get("kind", "")
    return data


def _one(order_id: int, version: int, event: str, actor: Actor, data: dict) -> tuple[str, str]:
    """(category, line) for one order; a refusal rolls back only that order."""
    order = db.session.get(Order, order_id)
    if order is None:
        return "error", texts.BULK_GONE.format(id=order_id)
    number = order.number
    try:
        with db.session.begin_nested():
            operations.apply(order_id, event, actor, version=version, **data)
    except TransitionError as exc:
        return "error", texts.BULK_REFUSED.format(number=number, why=exc)
    return "success", texts.BULK_DONE.format(number=number)


@bp.route("/orders/bulk", methods=["POST"])
@staff_required
def orders_bulk():
    """Apply one step to every ticked order; each gets its own result line."""
    if not BulkForm().validate_on_submit():
        abort(400)
    event = request.form.get("event", "")
    if event not in BULK_EVENTS:
        abort(400)
    picked = _picked()
    if not picked:
        flash(texts.BULK_NONE, "warning")
    actor, data = Actor.for_user(current_user), _data(event)
    results = [_one(order_id, version, event, actor, data) for order_id, version in picked]
    done = sum(1 for category, _ in results if category == "success")
    if picked:
        flash(texts.BULK_SUMMARY.format(done=done, total=len(picked)),
              "success" if done == len(picked) else "warning")
    for category, line in results:
        flash(line, category)
    back = request.form.get("back", "")
    # Back to the same filtered list, and never off this site.
    return redirect(back if back.startswith("/admin/orders?") else url_for("admin.orders"))
