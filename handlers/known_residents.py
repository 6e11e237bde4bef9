"""Details a resident gave us before (as a volunteer or in an earlier application), offered back."""
from __future__ import annotations

from applications.queries import applications_for, appointments_for
from core import pii
from core.residents import Resident
from forms.definitions import FORMS, Form
from handlers import texts
from orders.queries import resident_orders
from volunteers.queries import volunteer_for

# Name fields that hold the resident's own name (not an elder's, a child's or the deceased's).
OWN_NAME_LABELS = ("申请人姓名", "真实姓名")


def details_for(resident: Resident, form: Form) -> tuple[dict, dict, str]:
    """(answers to fill in, values to offer back per field key, a note for the first reply)."""
    volunteer = volunteer_for(resident)
    if form.volunteers_only and volunteer is not None and volunteer.status == "approved":
        # The certificate is about this volunteer: their record already names them.
        prefilled = {"name": volunteer.name, "phone": volunteer.phone}
        items = texts.VOLUNTEER_KNOWN_ITEMS.format(name=volunteer.name, phone=pii.mask_text(volunteer.phone))
        return prefilled, {}, texts.KNOWN_NOTE.format(items=items)
    known = _remembered(resident, volunteer)
    keys = {f.key: f for f in form.fields}
    offered = {key: value for key, value in known.items() if key in keys and value
               and (key != "name" or keys[key].label in OWN_NAME_LABELS)}
    return {}, offered, ""


def _remembered(resident: Resident, volunteer) -> dict:
    """The newest name, phone and community we hold for the resident."""
    if volunteer is not None:
        return {"name": volunteer.name, "phone": volunteer.phone, "community": volunteer.community}
    records = list(applications_for(resident, limit=1)) + list(appointments_for(resident, limit=1))
    if not records:
        return {}
    latest = max(records, key=lambda r: r.created_at)
    form = FORMS.get(latest.service)
    own_name = form is not None and any(f.key == form.name_field and f.label in OWN_NAME_LABELS
                                        for f in form.fields)
    return {"name": latest.name if own_name else "", "phone": latest.phone,
            "community": getattr(latest, "community", "") or ""}


def phone_for_order(resident: Resident) -> str:
    """The phone of the resident's last order, else the one we hold from a form."""
    orders = resident_orders(resident, limit=1)
    if orders and orders[0].phone:
        return orders[0].phone
    return _remembered(resident, volunteer_for(resident)).get("phone", "")
