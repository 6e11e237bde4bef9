"""未答问题: grouped questions the bot missed; staff teach it or set them aside."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length

from admin import texts
from admin.auth import staff_required
from admin.blueprint import bp
from admin.forms import BaseForm
from admin.knowledge.views import guides
from conversations.operations import resolve_missed
from conversations.queries import missed_groups, open_count
from core.extensions import db
from handlers.texts import ASPECT_LABELS
from knowledge import operations as ops
from knowledge.models import FaqEntry
from knowledge.validation import KnowledgeError

GROUPS_PER_PAGE = 30
MAX_SEARCH = 50


class MissedIdsForm(BaseForm):
    """The questions of one group (and the CSRF token)."""

    ids = HiddenField(validators=[DataRequired()])

    def id_list(self) -> list[int]:
        return [int(i) for i in self.ids.data.split(",") if i.isdigit()]


class MissedForm(MissedIdsForm):
    text = StringField("作为新问法", validators=[
        DataRequired("请填写要教给机器人的说法"), Length(max=200, message="最多 200 字")])
    target = StringField("加入到", validators=[DataRequired("请选择要加入的事项或问答")])


class MissedBulkForm(BaseForm):
    """The CSRF token of the page's one form; the picked groups come as pick/ids-N/text-N/target-N."""


@bp.route("/unanswered")
@staff_required
def unanswered():
    """Open missed questions grouped by similarity, most frequent first, a page at a time."""
    search = request.args.get("q", "").strip()[:MAX_SEARCH]
    groups = missed_groups(search=search)
    pages = max(1, -(-len(groups) // GROUPS_PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    start = (page - 1) * GROUPS_PER_PAGE
    faqs = list(db.session.scalars(db.select(FaqEntry).order_by(FaqEntry.service, FaqEntry.id)))
    all_guides = guides()
    # Grouping reads only the newest rows; the total says how many really wait.
    return render_template("admin/missed.html", groups=groups[start:start + GROUPS_PER_PAGE],
                           first=start, page=page, pages=pages, q=search,
                           group_count=len(groups), grouped=sum(g.count for g in groups),
                           total=open_count(search), faqs=faqs, guides=all_guides,
                           names={g.code: g.short_name for g in all_guides},
                           aspect_labels=ASPECT_LABELS, form=MissedBulkForm())


def _picked() -> list[tuple[list[int], str, str]]:
    """(ids, wording, target) of each group ticked on the page."""
    picked = []
    for key in request.form.getlist("pick")[:GROUPS_PER_PAGE]:
        if not key.isdigit():
            continue
        ids = [int(i) for i in request.form.get(f"ids-{key}", "").split(",") if i.isdigit()]
        picked.append((ids, request.form.get(f"text-{key}", "").strip()[:200],
                       request.form.get(f"target-{key}", "").strip()))
    return picked


@bp.route("/unanswered/bulk", methods=["POST"])
@staff_required
def unanswered_bulk():
    """Attach each ticked group to its own target, or set them all aside; one line each."""
    form = MissedBulkForm()
    if not form.validate_on_submit():
        abort(400)
    picked = _picked()
    if not picked:
        flash(texts.MISSED_NONE_PICKED, "warning")
    elif request.form.get("action") == "out_of_scope":
        ids = [i for group, _, _ in picked for i in group]
        count = resolve_missed(ids, "out_of_scope", "不属于民政业务", current_user.username)
        flash(texts.MISSED_OUT_OF_SCOPE.format(count=count) if count else texts.MISSED_GONE,
              "success" if count else "warning")
    else:
        for ids, wording, target in picked:
            _attach_one(ids, wording, target)
    return redirect(url_for("admin.unanswered", q=request.args.get("q") or None))


def _attach_one(ids: list[int], wording: str, target: str) -> None:
    """One group's attach inside a savepoint: a refusal leaves the other groups' work."""
    form = MissedForm(formdata=None, data={"ids": ",".join(map(str, ids)), "text": wording,
                                           "target": target.split(" ", 1)[0]})
    if not wording or not form.target.data:
        flash(texts.MISSED_ROW_FAILED.format(text=wording or "（空）", why="请填写说法并选择要加入的事项或问答"),
              "error")
        return
    try:
        with db.session.begin_nested():
            where = _attach(form)
    except KnowledgeError as exc:
        flash(texts.MISSED_ROW_FAILED.format(text=wording, why=exc), "error")
        return
    count = resolve_missed(ids, "attached", form.target.data, current_user.username)
    flash(texts.MISSED_ATTACHED.format(text=wording, target=where, count=count), "success")


def _attach(form: MissedForm) -> str:
    """Add the wording to the chosen FAQ entry or guide; return what it was added to."""
    kind, _, key = form.target.data.partition(":")
    phrase = form.text.data.strip()
    if kind == "faq":
        ops.add_alternate(key, phrase, current_user.username)
        return f"问答“{db.session.get(FaqEntry, key).question}”的问法"
    if kind == "guide":
        guide = ops.get_entry("guide", key)
        ops.add_alias(key, phrase, current_user.username)
        return f"事项“{guide.short_name}”的别名"
    raise KnowledgeError("请选择要加入的事项或问答")


@bp.route("/unanswered/attach", methods=["POST"])
@staff_required
def unanswered_attach():
    """Teach the bot the question as a FAQ phrasing or guide alias; close the group."""
    form = MissedForm()
    if not form.validate_on_submit():
        flash("；".join(e for errors in form.errors.values() for e in errors), "error")
        return redirect(url_for("admin.unanswered"))
    try:
        target = _attach(form)
    except KnowledgeError as exc:
        db.session.rollback()
        flash(f"未能加入：{exc}", "error")
        return redirect(url_for("admin.unanswered"))
    count = resolve_missed(form.id_list(), "attached", form.target.data, current_user.username)
    flash(texts.MISSED_ATTACHED.format(text=form.text.data.strip(), target=target, count=count),
          "success")
    return redirect(url_for("admin.unanswered"))


@bp.route("/unanswered/out-of-scope", methods=["POST"])
@staff_required
def unanswered_out_of_scope():
    """Set a group aside as not the bureau's business."""
    form = MissedIdsForm()
    if not form.validate_on_submit():
        abort(400)
    count = resolve_missed(form.id_list(), "out_of_scope", "不属于民政业务", current_user.username)
    flash(texts.MISSED_OUT_OF_SCOPE.format(count=count) if count else texts.MISSED_GONE,
          "success" if count else "warning")
    return redirect(url_for("admin.unanswered"))


@bp.route("/unanswered/new-faq", methods=["POST"])
@staff_required
def unanswered_new_faq():
    """Open a new FAQ form filled with the question; saving it closes the group."""
    form = MissedIdsForm()
    if not form.validate_on_submit():
        abort(400)
    return redirect(url_for("admin.faq_new", question=request.form.get("text", ""),
                            missed=form.ids.data))
