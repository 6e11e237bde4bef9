"""社会组织工作台: an organisation's own orders, and accepting, declining and completing them.

Every lookup goes through `queries.org_order`, so another organisation's order
is a 404 whether it is read or posted to.
"""
from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from accounts.models import Organization
from admin.auth import current_org_id, org_required
from admin.blueprint import bp
from admin.orders.actions import ORG_EVENTS, offered, perform
from admin.orders.forms import OrderActionForm, forms_for, posted
from admin.orders.timeline import rows as timeline_rows
from admin.paging import paginate
from core.audit import utcnow
from core.extensions import db
from orders import queries
from orders.models import Order
from orders.texts import STATE_LABELS
from orders.queries import ACTIVE
from orders.transitions import Actor
from volunteers.queries import roster


# The workbench's tabs: what to accept, what is being served, and the history (待评单, 已办结),
# named as the state badges name them.
TABS = (("", "全部"),) + tuple((state, STATE_LABELS[state]) for state in queries.ORG_VISIBLE)


@bp.route("/org/")
@org_required
def org_home():
    """The organisation's own orders by state, searched by number or keyword."""
    org_id = current_org_id()
    state = request.args.get("state", "")
    if state not in dict(TABS):
        state = ""
    query = request.args.get("q", "").strip()[:50]
    found = queries.by_number(query) if query else None
    if found is not None and queries.org_order(org_id, found.id) is not None:
        return redirect(url_for("admin.org_order_detail", order_id=found.id))
    counts = queries.org_state_counts(org_id)
    return render_template("admin/org_home.html", organization=db.session.get(Organization, org_id),
                           page=paginate(queries.org_orders(org_id, state, query)), tabs=TABS,
                           state=state, q=query, counts=counts, total=sum(counts.values()),
                           active=counts["dispatched"] + counts["in_service"], now=utcnow())


@bp.route("/org/orders/<int:order_id>")
@org_required
def org_order_detail(order_id: int):
    """What the organisation needs to serve: the request, address, time and phone."""
    order = queries.org_order(current_org_id(), order_id) or abort(404)
    return _page(order)


def _page(order: Order, refused: OrderActionForm | None = None):
    events = offered(order, ORG_EVENTS, Actor.for_user(current_user))
    return render_template(
        "admin/org_order.html", order=order, events=events, now=utcnow(),
        forms=forms_for(events, refused), refused=refused, roster=roster(current_org_id()),
        # The phone is for serving: once the service is done it is masked again.
        serving=order.state in ACTIVE, history=timeline_rows(order, org_id=current_org_id()))


@bp.get("/org/orders/<int:order_id>/<event>")
@org_required
def org_order_action_reloaded(order_id: int, event: str):
    """A refused step's page reloaded (or its address opened): the order's page, not a 405."""
    return redirect(url_for("admin.org_order_detail", order_id=order_id))


@bp.route("/org/orders/<int:order_id>/<event>", methods=["POST"])
@org_required
def org_order_action(order_id: int, event: str):
    """Accept, decline, complete or hand back one of the organisation's orders."""
    org_id = current_org_id()
    if event not in ORG_EVENTS or queries.org_order(org_id, order_id) is None:
        abort(404)
    form = posted(event)
    done = perform(order_id, event, Actor.for_user(current_user), form) is not None
    order = queries.org_order(org_id, order_id)
    if order is None:  # declined or handed back (or taken back meanwhile): no longer theirs
        return redirect(url_for("admin.org_home"))
    if done:
        return redirect(url_for("admin.org_order_detail", order_id=order_id))
    # Refused: the page again with what was typed, where a redirect would drop it.
    return _page(order, refused=form)
