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
from admin.knowledge import guides
from conversations.operations import resolve_missed
from conversations.queries import missed_groups, open_count
from core.extensions import db
from handlers.texts import ASPECT_LABELS
from knowledge import operations as ops
from knowledge.models import FaqEntry
from knowledge.validation import KnowledgeError

GROUPS_SHOWN = 100


class MissedIdsForm(BaseForm):
    """The questions of one group (and the CSRF token)."""

    ids = HiddenField(validators=[DataRequired()])

    def id_list(self) -> list[int]:
        return [int(i) for i in self.ids.data.split(",") if i.isdigit()]


class MissedForm(MissedIdsForm):
    text = StringField("作为新问法", validators=[
        DataRequired("请填写要教给机器人的说法"), Length(max=200, message="最多 200 字")])
    target = StringField("加入到", validators=[DataRequired("请选择要加入的事项或问答")])


@bp.route("/unanswered")
@staff_required
def unanswered():
    """Open missed questions grouped by similarity, most frequent first."""
    groups = missed_groups()
    faqs = list(db.session.scalars(db.select(FaqEntry).order_by(FaqEntry.service, FaqEntry.id)))
    all_guides = guides()
    # Grouping reads only the newest rows; the total says how many really wait.
    return render_template("admin/missed.html", groups=groups[:GROUPS_SHOWN],
                           group_count=len(groups), grouped=sum(g.count for g in groups),
                           total=open_count(), faqs=faqs, guides=all_guides,
                           names={g.code: g.short_name for g in all_guides},
                           aspect_labels=ASPECT_LABELS, form=MissedForm())


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
