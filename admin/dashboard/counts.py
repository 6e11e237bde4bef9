"""The counters on admin pages, as JSON for admin/static/counts.js to refresh without a reload."""
from __future__ import annotations

from collections.abc import Callable

from flask import jsonify, request
from flask_login import current_user

from admin.blueprint import bp
from applications import queries as app_queries
from handoff import queries as ticket_queries
from notifications import staff
from orders import queries as order_queries


def _is_org(user) -> bool:
    return not user.is_staff and user.organization_id is not None


# What the pages' counters may show: name -> (who may see it, how it is counted).
# Staff see the bureau's queues; an organisation user only their organisation's orders.
COUNTERS: dict[str, tuple[Callable, Callable]] = {
    "notices": (lambda user: True, lambda user: staff.unread_count(user.id)),
    "orders": (lambda user: user.is_staff, lambda user: order_queries.queue_counts()),
    "applications": (lambda user: user.is_staff, lambda user: app_queries.status_counts()),
    "tickets": (lambda user: user.is_staff, lambda user: ticket_queries.ticket_counts()),
    "org_active": (_is_org, lambda user: order_queries.org_active_count(user.organization_id)),
    "org_states": (_is_org, lambda user: order_queries.org_state_counts(user.organization_id)),
}


@bp.get("/counts.json")
def counts():
    """What the pages' counters show, for the few lines of script that refresh them.

    `want=orders,notices` counts only those (a page asks for what it shows);
    without it, every counter the user may see. Signed out: 401, not a login page.
    """
    if not current_user.is_authenticated:
        return jsonify(error="signed_out"), 401
    user = current_user._get_current_object()
    wanted = {name for name in request.args.get("want", "").split(",") if name}
    return jsonify({name: count(user) for name, (allowed, count) in COUNTERS.items()
                    if (not wanted or name in wanted) and allowed(user)})
