"""What Open311 GeoReport v2 says of services and orders: the spec's field names."""
from __future__ import annotations

from datetime import datetime

from core import calendar
from orders import categories, texts
from orders.models import OPEN_STATES, Order

SPEC = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-01T00:00:00+08:00"
GROUP = "居家和社区服务"
# POST fields and the longest text each may hold (the orders table's columns).
FIELD_LIMITS = {"description": 4000, "address_string": 200, "phone": 32,
                "attribute[preferred_time]": 80, "attribute[community]": 64}

ATTRIBUTES = [
    {"variable": True, "code": "preferred_time", "datatype": "string", "required": False,
     "datatype_description": "例如：明天上午、11月25日下午", "order": 1,
     "description": "期望服务时间"},
    {"variable": True, "code": "community", "datatype": "string", "required": False,
     "datatype_description": "社区名称，例如：幸福社区", "order": 2, "description": "所在社区"},
]


def service_json(code: str) -> dict:
    """One order category as a GeoReport service."""
    label = categories.labels()[code]
    return {"service_code": code, "service_name": categories.short(code), "description": label,
            "metadata": True, "type": "realtime", "keywords": label, "group": GROUP}


def _when(value: datetime | None) -> str | None:
    return calendar.to_china(value).strftime("%Y-%m-%dT%H:%M:%S+08:00") if value else None


def _status_notes(order: Order) -> str:
    notes = texts.STATE_LABELS[order.state]
    if order.state in ("rejected", "cancelled", "closed_admin"):
        reason = next((e.reason for e in reversed(order.events)
                       if e.to_state == order.state and e.from_state != e.to_state), "")
        notes += "：" + reason if reason else ""
    return notes


def request_json(order: Order) -> dict:
    """One order in GeoReport v2 shape."""
    return {
        "service_request_id": order.number, "status": "open" if order.state in OPEN_STATES
        else "closed", "status_notes": _status_notes(order),
        "service_name": categories.short(order.category), "service_code": order.category,
        "description": order.description,
        "agency_responsible": order.organization.name if order.organization else "市民政局",
        "service_notice": "", "requested_datetime": _when(order.created_at),
        "updated_datetime": _when(order.updated_at), "expected_datetime": _when(order.due_at),
        "address": order.address, "address_id": None, "zipcode": None,
        "lat": order.lat, "long": order.lng, "media_url": None,
    }
