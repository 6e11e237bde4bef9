"""Role guards for admin pages, and the organisation scope of org users."""
from __future__ import annotations

from functools import wraps
from collections.abc import Callable

from flask import abort
from flask_login import current_user, login_required

STAFF_ROLES = ("admin", "staff")


def _require(allowed: Callable[[object], bool]) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not allowed(current_user):
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


staff_required = _require(lambda user: user.role in STAFF_ROLES)
staff_required.__doc__ = "Signed-in bureau staff or admins; anyone else gets 403."

admin_required = _require(lambda user: user.role == "admin")
admin_required.__doc__ = "Signed-in admins only; anyone else gets 403."

# An org user without an organisation would otherwise see an unscoped portal.
org_required = _require(lambda user: user.role == "org" and user.organization_id is not None)
org_required.__doc__ = "Signed-in organisation users; staff get 403 (they have their own pages)."


def current_org_id() -> int:
    """The signed-in org user's organisation id; every org page filters by it."""
    if not current_user.is_authenticated or current_user.role != "org":
        abort(403)
    if current_user.organization_id is None:
        abort(403)
    return current_user.organization_id


def landing_endpoint(user) -> str:
    """Where a user goes after signing in: their role's home page."""
    return "admin.org_home" if user.role == "org" else "admin.dashboard"

# 常用语 are edited by admins (the bureau's and any organisation's) and by organisations (their own).
phrase_editor_required = _require(
    lambda user: user.role == "admin" or (user.role == "org" and user.organization_id is not None))
phrase_editor_required.__doc__ = "Admins, and organisation users for their own phrases."
