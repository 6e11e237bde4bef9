"""政策问答: FAQ entries with their alternate phrasings, created from missed questions too."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from admin import texts
from admin.auth import staff_required
from admin.blueprint import bp
from admin.forms import ActionForm
from admin.knowledge.views import guides, preview_faq, show_error
from admin.knowledge.forms import FaqForm
from conversations.operations import resolve_missed
from core.extensions import db
from knowledge import operations as ops
from knowledge.models import FaqEntry
from knowledge.validation import KnowledgeError


@bp.route("/knowledge/faq")
@staff_required
def faq_list():
    """FAQ entries, filtered by a word in the question, phrasings or answer."""
    q = request.args.get("q", "").strip()
    entries = list(db.session.scalars(db.select(FaqEntry).order_by(FaqEntry.id)))
    if q:
        entries = [e for e in entries if q in e.question or q in e.answer
                   or any(q in a for a in e.alternates)]
    return render_template("admin/knowledge/faq_list.html", entries=entries, q=q,
                           action_form=ActionForm())


def _values(form: FaqForm) -> dict:
    return {"id": form.id.data.strip(), "service": form.service.data or None,
            "aspect": form.aspect.data or None, "question": form.question.data,
            "alternates": form.alternates.data or [], "answer": form.answer.data}


def _missed_ids(form: FaqForm) -> list[int]:
    return [int(i) for i in (form.missed_ids.data or "").split(",") if i.isdigit()]


@bp.route("/knowledge/faq/new", methods=["GET", "POST"])
@bp.route("/knowledge/faq/<faq_id>", methods=["GET", "POST"], endpoint="faq_edit")
@staff_required
def faq_new(faq_id: str | None = None):
    """Create or edit a FAQ entry; a new one may close the missed questions it came from."""
    entry = db.session.get(FaqEntry, faq_id) or abort(404) if faq_id else None
    data = entry.as_dict() if entry else {"question": request.args.get("question", ""),
                                          "missed_ids": request.args.get("missed", "")}
    form = FaqForm(data=data if request.method == "GET" else None)
    form.set_services(guides())
    if entry is not None:
        form.id.data = entry.id  # the id is the key: never renamed by a post
    preview = None
    if form.validate_on_submit():
        values = _values(form)
        if form.preview.data:
            preview = preview_faq(values)
        else:
            try:
                saved = ops.save_faq(values, current_user.username, new=entry is None)
            except KnowledgeError as exc:
                db.session.rollback()
                show_error(form, exc)
            else:
                closed = resolve_missed(_missed_ids(form), "created", f"faq:{values['id']}",
                                        current_user.username)
                message = texts.MISSED_CREATED.format(count=closed) if closed else (
                    texts.KB_SAVED if saved else texts.KB_UNCHANGED)
                flash(message, "success")
                return redirect(url_for("admin.faq_edit", faq_id=values["id"]))
    return render_template("admin/knowledge/faq_form.html", form=form, entry=entry,
                           preview=preview)


@bp.route("/knowledge/faq/<faq_id>/delete", methods=["POST"])
@staff_required
def faq_delete(faq_id: str):
    """Remove an entry (restorable from its history)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        ops.delete_entry("faq", faq_id, current_user.username)
    except KnowledgeError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        flash(texts.KB_DELETED.format(key=faq_id), "success")
    return redirect(url_for("admin.faq_list"))
