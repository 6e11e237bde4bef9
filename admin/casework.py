"""Staff queues: pre-applications, appointments and volunteer registrations."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from admin.auth import staff_required
from admin.blueprint import bp
from admin.forms import ActionForm
from admin.paging import paginate
from admin.security import safe_next
from applications import operations as app_ops
from applications.models import APPOINTMENT_LABELS, STATUS_LABELS, Application, Appointment
from applications.queries import appointment_queue, application_queue, unsealed
from core import audit
from core.extensions import db
from volunteers.models import Volunteer
from volunteers.operations import VolunteerError, review_volunteer
from volunteers.queries import volunteer_queue

ACTIONS = {"under_review": "开始审核", "need_info": "退回补充材料", "approved": "通过",
           "rejected": "不予通过"}


def _get(model, id_):
    return db.session.get(model, id_) or abort(404)


def _back_to_list(endpoint: str):
    """Back to the page and filters the action was taken from, not to page 1 of everything."""
    return redirect(safe_next(request.form.get("next")) or url_for(endpoint))


@bp.route("/applications")
@staff_required
def applications():
    """The pre-application queue with status / item / community filters."""
    args = {k: request.args.get(k, "") for k in ("status", "service", "community", "q")}
    return render_template("admin/applications.html", page=paginate(application_queue(**args)),
                           args=args, labels=STATUS_LABELS)


@bp.route("/applications/<int:app_id>")
@staff_required
def application_detail(app_id: int):
    """One application with full personal data; every view is audit-logged."""
    record = _get(Application, app_id)
    audit.record(current_user.username, "application.view_personal", f"application:{app_id}")
    return render_template("admin/application_detail.html", app=record, secrets=unsealed(record),
                           actions=ACTIONS, form=ActionForm())


@bp.route("/applications/<int:app_id>/status", methods=["POST"])
@staff_required
def application_status(app_id: int):
    """Approve, reject or ask for more information, with a reason."""
    record = _get(Application, app_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        app_ops.change_status(record, request.form.get("status", ""), actor=current_user.username,
                              reason=request.form.get("reason", ""))
        flash(f"已更新为“{record.status_label}”，已通知居民。", "success")
    except app_ops.ApplicationError as exc:
        flash(str(exc), "error")
    return redirect(url_for("admin.application_detail", app_id=app_id))


@bp.route("/appointments")
@staff_required
def appointments():
    """Bookings by day, filterable by item, status and date."""
    raw_day = request.args.get("day", "")
    try:
        day = date.fromisoformat(raw_day) if raw_day else None
    except ValueError:
        day = None
    args = {"status": request.args.get("status", ""), "service": request.args.get("service", "")}
    return render_template("admin/appointments.html",
                           page=paginate(appointment_queue(day=day, **args)),
                           args=dict(args, day=raw_day), labels=APPOINTMENT_LABELS,
                           form=ActionForm())


@bp.route("/appointments/<int:appt_id>/<action>", methods=["POST"])
@staff_required
def appointment_action(appt_id: int, action: str):
    """Mark a booking done or missed, or cancel it (the resident is told)."""
    appt = _get(Appointment, appt_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        if action == "cancel":
            app_ops.cancel_appointment(appt, actor=current_user.username,
                                       reason=request.form.get("reason", ""), tell_resident=True)
        else:
            app_ops.close_appointment(appt, action, actor=current_user.username)
        flash("已处理。", "success")
    except app_ops.ApplicationError as exc:
        flash(str(exc), "error")
    return _back_to_list("admin.appointments")


@bp.route("/volunteers")
@staff_required
def volunteers():
    """Volunteer registrations to approve, with their hours."""
    status = request.args.get("status", "pending")
    return render_template("admin/volunteers.html", page=paginate(volunteer_queue(status=status)),
                           status=status, form=ActionForm())


@bp.route("/volunteers/<int:volunteer_id>/review", methods=["POST"])
@staff_required
def volunteer_review(volunteer_id: int):
    volunteer = _get(Volunteer, volunteer_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        review_volunteer(volunteer, request.form.get("decision") == "approve",
                         actor=current_user.username, reason=request.form.get("reason", ""))
        flash("已审核，已通知居民。", "success")
    except VolunteerError as exc:
        flash(str(exc), "error")
    return _back_to_list("admin.volunteers")
