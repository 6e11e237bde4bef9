"""志愿者名单: an organisation's registered volunteers, and who served on an order.

Service hours go only to volunteers on the organisation's roster: a completion
names them by ticking the roster, and a typed name is matched against it. A
name that matches no one is shown back as a warning and is credited only after
the organisation confirms it is not a registered volunteer (then to no one).
"""
from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import StringField
from wtforms.validators import Length

from admin import texts
from admin.auth import current_org_id, org_required
from admin.blueprint import bp
from admin.forms import ActionForm, BaseForm, flash_errors
from admin.order_forms import CompleteForm
from admin.paging import paginate
from core.extensions import db
from volunteers.models import RosterEntry
from volunteers.operations import VolunteerError, add_to_roster, remove_from_roster
from volunteers.queries import roster, roster_entry, roster_query


class RosterForm(BaseForm):
    name = StringField("志愿者姓名", validators=[Length(max=40, message="姓名最多 40 字")])
    phone = StringField("手机号（或后 4 位）", validators=[Length(max=20, message="手机号最多 20 位")])


class NotOnRoster(ValueError):
    """A ticked volunteer the roster no longer holds; str() says so, in Chinese."""


# Organisations type names one a line, or comma/顿号-separated as in Chinese text.
NAME_SEPARATORS = re.compile(r"[\n\r,，、;；]+")


def split_names(text: str) -> list[str]:
    """'张三，李四\\n王五' → ['张三', '李四', '王五'], each once, in order."""
    parts = (part.strip() for part in NAME_SEPARATORS.split(text or ""))
    return list(dict.fromkeys(part for part in parts if part))


def served_by(form: CompleteForm, organization_id: int | None) -> list[dict]:
    """The completion's volunteers: ticked ones and typed names, each checked against the roster."""
    entries = {e.volunteer_id: e.volunteer for e in roster(organization_id)} if organization_id else {}
    picked = list(dict.fromkeys(form.volunteer_ids.data or []))
    gone = [i for i in picked if i not in entries]
    if gone:
        raise NotOnRoster(texts.ROSTER_CHANGED)
    found = [{"id": i, "name": entries[i].name} for i in picked]
    by_name: dict[str, list] = {}
    for volunteer in entries.values():
        by_name.setdefault(volunteer.name, []).append(volunteer)
    strangers = []
    for name in split_names(form.volunteers.data):
        same = by_name.get(name, [])
        if len(same) == 1:  # typed instead of ticked: the same person
            if same[0].id not in picked:
                found.append({"id": same[0].id, "name": same[0].name})
                picked.append(same[0].id)
        else:
            strangers.append(name)
    return found + [{"name": name[:40], "registered": False} for name in strangers]


def unconfirmed(form: CompleteForm, volunteers: list) -> str:
    """The warning for typed names on no roster, until the organisation confirms them."""
    strangers = [v["name"] for v in volunteers if isinstance(v, dict) and v.get("registered") is False]
    if not strangers or form.unregistered_ok.data:
        return ""
    return texts.NOT_ON_ROSTER.format(names="、".join(strangers))


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
