"""The admin blueprint and its request boundary: session checks, errors, headers."""
from __future__ import annotations

import json
from datetime import datetime

from flask import (Blueprint, current_app, flash, jsonify, redirect, render_template, request,
                   url_for)
from flask_login import current_user, logout_user
from flask_wtf.csrf import CSRFError

from accounts.models import ROLE_LABELS
from accounts.operations import record_logout
from admin import texts
from admin.forms import ActionForm
from admin.nav import nav_for
from admin.security import end_session, session_problem
from core import calendar
from core.http import NulInRequest
from notifications.staff import unread_count

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates",
               static_folder="static")

# The bureau works in China Standard Time, which has no daylight saving.
OPEN_ENDPOINTS = {"admin.login", "admin.static"}
# Requests a page's script makes by itself: they must not keep an idle session alive,
# and a session that ended gets a 401 there, not a login page.
POLLING_ENDPOINTS = {"admin.counts"}
SESSION_ENDED = {
    "idle": lambda: texts.IDLE_TIMEOUT,
    "revoked": lambda: texts.SESSION_REVOKED,
    "expired": lambda: texts.SESSION_EXPIRED.format(
        hours=current_app.config["PERMANENT_SESSION_LIFETIME"] // 3600),
}


@bp.before_request
def check_session():
    """End idle or revoked sessions before any admin page runs."""
    if request.endpoint in OPEN_ENDPOINTS or not current_user.is_authenticated:
        return None
    polling = request.endpoint in POLLING_ENDPOINTS
    problem = session_problem(current_user, touch=not polling)
    if problem is None:
        return None
    record_logout(current_user._get_current_object(), reason=problem)
    end_session()
    logout_user()
    flash(SESSION_ENDED[problem](), "warning")  # shown on the next page the person opens
    if polling:
        return jsonify(error="signed_out"), 401
    # Only a page can be returned to; a form post would be replayed as a GET.
    target = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("admin.login", next=target))


@bp.after_request
def finish(response):
    """Protective headers (the request's one commit is core.unit's, after this)."""
    headers = response.headers
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Content-Security-Policy",
                       "default-src 'self'; frame-ancestors 'none'; form-action 'self'")
    if request.endpoint != "admin.static":
        # Pages show residents' personal data: no copies in shared browser caches.
        headers["Cache-Control"] = "no-store"
    return response


def _error_page(code: int, title_text: tuple[str, str]):
    title, text = title_text
    return render_template("admin/error.html", code=code, title=title, text=text), code


@bp.errorhandler(CSRFError)
def csrf_error(error):
    return _error_page(400, texts.CSRF_ERROR)


@bp.errorhandler(NulInRequest)
def nul_in_request(error):
    return _error_page(400, (texts.ERRORS[400][0], error.description))


for _code in texts.ERRORS:
    bp.register_error_handler(
        _code, lambda error, code=_code: _error_page(code, texts.ERRORS[code]))


@bp.app_template_filter("cst")
def cst(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC time, shown in China Standard Time."""
    if value is None:
        return ""
    return calendar.to_china(value).strftime(fmt)


@bp.app_template_filter("pretty_json")
def pretty_json(value) -> str:
    """Audit before/after data, readable with Chinese left as is."""
    return "" if value is None else json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


@bp.context_processor
def layout_context() -> dict:
    """What base.html needs on every page: menu, role label, logout form."""
    unread = unread_count(current_user.id) if current_user.is_authenticated else 0
    return {"nav_items": nav_for(current_user), "role_labels": ROLE_LABELS,
            "logout_form": ActionForm(), "unread_notices": unread}
