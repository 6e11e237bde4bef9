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
from admin.forms import ActionForm
from admin.order_actions import ORG_EVENTS, offered, perform
from admin.order_timeline import rows as timeline_rows
from admin.paging import paginate
from core.audit import utcnow
from core.extensions import db
from orders import queries
from orders.queries import ACTIVE
from orders.transitions import Actor


@bp.route("/org/")
@org_required
def org_home():
    """The organisation's own orders, ones to accept or serve first."""
    org_id = current_org_id()
    return render_template("admin/org_home.html", organization=db.session.get(Organization, org_id),
                           page=paginate(queries.org_orders(org_id)),
                           active=queries.org_active_count(org_id), now=utcnow())


@bp.route("/org/orders/<int:order_id>")
@org_required
def org_order_detail(order_id: int):
    """What the organisation needs to serve: the request, address, time and phone."""
    org_id = current_org_id()
    order = queries.org_order(org_id, order_id) or abort(404)
    return render_template(
        "admin/org_order.html", order=order, form=ActionForm(), now=utcnow(),
        events=offered(order, ORG_EVENTS, Actor.for_user(current_user)),
        # The phone is for serving: once the service is done it is masked again.
        serving=order.state in ACTIVE, history=timeline_rows(order, org_id=org_id))


@bp.route("/org/orders/<int:order_id>/<event>", methods=["POST"])
@org_required
def org_order_action(order_id: int, event: str):
    """Accept, decline, complete or hand back one of the organisation's orders."""
    org_id = current_org_id()
    if event not in ORG_EVENTS or queries.org_order(org_id, order_id) is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    perform(order_id, event, Actor.for_user(current_user), request.form)
    if queries.org_order(org_id, order_id) is None:  # declined or handed back: no longer theirs
        return redirect(url_for("admin.org_home"))
    return redirect(url_for("admin.org_order_detail", order_id=order_id))
