"""志愿者: staff review volunteer registrations (the list with their hours, approve or refuse)."""
from __future__ import annotations

from flask import abort, flash, render_template, request
from flask_login import current_user

from admin.auth import staff_required
from admin.blueprint import bp
from admin.forms import ActionForm
from admin.paging import back_to_list, paginate
from admin.phrases.picker import phrase_text
from admin.reveal import revealed, row_target
from core.extensions import db
from volunteers.models import Volunteer
from volunteers.operations import VolunteerError, review_volunteer
from volunteers.queries import volunteer_queue


@bp.route("/volunteers")
@staff_required
def volunteers():
    """Volunteer registrations to approve, with their hours."""
    status = request.args.get("status", "pending")
    shown = revealed("volunteer", ("phone",), lambda row: row_target(Volunteer, "volunteer", row))
    return render_template("admin/volunteers.html", page=paginate(volunteer_queue(status=status)),
                           status=status, form=ActionForm(), shown=shown)


@bp.route("/volunteers/<int:volunteer_id>/review", methods=["POST"])
@staff_required
def volunteer_review(volunteer_id: int):
    volunteer = db.session.get(Volunteer, volunteer_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        approve = request.form.get("decision") == "approve"
        reason = "" if approve else phrase_text("volunteer.rejected", request.form.get("reason", ""))
        review_volunteer(volunteer, approve, actor=current_user.username, reason=reason)
        flash("已审核，已通知居民。", "success")
    except VolunteerError as exc:
        flash(str(exc), "error")
    return back_to_list("admin.volunteers")
