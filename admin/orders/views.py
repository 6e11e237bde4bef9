"""居民点单 for bureau staff: queues by state, an order's page, and the actions on it."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from admin import texts
from admin.auth import staff_required
from admin.blueprint import bp
from admin.orders.actions import STAFF_EVENTS, offered, perform
from admin.orders.bulk import BulkForm
from admin.orders.forms import OrderActionForm, forms_for, posted
from admin.orders.search import NUMBER, choices, kept_args, read_filter, read_sort
from admin.paging import paginate
from admin.reveal import NOTHING, Shown, revealed
from admin.orders.timeline import rows as timeline_rows
from core.audit import utcnow
from core.extensions import db
from orders import queries, search
from orders.models import OPEN_STATES, TERMINAL_STATES, Order
from orders.texts import CLOSE_KIND_LABELS
from orders.transitions import Actor

STATES = OPEN_STATES + TERMINAL_STATES


@bp.route("/orders")
@staff_required
def orders():
    """One state's orders, searched and filtered; overdue and escalated first unless sorted."""
    query = request.args.get("q", "").strip()
    if query:
        found = queries.by_number(query)
        if found is not None:
            return redirect(url_for("admin.order_detail", order_id=found.id))
    state = request.args.get("state", "submitted")
    if state not in STATES:
        abort(404)
    now = utcnow()
    sort, descending = read_sort()
    wanted = read_filter(query)
    # A search shows in which tabs its orders are: the one open may hold none of them.
    matches = search.state_counts(wanted, now) if wanted.active() else None
    if matches == {} and NUMBER.match(query):  # no number holds what was typed
        flash(texts.ORDER_NOT_FOUND.format(number=query), "warning")
    found = search.search(state, wanted, now, sort, descending)
    return render_template("admin/orders.html", state=state, states=STATES,
                           page=paginate(found), counts=queries.queue_counts(now), now=now,
                           number=query, sort=request.args.get("sort", ""), kept=kept_args(),
                           matches=matches, bulk_form=BulkForm(), close_kinds=CLOSE_KIND_LABELS,
                           followup=search.followup_counts()["waiting"], **choices())


@bp.route("/orders/follow-up")
@staff_required
def orders_followup():
    """回访: orders whose resident rated ≤ 2 stars or said 未解决: 待回访, and 已回访 with what was found."""
    done = request.args.get("tab") == "done"
    return render_template("admin/orders_followup.html", page=paginate(search.followup_queue(done)),
                           done=done, counts=search.followup_counts(), now=utcnow())


@bp.route("/orders/<int:order_id>")
@staff_required
def order_detail(order_id: int):
    """Everything about one order, its timeline, and what staff may do to it now."""
    order = db.session.get(Order, order_id) or abort(404)
    return _page(order, shown=revealed("order", ("phone", "address", "description"),
                                       lambda _row: f"order:{order.number}"))


def _page(order: Order, refused: OrderActionForm | None = None, shown: Shown = NOTHING):
    events = offered(order, STAFF_EVENTS, Actor.for_user(current_user))
    wants_org = "dispatch" in events or "reassign" in events
    return render_template(
        "admin/order_detail.html", order=order, events=events, shown=shown,
        suggestions=queries.suggest_organizations(order) if wants_org else [],
        history=timeline_rows(order, full_names=shown("phone")), close_kinds=CLOSE_KIND_LABELS,
        forms=forms_for(events, refused), refused=refused, now=utcnow())


@bp.get("/orders/<int:order_id>/<event>")
@staff_required
def order_action_reloaded(order_id: int, event: str):
    """A refused step's page reloaded (or its address opened): the order's page, not a 405."""
    return redirect(url_for("admin.order_detail", order_id=order_id))


@bp.route("/orders/<int:order_id>/<event>", methods=["POST"])
@staff_required
def order_action(order_id: int, event: str):
    """Approve, reject, dispatch, reassign, reopen, close or cancel, from the order's page."""
    if event not in STAFF_EVENTS or db.session.get(Order, order_id) is None:
        abort(404)
    form = posted(event)
    if perform(order_id, event, Actor.for_user(current_user), form) is not None:
        return redirect(url_for("admin.order_detail", order_id=order_id))
    # Refused: the page again with what was typed, where a redirect would drop it.
    return _page(db.session.get(Order, order_id), refused=form)
