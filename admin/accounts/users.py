"""用户与组织: admins manage accounts and social organisations here."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from accounts.models import Organization, User
from accounts.operations import (AccountError, create_organization, create_user, reset_password,
                                 set_user_active, unlock_user, update_organization)
from admin import texts
from admin.auth import admin_required
from admin.blueprint import bp
from admin.forms import (ActionForm, OrganizationForm, PasswordResetForm, UserCreateForm,
                         category_choices)
from admin.paging import paginate
from core.audit import utcnow
from core.extensions import db

def _get_or_404(model, id_: int):
    return db.session.get(model, id_) or abort(404)


def _organizations() -> list[Organization]:
    return list(db.session.scalars(db.select(Organization).order_by(Organization.name)))


@bp.route("/users")
@admin_required
def users():
    """All users, with their role, organisation and status."""
    query = db.select(User).order_by(User.role, User.username)
    return render_template("admin/users.html", page=paginate(query), now=utcnow(),
                           action_form=ActionForm())


@bp.route("/users/new", methods=["GET", "POST"])
@admin_required
def user_new():
    """Create a user; org accounts are tied to one organisation."""
    form = UserCreateForm()
    form.set_organizations(_organizations())
    if form.validate_on_submit():
        org = db.session.get(Organization, form.organization_id.data) if form.role.data == "org" else None
        try:
            user = create_user(form.username.data.strip(), form.password.data, form.role.data,
                               display_name=form.display_name.data.strip(), organization=org,
                               actor=current_user.username)
        except AccountError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            flash(texts.USER_CREATED.format(username=user.username), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form)


def _user_action(user_id: int, change, message: str):
    if not ActionForm().validate_on_submit():
        abort(400)
    user = _get_or_404(User, user_id)
    try:
        change(user)
    except AccountError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        flash(message.format(username=user.username), "success")
    return redirect(url_for("admin.users"))


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@admin_required
def user_deactivate(user_id: int):
    """Stop a user signing in; their open sessions end at once."""
    return _user_action(user_id, lambda u: set_user_active(u, False, actor=current_user),
                        texts.USER_DEACTIVATED)


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@admin_required
def user_reactivate(user_id: int):
    """Let a deactivated user sign in again."""
    return _user_action(user_id, lambda u: set_user_active(u, True, actor=current_user),
                        texts.USER_REACTIVATED)


@bp.route("/users/<int:user_id>/unlock", methods=["POST"])
@admin_required
def user_unlock(user_id: int):
    """Lift a lockout after too many wrong passwords."""
    return _user_action(user_id, lambda u: unlock_user(u, actor=current_user.username),
                        texts.USER_UNLOCKED)


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
@admin_required
def user_password(user_id: int):
    """Set a new password for a user (and lift any lockout)."""
    user = _get_or_404(User, user_id)
    form = PasswordResetForm()
    if form.validate_on_submit():
        try:
            reset_password(user, form.password.data, actor=current_user.username)
        except AccountError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            flash(texts.PASSWORD_RESET.format(username=user.username), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_password.html", form=form, user=user)


@bp.route("/organizations")
@admin_required
def organizations():
    """Social organisations with what and where they serve."""
    return render_template("admin/organizations.html", organizations=_organizations(),
                           category_labels=dict(category_choices()))


@bp.route("/organizations/new", methods=["GET", "POST"])
@bp.route("/organizations/<int:org_id>/edit", methods=["GET", "POST"], endpoint="organization_edit")
@admin_required
def organization_new(org_id: int | None = None):
    """Create or edit an organisation."""
    org = _get_or_404(Organization, org_id) if org_id is not None else None
    form = OrganizationForm(data=_org_form_data(org) if org and request.method == "GET" else None)
    if form.validate_on_submit():
        fields = dict(name=form.name.data, contact_phone=form.contact_phone.data or "",
                      categories=form.categories.data, communities=form.community_list(),
                      actor=current_user.username)
        try:
            org = update_organization(org, **fields) if org else create_organization(**fields)
        except AccountError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            message = texts.ORG_UPDATED if org_id else texts.ORG_CREATED
            flash(message.format(name=org.name), "success")
            return redirect(url_for("admin.organizations"))
    return render_template("admin/organization_form.html", form=form, org=org)


def _org_form_data(org: Organization) -> dict:
    return {"name": org.name, "contact_phone": org.contact_phone,
            "categories": list(org.categories), "communities": "，".join(org.communities)}
