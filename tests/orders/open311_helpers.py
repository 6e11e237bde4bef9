"""Shared Open311 test setup: two clients' keys and a POST helper."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from core.extensions import db
from orders.models import Order

KEY = "k-12345"
KEYS = f"12345热线:{KEY},other:k-other"


def post(api, fmt: str = "json", **form):
    return api.post(f"/open311/v2/requests.{fmt}", data={"api_key": KEY, **form})


def filed(api, **form) -> Order:
    """POST one request (a meal at an address unless told) and return its order."""
    form = {"service_code": "meal", "address_string": "光明社区5号楼302", **form}
    response = post(api, **form)
    assert response.status_code == 200, response.get_data(as_text=True)
    number = response.get_json()[0]["service_request_id"]
    return db.session.scalar(db.select(Order).filter_by(number=number))


def xml(response) -> ET.Element:
    assert response.mimetype == "text/xml", response.get_data(as_text=True)[:200]
    return ET.fromstring(response.get_data())
