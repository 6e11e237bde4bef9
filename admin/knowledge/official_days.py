"""节假日安排: staff enter the State Council's 放假/调休 days for a year, audited."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from admin.auth import staff_required
from admin.blueprint import bp
from admin.forms import BaseForm
from admin.knowledge.forms import KeyForm
from core import calendar
from core import official_days as ops

SAVED = "已录入 {day}（{kind}）。"
REMOVED = "已删除 {day}。"
NOT_ENTERED = "{day} 没有录入过。"


class DayForm(BaseForm):
    day = StringField("日期", validators=[DataRequired("请填写日期")],
                      render_kw={"placeholder": "2027-02-06", "type": "date"})
    kind = SelectField("类型", choices=[SelectChoice(k, v) for k, v in calendar.KINDS.items()])
    note = StringField("说明", validators=[Length(max=120, message="说明最多 120 个字")],
                       render_kw={"placeholder": "如：春节；2月20日（周六）调休上班"})
    submit = SubmitField("录入")


def _year() -> int:
    raw = request.args.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else calendar.today().year


@bp.route("/calendar", methods=["GET", "POST"])
@staff_required
def official_days():
    """One year's entered days, which source decides each year, and the entry form."""
    year, form = _year(), DayForm()
    if form.validate_on_submit():
        try:
            day, kind, note = ops.parse(form.day.data, form.kind.data, form.note.data or "")
        except ops.BadDay as exc:
            form.refuse(str(exc), "day")
        else:
            ops.set_day(day, kind, note, current_user.username)
            flash(SAVED.format(day=day.isoformat(), kind=calendar.KINDS[kind]), "success")
            return redirect(url_for("admin.official_days", year=day.year))
    years = [year - 1, year, year + 1]
    return render_template(
        "admin/official_days.html", form=form, year=year, rows=ops.days_of(year),
        kinds=calendar.KINDS, key_form=KeyForm(), years=years,
        sources={y: calendar.SOURCES[calendar.year_source(y)] for y in years},
        entered={y: len(calendar.official(y)) for y in years})


@bp.route("/calendar/delete", methods=["POST"])
@staff_required
def official_day_delete():
    """Take one entered day out (audited)."""
    form = KeyForm()
    year = _year()
    if form.validate_on_submit():
        try:
            day = ops.parse(form.key.data, "off")[0]
        except ops.BadDay as exc:
            flash(str(exc), "error")
        else:
            removed = ops.remove_day(day, current_user.username)
            flash((REMOVED if removed else NOT_ENTERED).format(day=day.isoformat()),
                  "success" if removed else "warning")
            year = day.year
    return redirect(url_for("admin.official_days", year=year))
