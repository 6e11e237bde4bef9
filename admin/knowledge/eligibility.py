"""政策找人: staff edit the items' thresholds (validated, audited) and see which items residents were pointed to."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms import StringField, SubmitField, TextAreaField

from admin.auth import staff_required
from admin.blueprint import bp
from admin.forms import BaseForm
from core import audit
from eligibility import rules
from eligibility import texts as t
from eligibility.assess import names
from eligibility.models import referral_totals


def _form_class() -> type[BaseForm]:
    attrs: dict = {key: StringField(t.LABELS[key]) for key in rules.BOUNDS}
    attrs.update(age_tiers=TextAreaField(t.TIERS_LABEL), care_grades=TextAreaField(t.GRADES_LABEL),
                 submit=SubmitField("保存"))
    return type("ThresholdsForm", (BaseForm,), attrs)


ThresholdsForm = _form_class()


def _number(raw: str) -> int | float:
    value = float((raw or "").strip().replace(",", ""))
    return int(value) if value == int(value) else value


def _pairs(raw: str) -> list[tuple[int | float, int | float]]:
    rows = [line.replace("：", " ").replace(":", " ").split() for line in (raw or "").splitlines()]
    return [(_number(r[0]), _number(r[1])) for r in rows if r]


def _read(form) -> dict | None:
    """The typed values as numbers; None (with the field marked) when one is not a number."""
    values: dict = {}
    for key in rules.BOUNDS:
        try:
            values[key] = _number(form[key].data)
        except ValueError:
            form.refuse(t.NOT_A_NUMBER, key)
            return None
    try:
        values["age_tiers"] = [{"from": a, "amount": b} for a, b in _pairs(form.age_tiers.data)]
        values["care_grades"] = dict(_pairs(form.care_grades.data))
    except (ValueError, IndexError):
        form.refuse(t.BAD_TIERS)
        return None
    return values


def _fill(form, current: dict) -> None:
    for key in rules.BOUNDS:
        form[key].data = str(current[key])
    form.age_tiers.data = "\n".join(f"{x['from']} {x['amount']}" for x in current["age_tiers"])
    form.care_grades.data = "\n".join(f"{k} {v}" for k, v in sorted(current["care_grades"].items()))


@bp.route("/eligibility", methods=["GET", "POST"])
@staff_required
def eligibility():
    """The thresholds in force, the form to change them, and the rules in words."""
    form = ThresholdsForm()
    if form.validate_on_submit():
        values = _read(form)
        if values is not None:
            before = rules.thresholds()
            try:
                saved = rules.save(values)
            except rules.BadThreshold as exc:
                form.refuse(str(exc))
            else:
                before["care_grades"] = {str(k): v for k, v in before["care_grades"].items()}
                audit.record(current_user.username, "eligibility.thresholds", "eligibility",
                             before=before, after=saved)
                flash(t.SAVED, "success")
                return redirect(url_for("admin.eligibility"))
    elif not form.is_submitted():
        _fill(form, rules.thresholds())
    return render_template("admin/eligibility.html", form=form, groups=t.THRESHOLD_GROUPS,
                           items=rules.items(), names=names(),
                           eligibility_names=names(), totals=referral_totals())
