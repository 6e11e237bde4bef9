"""Staff queues: pre-applications and appointments."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from admin import texts
from admin.applications.timeline import rows as application_rows
from admin.auth import staff_required
from admin.blueprint import bp
from admin.forms import ActionForm, AppointmentCancelForm, ReviewForm, flash_errors
from admin.paging import back_to_list, paginate
from admin.security import safe_next
from admin.phrases.picker import fill_from_phrase
from admin.reveal import revealed, row_target
from applications import operations as app_ops
from applications import texts as app_texts
from applications.models import (APPOINTMENT_LABELS, NEEDS_REASON, STATUS_LABELS, TRANSITIONS,
                                 Application, Appointment)
from applications.materials import attachments_of
from applications.queries import appointment_queue, application_queue, status_counts, unsealed
from core.extensions import db

# What each step is called on the page, and what its reason field asks for
# (applications.models.NEEDS_REASON says which must have one).
REVIEW_STEPS = {
    "under_review": ("开始审核", ""),
    "approved": ("审核通过", "说明（会告知居民，选填）"),
    "need_info": ("退回补充材料", "需要补充的材料（会告知居民，必填）"),
    "rejected": ("不予通过", "不予通过的原因（会告知居民，必填）"),
}


def _get(model, id_):
    return db.session.get(model, id_) or abort(404)


@bp.route("/applications")
@staff_required
def applications():
    """The pre-application queue with status / item / community filters."""
    args = {k: request.args.get(k, "") for k in ("status", "service", "community", "q")}
    return render_template("admin/applications.html", page=paginate(application_queue(**args)),
                           args=args, labels=STATUS_LABELS, counts=status_counts(),
                           kept={k: v for k, v in args.items() if v and k != "status"})


@bp.route("/applications/<int:app_id>")
@staff_required
def application_detail(app_id: int):
    """One application, personal data masked; showing it in full is audit-logged."""
    return _application_page(_get(Application, app_id))


def _application_page(record: Application, refused: ReviewForm | None = None):
    shown = revealed("application", ("personal",), lambda _row: f"application:{record.id}")
    # Going on first and refusing last, as on the order pages, whatever order the table lists.
    steps = [status for status in REVIEW_STEPS if status in TRANSITIONS.get(record.status, ())]
    forms = {status: ReviewForm(formdata=None) for status in steps}
    if refused is not None and refused.status.data in forms:
        forms[refused.status.data] = refused
    return render_template("admin/application_detail.html", app=record, shown=shown,
                           secrets=unsealed(record) if shown("personal") else {},
                           history=application_rows(record), steps=steps, labels=REVIEW_STEPS,
                           needs_reason=NEEDS_REASON, forms=forms, refused=refused,
                           materials=attachments_of(record))


@bp.get("/applications/<int:app_id>/status")
@staff_required
def application_status_reloaded(app_id: int):
    """A refused review's page reloaded (or its address opened): the application, not a 405."""
    return redirect(url_for("admin.application_detail", app_id=app_id))


@bp.route("/applications/<int:app_id>/status", methods=["POST"])
@staff_required
def application_status(app_id: int):
    """Approve, reject or ask for more information, with a reason."""
    record = _get(Application, app_id)
    form = ReviewForm()
    fill_from_phrase(form, "reason", f"application.{form.status.data}")
    if not form.validate_on_submit():
        flash_errors(form)
        return _application_page(record, refused=form)
    try:
        app_ops.change_status(record, form.status.data or "", actor=current_user.username,
                              reason=form.reason.data or "")
    except app_ops.ApplicationError as exc:
        db.session.rollback()  # nothing of a refused step may reach the commit
        flash(str(exc), "error")
        form.refuse(str(exc), "reason" if str(exc) == app_texts.NEED_REASON else "")
        # Refused: the page again with what was typed, where a redirect would drop it.
        return _application_page(db.session.get(Application, app_id), refused=form)
    flash(texts.APPLICATION_UPDATED.format(label=record.status_label), "success")
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
    shown = revealed("appointment", ("phone",), lambda row: row_target(Appointment, "appointment", row))
    return render_template("admin/appointments.html",
                           page=paginate(appointment_queue(day=day, **args)),
                           args=dict(args, day=raw_day), labels=APPOINTMENT_LABELS,
                           form=ActionForm(), shown=shown)


@bp.route("/appointments/<int:appt_id>/<action>", methods=["POST"])
@staff_required
def appointment_action(appt_id: int, action: str):
    """Mark a booking done or missed (cancelling has its own page: it needs a reason)."""
    appt = _get(Appointment, appt_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        app_ops.close_appointment(appt, action, actor=current_user.username)
        flash("已处理。", "success")
    except app_ops.ApplicationError as exc:
        flash(str(exc), "error")
    return back_to_list("admin.appointments")


@bp.route("/appointments/<int:appt_id>/cancel", methods=["GET", "POST"])
@staff_required
def appointment_cancel(appt_id: int):
    """Cancel a booking with the reason the resident is told (常用语 offered); refused, as typed."""
    appt = _get(Appointment, appt_id)
    form = AppointmentCancelForm()
    back = safe_next(request.values.get("next")) or url_for("admin.appointments")
    if request.method == "POST":
        fill_from_phrase(form, "reason", "appointment.cancel")
        if form.validate_on_submit():
            reason = (form.reason.data or "").strip()
            if not reason:
                form.refuse(texts.APPOINTMENT_NEEDS_REASON, "reason")
            elif appt.status == "booked":
                app_ops.cancel_appointment(appt, actor=current_user.username, reason=reason,
                                           tell_resident=True)
                flash(texts.APPOINTMENT_CANCELLED.format(reference=appt.reference), "success")
                return redirect(back)
        flash_errors(form)
    return render_template("admin/appointment_cancel.html", appt=appt, form=form, back=back)
