"""同义词 and 领域词: the lexicon understanding uses before matching."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from admin import texts
from admin.auth import staff_required
from admin.blueprint import bp
from admin.knowledge.views import show_error
from admin.knowledge.forms import KeyForm, SynonymForm, WordForm
from core.extensions import db
from knowledge import operations as ops
from knowledge.models import DictWord, Synonym
from knowledge.validation import KnowledgeError

PAGES = {
    "synonym": ("admin.synonyms", Synonym, Synonym.term, "admin/knowledge/synonyms.html"),
    "word": ("admin.words", DictWord, DictWord.word, "admin/knowledge/words.html"),
}


def _page(entity: str, form, save):
    """List (filtered by ?q=) with an add/change form; POST saves through `save`."""
    endpoint, model, column, template = PAGES[entity]
    if form.validate_on_submit():
        try:
            saved = save(form)
        except KnowledgeError as exc:
            db.session.rollback()
            show_error(form, exc)
        else:
            flash(texts.KB_SAVED if saved else texts.KB_UNCHANGED, "success")
            return redirect(url_for(endpoint, q=request.args.get("q", "")))
    q = request.args.get("q", "").strip()
    query = db.select(model).order_by(column)
    if q:
        query = query.where(column.contains(q, autoescape=True) if entity == "word" else
                            db.or_(column.contains(q, autoescape=True),
                                   Synonym.canonical.contains(q, autoescape=True)))
    rows = list(db.session.scalars(query))
    return render_template(template, form=form, rows=rows, q=q, key_form=KeyForm())


@bp.route("/knowledge/synonyms", methods=["GET", "POST"])
@staff_required
def synonyms():
    """Resident wording → canonical term."""
    return _page("synonym", SynonymForm(), lambda f: ops.save_synonym(
        f.term.data, f.canonical.data, current_user.username))


@bp.route("/knowledge/words", methods=["GET", "POST"])
@staff_required
def words():
    """Domain words jieba keeps whole."""
    return _page("word", WordForm(), lambda f: ops.save_word(
        f.word.data, f.freq.data, f.pos.data or "nz", current_user.username))


@bp.route("/knowledge/<entity>/delete", methods=["POST"])
@staff_required
def lexicon_delete(entity: str):
    """Remove one synonym or word (restorable from its history)."""
    form = KeyForm()
    if entity not in PAGES or not form.validate_on_submit():
        abort(400)
    try:
        ops.delete_entry(entity, form.key.data, current_user.username)
    except KnowledgeError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        flash(texts.KB_DELETED.format(key=form.key.data), "success")
    return redirect(url_for(PAGES[entity][0]))
