"""Forms of the knowledge pages; the rules themselves live in knowledge.validation."""
from __future__ import annotations

import re

from wtforms import (HiddenField, IntegerField, SelectChoice, SelectField, StringField,
                     SubmitField, TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from admin.forms import BaseForm
from handlers.texts import ASPECT_LABELS
from knowledge.models import ASPECTS

ASPECT_CHOICES = [SelectChoice(a, ASPECT_LABELS[a]) for a in ASPECTS]


def split_phrases(text: str) -> list[str]:
    """One phrase per line, or separated by Chinese or Western commas."""
    return [p.strip() for p in re.split(r"[\n,，、;；]+", text or "") if p.strip()]


class TextField(TextAreaField):
    """A text area whose line breaks are kept as typed, as LF: browsers post CRLF."""

    def process_formdata(self, valuelist) -> None:
        if valuelist:
            self.data = valuelist[0].replace("\r\n", "\n").replace("\r", "\n")


class PhraseListField(TextAreaField):
    """A list of short phrases edited as text, one per line."""

    def _value(self) -> str:
        return "\n".join(self.data or []) if isinstance(self.data, list) else (self.data or "")

    def process_formdata(self, valuelist) -> None:
        if valuelist:
            self.data = split_phrases(valuelist[0])


class GuideForm(BaseForm):
    short_name = StringField("简称（居民常用叫法）", validators=[DataRequired("请填写简称")])
    aliases = PhraseListField("别名（每行一个）", render_kw={"rows": 3})
    keywords = PhraseListField("关键词（每行一个）", render_kw={"rows": 3})
    preview_aspect = SelectField("预览哪一方面", choices=ASPECT_CHOICES, default="overview")
    preview = SubmitField("预览居民看到的回复")
    submit = SubmitField("保存并发布")

    def values(self) -> dict:
        """The guide fields as the knowledge operations take them."""
        values = {name: self[name].data for name in ("short_name", "aliases", "keywords")}
        values.update({aspect: self[f"text_{aspect}"].data or "" for aspect in ASPECTS})
        return values

    @staticmethod
    def initial(guide_data: dict) -> dict:
        """Form data from a guide's stored data."""
        return {**guide_data, **{f"text_{a}": guide_data[a] for a in ASPECTS}}


# Prefixed because an aspect is called "process", which would hide Form.process().
for _aspect in ASPECTS:
    setattr(GuideForm, f"text_{_aspect}", TextField(ASPECT_LABELS[_aspect], render_kw={"rows": 5}))


class FaqForm(BaseForm):
    id = StringField("编号（英文，创建后不可改）", validators=[
        DataRequired("请填写编号"), Length(max=80, message="编号最多 80 位")])
    question = StringField("标准问法", validators=[DataRequired("请填写标准问法")])
    alternates = PhraseListField("其他问法（每行一个，居民的不同说法）", render_kw={"rows": 5})
    service = SelectField("关联事项", default="")
    aspect = SelectField("关联方面", default="",
                         choices=[SelectChoice("", "（不限）")] + ASPECT_CHOICES)
    answer = TextField("答复内容", validators=[DataRequired("请填写答复内容")],
                           render_kw={"rows": 8})
    missed_ids = HiddenField()
    preview = SubmitField("预览居民看到的回复")
    submit = SubmitField("保存并发布")

    def set_services(self, guides) -> None:
        """Offer every guide, plus 'none' for general questions."""
        self.service.choices = [SelectChoice("", "（通用，不关联事项）")] + [
            SelectChoice(g.code, f"{g.code} {g.short_name}") for g in guides]


class SynonymForm(BaseForm):
    term = StringField("居民说法", validators=[DataRequired("请填写居民说法")])
    canonical = StringField("规范用语", validators=[DataRequired("请填写规范用语")])
    submit = SubmitField("添加或修改")


class WordForm(BaseForm):
    word = StringField("词语", validators=[DataRequired("请填写词语")])
    freq = IntegerField("词频（越大越优先切分为一个词）", default=3000, validators=[
        InputRequired("请填写词频"), NumberRange(1, 10_000_000, "词频须为 1–10000000 的整数")])
    pos = StringField("词性", default="nz", validators=[Optional()])
    submit = SubmitField("添加或修改")


class KeyForm(BaseForm):
    """A delete button for one synonym or word: carries its key and the CSRF token."""

    key = HiddenField(validators=[DataRequired()])
