"""Admin forms; Flask-WTF adds a CSRF token to every one of them."""
from __future__ import annotations

import re

from flask import flash
from flask_wtf import FlaskForm
from wtforms import (HiddenField, PasswordField, SelectChoice, SelectField, SelectMultipleField,
                     StringField, SubmitField, TextAreaField, widgets)
from wtforms.validators import (DataRequired, EqualTo, Length, Optional, Regexp,
                                ValidationError)

from accounts.models import ROLE_LABELS
from accounts.operations import MIN_PASSWORD
from admin import texts
from orders import categories as order_categories


class _Chinese:
    """WTForms translations object for the messages we do not write ourselves."""

    def gettext(self, string: str) -> str:
        return texts.WTFORMS.get(string, string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


class BaseForm(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _Chinese()

    def refuse(self, message: str, field: str = "") -> None:
        """Show a refusal from the domain next to the field it is about, or above the form."""
        target = self._fields.get(field) if field else None
        if target is None:
            self.form_errors.append(message)
        else:
            target.errors = [*target.errors, message]

    @property
    def first_error(self) -> str:
        """The first field with an error: the page puts the cursor there."""
        return next((name for name, f in self._fields.items() if f.errors), "")

    def typed(self) -> list[tuple[str, str]]:
        """(label, text) of what was typed, for a page that can no longer offer the form."""
        return [(f.label.text, str(f.data).strip()) for f in self
                if f.type in ("StringField", "TextAreaField") and str(f.data or "").strip()]


def flash_errors(form: BaseForm) -> None:
    """Say at the top of the page what the fields below say, for whoever does not scroll."""
    for errors in form.errors.values():
        for error in errors:
            flash(error, "error")


def reason_field(label: str = "原因", limit: int = texts.REASON_MAX) -> TextAreaField:
    """A reason the resident is told: checked for length here, for presence by the domain."""
    return TextAreaField(label, validators=[
        Length(max=limit, message=texts.TOO_LONG.format(label=label, limit=limit))])


class LoginForm(BaseForm):
    username = StringField("用户名", validators=[DataRequired("请输入用户名"), Length(max=64)])
    password = PasswordField("密码", validators=[DataRequired("请输入密码"), Length(max=256)])
    submit = SubmitField("登录")


class ActionForm(BaseForm):
    """A button-only form (logout, deactivate…): it carries just the CSRF token."""


class ReviewForm(BaseForm):
    """Staff move a pre-application on, with the reason the resident is told."""

    status = HiddenField()
    reason = reason_field("说明")


class AppointmentCancelForm(BaseForm):
    """Staff cancel a booking; the reason is sent to the resident."""

    reason = reason_field("取消原因")


class TicketReplyForm(BaseForm):
    """Staff answer a 转人工 ticket; the answer goes to the resident as one message."""

    text = TextAreaField("回复居民", validators=[Length(
        max=texts.REPLY_MAX, message=texts.TOO_LONG.format(label="回复", limit=texts.REPLY_MAX))])
    # Staff's record of how the ticket ended, kept with it and in the audit log; not sent.
    note = reason_field("结束说明")


def _password_fields():
    new = PasswordField("新密码", validators=[
        DataRequired("请输入密码"),
        Length(min=MIN_PASSWORD, max=128, message=f"密码长度须为 {MIN_PASSWORD}–128 位")])
    confirm = PasswordField("再次输入密码", validators=[
        DataRequired("请再次输入密码"), EqualTo("password", "两次输入的密码不一致")])
    return new, confirm


class UserCreateForm(BaseForm):
    username = StringField("用户名（登录名）", validators=[
        DataRequired("请输入用户名"),
        Regexp(r"^[A-Za-z0-9_.-]{3,64}$", message="用户名须为 3–64 位英文字母、数字或 _ . -")])
    display_name = StringField("显示名称", validators=[
        DataRequired("请输入显示名称"), Length(max=64, message="显示名称最多 64 字")])
    role = SelectField("角色", choices=[SelectChoice(key, label) for key, label in ROLE_LABELS.items()],
                       default="staff")
    organization_id = SelectField("所属社会组织（仅社会组织账号）", coerce=int, default=0)
    password, confirm = _password_fields()
    submit = SubmitField("创建用户")

    def set_organizations(self, organizations) -> None:
        """Offer the given organisations, plus 'none' for staff accounts."""
        self.organization_id.choices = [SelectChoice(0, "（不属于社会组织）")] + [
            SelectChoice(org.id, org.name) for org in organizations]

    def validate_organization_id(self, field) -> None:
        if self.role.data == "org" and not field.data:
            raise ValidationError("社会组织账号必须选择所属社会组织")
        if self.role.data != "org" and field.data:
            raise ValidationError("只有社会组织账号可以选择所属社会组织")


class PasswordResetForm(BaseForm):
    password, confirm = _password_fields()
    submit = SubmitField("重置密码")


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def category_choices() -> list[tuple[str, str]]:
    """Order categories from the published catalogue, as (key, label) pairs."""
    return list(order_categories.labels().items())


def split_communities(text: str) -> list[str]:
    """'幸福社区，和平社区、光明社区' → a de-duplicated list, in order."""
    parts = (part.strip() for part in re.split(r"[,，、;；\n]+", text or ""))
    return list(dict.fromkeys(part for part in parts if part))


class OrganizationForm(BaseForm):
    name = StringField("组织名称", validators=[
        DataRequired("请输入组织名称"), Length(max=120, message="组织名称最多 120 字")])
    contact_phone = StringField("联系电话", validators=[
        Optional(), Regexp(r"^[0-9+\- ]{5,32}$", message="联系电话只能包含数字、空格、+ 和 -")])
    categories = MultiCheckboxField("服务类别", validators=[
        DataRequired("请至少选择一项服务类别")])
    communities = StringField("服务社区（多个用逗号分隔）", validators=[
        DataRequired("请至少填写一个服务社区"), Length(max=1000)])
    submit = SubmitField("保存")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.categories.choices = [SelectChoice(key, label) for key, label in category_choices()]

    def validate_communities(self, field) -> None:
        names = split_communities(field.data)
        if not names:
            raise ValidationError("请至少填写一个服务社区")
        if any(len(name) > 30 for name in names):
            raise ValidationError("每个社区名称最多 30 字")

    def community_list(self) -> list[str]:
        """The communities field as a list."""
        return split_communities(self.communities.data)
