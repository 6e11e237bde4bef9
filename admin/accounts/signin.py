"""Signing in and out, and the admin's own 404 page."""
from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from accounts.operations import authenticate, record_logout
from admin import texts
from admin.auth import landing_endpoint
from admin.blueprint import bp, cst
from admin.forms import ActionForm, LoginForm
from admin.security import (client_ip, end_session, ip_throttled, note_ip_failure, safe_next,
                            start_session)

@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign-in page; failures count towards the account lockout and the IP throttle."""
    target = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(target or url_for(landing_endpoint(current_user)))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("admin/login.html", form=form)
    ip = client_ip()
    if ip_throttled(ip):
        minutes = max(1, current_app.config["ADMIN_LOGIN_IP_WINDOW"] // 60)
        flash(texts.LOGIN_THROTTLED.format(minutes=minutes), "error")
        return render_template("admin/login.html", form=form), 429
    config = current_app.config
    result = authenticate(form.username.data.strip(), form.password.data, ip=ip,
                          threshold=config["ADMIN_LOCKOUT_THRESHOLD"],
                          lock_for=timedelta(seconds=config["ADMIN_LOCKOUT_SECONDS"]))
    if result.user is None:
        if result.outcome == "invalid":
            note_ip_failure(ip)
        flash(_failure_message(result), "error")
        return render_template("admin/login.html", form=form)
    start_session(result.user)
    login_user(result.user)
    flash(texts.LOGIN_OK.format(name=result.user.display_name), "success")
    return redirect(target or url_for(landing_endpoint(result.user)))


def _failure_message(result) -> str:
    if result.outcome == "locked":
        return texts.LOGIN_LOCKED.format(until=cst(result.locked_until, "%H:%M"))
    if result.outcome == "inactive":
        return texts.LOGIN_INACTIVE
    return texts.LOGIN_INVALID


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out (POST with CSRF token, so other sites cannot sign anyone out)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    record_logout(current_user._get_current_object())
    end_session()  # a copy of the cookie stops working too
    logout_user()
    flash(texts.LOGGED_OUT, "success")
    return redirect(url_for("admin.login"))


@bp.route("/<path:unknown>", methods=["GET", "POST"])
def not_found(unknown: str):
    """Unknown /admin URLs get the admin's own Chinese 404 page."""
    abort(404)
