"""常用语 pages: admins keep the bureau's and organisations' phrases; organisations their own."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import Length

from accounts.models import Organization
from admin import texts
from admin.auth import phrase_editor_required
from admin.blueprint import bp
from admin.forms import ActionForm, BaseForm, flash_errors
from admin.paging import paginate
from core.extensions import db
from phrases import texts as phrase_texts
from phrases import uses
from phrases.models import Phrase
from phrases.operations import PhraseError, create_phrase, delete_phrase, move_phrase, update_phrase
from phrases.queries import listing

# Which field each refusal of the domain is about.
FIELD_OF = {phrase_texts.NEED_TITLE: "title", phrase_texts.NEED_TEXT: "text",
            phrase_texts.BAD_USE: "use"}


class PhraseForm(BaseForm):
    use = SelectField("用在哪里")
    owner = SelectField("适用范围", coerce=int, default=0)
    title = StringField("名称（显示在选择框里）", validators=[Length(
        max=phrase_texts.TITLE_MAX,
        message=texts.TOO_LONG.format(label="名称", limit=phrase_texts.TITLE_MAX))])
    text = TextAreaField("内容", validators=[Length(
        max=phrase_texts.TEXT_MAX,
        message=texts.TOO_LONG.format(label="内容", limit=phrase_texts.TEXT_MAX))])

    def offer(self, is_admin: bool) -> None:
        """Admins pick any use and owner; an organisation its own uses, and itself."""
        audience = list(uses.USES) if is_admin else uses.for_audience(uses.ORG)
        self.use.choices = [SelectChoice(key, uses.label(key)) for key in audience]
        orgs: list[Organization] = list(db.session.scalars(
            db.select(Organization).order_by(Organization.name))) if is_admin else []
        self.owner.choices = [SelectChoice(0, "全部（民政局统一）")] + [
            SelectChoice(org.id, org.name) for org in orgs]


def _is_admin() -> bool:
    return current_user.role == "admin"


def _editable(phrase_id: int) -> Phrase:
    """A phrase this user may change; an organisation gets 404 for anyone else's."""
    phrase = db.session.get(Phrase, phrase_id)
    if phrase is None or not (_is_admin() or phrase.organization_id == current_user.organization_id):
        abort(404)
    return phrase


def _owner_filter() -> tuple[str, int | None, bool]:
    """(raw, organisation, shared too) for the admin's 适用范围 filter."""
    raw = request.args.get("owner", "")
    if raw == "0":
        return raw, None, True
    if raw.isdigit():
        return raw, int(raw), False
    return "", None, True


@bp.route("/phrases")
@phrase_editor_required
def phrases():
    """The phrases by use, in the order they are offered."""
    if _is_admin():
        raw, org_id, shared = _owner_filter()
        query = listing(list(uses.USES), org_id, shared) if raw else \
            db.select(Phrase).order_by(Phrase.use, Phrase.organization_id.is_not(None),
                                       Phrase.organization_id, Phrase.position, Phrase.id)
    else:
        raw, org_id = "", current_user.organization_id
        query = listing(uses.for_audience(uses.ORG), org_id, shared=True)
    # 用在哪里: one text box's phrases (there are more than a page of them in all).
    offered_uses = list(uses.USES) if _is_admin() else uses.for_audience(uses.ORG)
    use = request.args.get("use", "")
    if use in offered_uses:
        query = query.where(Phrase.use == use)
    else:
        use = ""
    orgs = dict(db.session.execute(db.select(Organization.id, Organization.name)).all())
    return render_template("admin/phrases.html", page=paginate(query), owner=raw, orgs=orgs,
                           labels=uses.USES, action_form=ActionForm(), is_admin=_is_admin(),
                           use=use, offered_uses=offered_uses)


@bp.route("/phrases/new", methods=["GET", "POST"])
@phrase_editor_required
def phrase_new():
    form = PhraseForm(data={"use": request.args.get("use", "")} if request.method == "GET" else None)
    form.offer(_is_admin())
    if request.method == "POST" and _saved(form, None):
        return redirect(url_for("admin.phrases"))
    return render_template("admin/phrase_form.html", form=form, phrase=None, is_admin=_is_admin())


@bp.route("/phrases/<int:phrase_id>", methods=["GET", "POST"])
@phrase_editor_required
def phrase_edit(phrase_id: int):
    phrase = _editable(phrase_id)
    form = PhraseForm(obj=phrase if request.method == "GET" else None)
    form.offer(_is_admin())
    if request.method == "GET":
        form.owner.data = phrase.organization_id or 0
    if request.method == "POST" and _saved(form, phrase):
        return redirect(url_for("admin.phrases"))
    return render_template("admin/phrase_form.html", form=form, phrase=phrase, is_admin=_is_admin())


def _saved(form: PhraseForm, phrase: Phrase | None) -> bool:
    """Create or change; False (the form keeps what was typed, the reason beside it) if refused."""
    if not form.validate_on_submit():
        flash_errors(form)
        return False
    owner = (form.owner.data or None) if _is_admin() else current_user.organization_id
    try:
        if phrase is None:
            create_phrase(form.use.data, form.title.data, form.text.data,
                          actor=current_user.username, organization_id=owner)
            flash(texts.PHRASE_SAVED, "success")
        else:
            update_phrase(phrase, form.use.data, form.title.data, form.text.data,
                          actor=current_user.username)
            flash(texts.PHRASE_SAVED, "success")
    except PhraseError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        form.refuse(str(exc), FIELD_OF.get(str(exc), "owner" if _is_admin() else ""))
        return False
    return True


@bp.post("/phrases/<int:phrase_id>/delete")
@phrase_editor_required
def phrase_delete(phrase_id: int):
    phrase = _editable(phrase_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    title = phrase.title
    delete_phrase(phrase, actor=current_user.username)
    flash(texts.PHRASE_DELETED.format(title=title), "success")
    return redirect(url_for("admin.phrases"))


@bp.post("/phrases/<int:phrase_id>/move")
@phrase_editor_required
def phrase_move(phrase_id: int):
    """One place up or down among the phrases of its use and owner."""
    phrase = _editable(phrase_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    move_phrase(phrase, -1 if request.form.get("step") == "up" else 1, actor=current_user.username)
    back = request.form.get("back", "")
    return redirect(back if back.startswith("/admin/phrases") else url_for("admin.phrases"))
