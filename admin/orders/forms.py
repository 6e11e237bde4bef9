"""Order action forms, one class per kind of step, so a refused step comes back as typed.

The transition table still decides what is allowed and what is missing; these
forms only carry the fields, check lengths, and put the table's refusal next to
the field it is about.
"""
from __future__ import annotations

from wtforms import BooleanField, HiddenField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length

from admin import texts
from admin.forms import BaseForm, reason_field
from orders import texts as order_texts

NOTES_MAX = 2000
NAMES_MAX = 1000

# Which field each refusal of the table is about; the rest (not now, conflict…) go above the form.
FIELD_OF = {
    order_texts.NEED_REASON: "reason", order_texts.NEED_ORG: "organization_id",
    order_texts.SAME_ORG: "organization_id", order_texts.BAD_ORG: "organization_id",
    order_texts.NEED_CLOSE_KIND: "kind", order_texts.BAD_HOURS: "hours",
    order_texts.NEED_NOTES: "notes", order_texts.BAD_VOLUNTEERS: "volunteers",
    order_texts.NEED_FOLLOW_UP_NOTE: "reason",
}


class OrderActionForm(BaseForm):
    """Any order step: the version the page was drawn from, and a reason where one is asked."""

    version = HiddenField()
    reason = reason_field()
    event = ""

    def refuse_step(self, message: str) -> None:
        """Put the transition table's refusal where the person will look for it."""
        self.refuse(message, FIELD_OF.get(message, ""))


# Organisation and close kind are picked from the page's own lists, not typed: hidden fields
# keep them out of `typed()`, and the templates draw the radios and the select themselves.
class DispatchForm(OrderActionForm):
    organization_id = HiddenField("服务组织")


class CloseForm(OrderActionForm):
    kind = HiddenField("关闭类型")


class CompleteForm(OrderActionForm):
    notes = TextAreaField("服务情况说明", validators=[Length(
        max=NOTES_MAX, message=texts.TOO_LONG.format(label="服务情况说明", limit=NOTES_MAX))])
    hours = StringField("服务时长（小时）")
    # Ticked from the organisation's roster; checked against it when read (admin.orders.completion).
    volunteer_ids = SelectMultipleField("参与服务的志愿者", coerce=int, validate_choice=False)
    volunteers = TextAreaField("其他参与人员", validators=[Length(
        max=NAMES_MAX, message=texts.TOO_LONG.format(label="其他参与人员", limit=NAMES_MAX))])
    # Typed names that match no roster volunteer: kept on the order, credited to no one.
    unregistered_ok = BooleanField("确认以上人员不是本组织登记的志愿者（不记志愿服务时长）")


FORMS = {"dispatch": DispatchForm, "reassign": DispatchForm, "close_admin": CloseForm,
         "complete": CompleteForm}


def posted(event: str) -> OrderActionForm:
    """The form of one step, bound to what was submitted."""
    form = FORMS.get(event, OrderActionForm)()
    form.event = event
    return form


def forms_for(events: list[str], refused: OrderActionForm | None = None) -> dict:
    """An empty form per step the page offers; the refused one as it was typed."""
    forms = {event: FORMS.get(event, OrderActionForm)(formdata=None) for event in events}
    if refused is not None and refused.event in forms:
        forms[refused.event] = refused
    return forms
