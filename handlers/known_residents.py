"""Details a resident gave us before (as a volunteer or in an earlier application), offered back."""
from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Integer, String, bindparam, literal_column, select, union_all

from applications.models import Application, Appointment
from core import pii
from core.extensions import db
from core.residents import Resident
from forms.definitions import FORMS, Form
from handlers import texts
from orders.models import Order
from volunteers.models import Volunteer

# Name fields that hold the resident's own name (not an elder's, a child's or the deceased's).
OWN_NAME_LABELS = ("申请人姓名", "真实姓名")

# What one lookup returns, one row at most of each kind.
VOLUNTEER, APPLICATION, APPOINTMENT, ORDER = range(4)


def details_for(resident: Resident, form: Form) -> tuple[dict, dict, str]:
    """(answers to fill in, values to offer back per field key, a note for the first reply)."""
    known = _known(resident, orders=False)
    volunteer = known.get(VOLUNTEER)
    if form.volunteers_only and volunteer is not None and volunteer.status == "approved":
        # The certificate is about this volunteer: their record already names them.
        prefilled = {"name": volunteer.name, "phone": volunteer.phone}
        items = texts.VOLUNTEER_KNOWN_ITEMS.format(name=volunteer.name, phone=pii.mask_text(volunteer.phone))
        return prefilled, {}, texts.KNOWN_NOTE.format(items=items)
    remembered = _remembered(known)
    keys = {f.key: f for f in form.fields}
    offered = {key: value for key, value in remembered.items() if key in keys and value
               and (key != "name" or keys[key].label in OWN_NAME_LABELS)}
    return {}, offered, ""


def phone_for_order(resident: Resident) -> str:
    """The phone of the resident's last order, else the one we hold from a form."""
    known = _known(resident, orders=True)
    order = known.get(ORDER)
    if order is not None and order.phone:
        return order.phone
    return _remembered(known).get("phone", "")


def _remembered(known: dict[int, Any]) -> dict:
    """The newest name, phone and community we hold for the resident."""
    volunteer = known.get(VOLUNTEER)
    if volunteer is not None:
        return {"name": volunteer.name, "phone": volunteer.phone, "community": volunteer.community}
    # The newest application against the soonest appointment; an application wins a tie.
    records = [known[kind] for kind in (APPLICATION, APPOINTMENT) if kind in known]
    if not records:
        return {}
    latest = max(records, key=lambda r: r.created_at)
    form = FORMS.get(latest.service)
    own_name = form is not None and any(f.key == form.name_field and f.label in OWN_NAME_LABELS
                                        for f in form.fields)
    return {"name": latest.name if own_name else "", "phone": latest.phone,
            "community": latest.community or ""}


def _known(resident: Resident, orders: bool) -> dict[int, Any]:
    """The resident's volunteer record, newest application, soonest appointment and (with
    `orders`) newest order, by kind: one round trip instead of one query each."""
    rows = db.session.execute(_statement(orders), {"channel": resident.channel, "rid": resident.id})
    return {row.kind: row for row in rows}


@cache
def _statement(orders: bool):
    """One UNION ALL of a row at most per kind, built once (then only its parameters change)."""
    def of(kind: int, model, name, community, status, service, *order_by):
        query = select(literal_column(str(kind), Integer).label("kind"), name.label("name"),
                       model.phone.label("phone"), community.label("community"),
                       status.label("status"), service.label("service"),
                       model.created_at.label("created_at"))
        query = query.where(model.channel == bindparam("channel"),
                            model.resident_id == bindparam("rid"))
        # A subquery each: a member of a UNION may not carry its own ORDER BY or LIMIT.
        return select(query.order_by(*order_by).limit(1).subquery())

    blank = literal_column("''", String)
    parts = [of(VOLUNTEER, Volunteer, Volunteer.name, Volunteer.community, Volunteer.status, blank),
             of(APPLICATION, Application, Application.name, Application.community,
                Application.status, Application.service, Application.id.desc()),
             of(APPOINTMENT, Appointment, Appointment.name, blank, Appointment.status,
                Appointment.service, Appointment.day, Appointment.time)]
    if orders:
        parts.append(of(ORDER, Order, blank, blank, blank, blank, Order.id.desc()))
    return union_all(*parts)
