"""知识库: service guides field by field, with preview, history and restore."""
from __future__ import annotations

from types import SimpleNamespace

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from admin import texts
from admin.auth import staff_required
from admin.blueprint import bp, cst
from admin.forms import ActionForm
from admin.knowledge.forms import GuideForm
from core.extensions import db
from handlers import HANDLERS, Turn
from handlers.guide import answer
from knowledge import operations as ops
from knowledge.models import ASPECTS, Guide, KnowledgeRevision
from knowledge.queries import recent_revisions, revisions
from knowledge.validation import KnowledgeError

def guides() -> list[Guide]:
    return list(db.session.scalars(db.select(Guide).order_by(Guide.code)))


@bp.route("/knowledge/")
@staff_required
def knowledge():
    """The 30 guides, and the latest changes to anything in the knowledge base."""
    return render_template("admin/knowledge/guides.html", guides=guides(),
                           recent=recent_revisions(), labels=ops.ENTITY_LABELS)


def preview_guide(values: dict, aspect: str) -> str:
    """The reply a resident would get for `aspect` of a guide with these (unsaved) values."""
    return "\n\n".join(answer(SimpleNamespace(**values), aspect, {}).texts)


def preview_faq(values: dict) -> str:
    """The reply a resident would get when the bot matches this (unsaved) FAQ entry."""
    turn = Turn(user="preview", text=values["question"], intent="guide", faq=values)
    return "\n\n".join(HANDLERS["guide"].handle(turn, {}).texts)


def show_error(form, exc: KnowledgeError) -> None:
    """Put a rule's message on its field, or flash it when it has none on this form."""
    field = None
    for name in (exc.field, f"text_{exc.field}"):
        field = field or (form._fields.get(name) if name else None)
    if field is not None:
        field.errors = list(field.errors) + [str(exc)]
    else:
        flash(str(exc), "error")


@bp.route("/knowledge/guides/<code>", methods=["GET", "POST"])
@staff_required
def guide_edit(code: str):
    """Edit one guide; preview the resident's reply before publishing."""
    guide = db.session.get(Guide, code) or abort(404)
    form = GuideForm(data=GuideForm.initial(guide.as_dict()) if request.method == "GET" else None)
    preview = None
    if form.validate_on_submit():
        values = form.values()
        if form.preview.data:
            preview = preview_guide({**guide.as_dict(), **values}, form.preview_aspect.data)
        else:
            try:
                saved = ops.update_guide(code, values, current_user.username)
            except KnowledgeError as exc:
                db.session.rollback()
                show_error(form, exc)
            else:
                flash(texts.KB_SAVED if saved else texts.KB_UNCHANGED,
                      "success" if saved else "info")
                return redirect(url_for("admin.guide_edit", code=code))
    return render_template("admin/knowledge/guide_form.html", form=form, guide=guide,
                           aspects=ASPECTS, preview=preview)


@bp.route("/knowledge/history/<entity>/<path:key>")
@staff_required
def knowledge_history(entity: str, key: str):
    """Every saved state of one entry, newest first, each restorable."""
    if entity not in ops.ENTITIES:
        abort(404)
    history = revisions(entity, key)
    if not history and ops.get_entry(entity, key) is None:
        abort(404)
    return render_template("admin/knowledge/history.html", entity=entity, key=key,
                           history=history, label=ops.ENTITY_LABELS[entity],
                           current=ops.entry_data(entity, ops.get_entry(entity, key)),
                           action_form=ActionForm())


@bp.route("/knowledge/revisions/<int:revision_id>/restore", methods=["POST"])
@staff_required
def knowledge_restore(revision_id: int):
    """Make an earlier version live again (itself recorded as a new version)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    revision = db.session.get(KnowledgeRevision, revision_id) or abort(404)
    try:
        ops.restore(revision_id, current_user.username)
    except KnowledgeError as exc:
        db.session.rollback()
        flash(f"无法恢复：{exc}", "error")
    else:
        flash(texts.KB_RESTORED.format(at=cst(revision.at)), "success")
    return redirect(url_for("admin.knowledge_history", entity=revision.entity, key=revision.key))
