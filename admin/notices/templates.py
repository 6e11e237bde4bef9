"""通知模板: staff pick, per notice kind, the WeChat template and how its fields are filled."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from admin.auth import staff_required
from admin.blueprint import bp
from admin.forms import ActionForm
from core import audit
from notifications import templates
from notifications.kinds import FIELDS, KINDS, RESIDENT_KINDS, STAFF_KINDS


def _rows(typed: dict | None = None, error: tuple[str, str] | None = None) -> list[dict]:
    configs = templates.all_configs()
    rows = []
    for kind in RESIDENT_KINDS + STAFF_KINDS:
        config = configs.get(kind) or {}
        row = {"kind": kind, "label": KINDS[kind], "template_id": config.get("template_id", ""),
               "url": config.get("url", ""), "fields": templates.fields_text(config),
               "error": ""}
        if typed and typed["kind"] == kind:
            row.update(typed)
            row["error"] = error[1] if error else ""
        rows.append(row)
    return rows


@bp.route("/notice-templates")
@staff_required
def notice_templates():
    """Every notice kind with its template, and the values its fields may use."""
    return render_template("admin/notice_templates.html", rows=_rows(), fields=FIELDS,
                           form=ActionForm(), staff_kinds=STAFF_KINDS)


@bp.route("/notice-templates", methods=["POST"])
@staff_required
def notice_template_save():
    """Save one kind's template; a refusal comes back with what was typed and why."""
    if not ActionForm().validate_on_submit():
        abort(400)
    typed = {k: request.form.get(k, "")[:2000] for k in ("kind", "template_id", "url", "fields")}
    try:
        saved = templates.save(typed["kind"], typed["template_id"], typed["fields"], typed["url"])
    except templates.TemplateError as exc:
        flash(str(exc), "error")
        return render_template("admin/notice_templates.html", rows=_rows(typed, ("", str(exc))),
                               fields=FIELDS, form=ActionForm(), staff_kinds=STAFF_KINDS), 422
    audit.record(current_user.username, "notifications.template", typed["kind"], after=saved)
    flash(f"“{KINDS[typed['kind']]}”的模板已{'保存' if saved else '清除'}。", "success")
    return redirect(url_for("admin.notice_templates") + f"#{typed['kind']}")
