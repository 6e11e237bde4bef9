"""志愿者名单: an organisation's registered volunteers, added by name and phone, taken off again.

Who served on an order is read against this roster when the order is completed
(admin.orders.completion).
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import StringField
from wtforms.validators import Length

from admin import texts
from admin.auth import current_org_id, org_required
from admin.blueprint import bp
from admin.forms import ActionForm, BaseForm, flash_errors
from admin.paging import paginate
from core.extensions import db
from volunteers.models import RosterEntry
from volunteers.operations import VolunteerError, add_to_roster, remove_from_roster
from volunteers.queries import roster_entry, roster_query


class RosterForm(BaseForm):
    name = StringField("志愿者姓名", validators=[Length(max=40, message="姓名最多 40 字")])
    phone = StringField("手机号（或后 4 位）", validators=[Length(max=20, message="手机号最多 20 位")])


@bp.route("/org/volunteers", methods=["GET", "POST"])
@org_required
def org_volunteers():
    """The roster, and adding a registered volunteer to it by name and phone."""
    org_id = current_org_id()
    form = RosterForm()
    if request.method == "POST":
        if form.validate_on_submit() and _added(form, org_id):
            return redirect(url_for("admin.org_volunteers"))
        flash_errors(form)
    return render_template("admin/org_volunteers.html", form=form, page=paginate(roster_query(org_id)),
                           action_form=ActionForm())


def _added(form: RosterForm, org_id: int) -> bool:
    try:
        entry = add_to_roster(org_id, form.name.data, form.phone.data, actor=current_user.username)
    except VolunteerError as exc:
        db.session.rollback()
        form.refuse(str(exc), "phone" if "手机" in str(exc) else "name")
        return False
    flash(texts.ROSTER_ADDED.format(name=entry.volunteer.name), "success")
    return True


@bp.post("/org/volunteers/<int:entry_id>/remove")
@org_required
def org_volunteer_remove(entry_id: int):
    """Off the roster (another organisation's line is a 404 and stays)."""
    entry: RosterEntry = roster_entry(current_org_id(), entry_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    name = entry.volunteer.name
    remove_from_roster(entry, actor=current_user.username)
    flash(texts.ROSTER_REMOVED.format(name=name), "success")
    return redirect(url_for("admin.org_volunteers"))
