"""Open311 GeoReport v2 (JSON) over orders, for other government systems.

Mounted at /open311/v2/. POST needs an API key, as the spec says. Unlike
the spec's default, reading requests needs one too, and a client sees only
the requests it filed: orders carry the home addresses of elderly and
disabled residents, which must not be public.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from flask import Blueprint, current_app, jsonify, request, url_for

from core import calendar
from core.extensions import db
from orders import categories, operations, texts
from orders.models import OPEN_STATES, Order
from orders.transitions import Actor, TransitionError

bp = Blueprint("open311", __name__, url_prefix="/open311/v2")
SPEC = "http://wiki.open311.org/GeoReport_v2"
GROUP = "居家和社区服务"
MAX_RESULTS = 1000


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status, self.description = status, description


@bp.errorhandler(Open311Error)
def _error(exc: Open311Error):
    return jsonify([{"code": exc.status, "description": exc.description}]), exc.status


@bp.errorhandler(404)
@bp.errorhandler(405)
def _http_error(exc):
    return jsonify([{"code": exc.code, "description": exc.description}]), exc.code


def api_keys() -> dict[str, str]:
    """Configured keys, key -> client name: a dict, or "name:key,name:key" text."""
    raw = current_app.config.get("OPEN311_API_KEYS") or {}
    if isinstance(raw, str):
        pairs = [item.split(":", 1) for item in raw.split(",") if ":" in item]
        raw = {name.strip(): key.strip() for name, key in pairs}
    return {key: name for name, key in raw.items() if key}


def _client() -> str:
    key = request.values.get("api_key", "")
    client = api_keys().get(key) if key else None
    if client is None:
        raise Open311Error(403, "api_key was not provided or is invalid")
    return client


@bp.get("/discovery.json")
def discovery():
    """Where the endpoint is and what it speaks."""
    base = url_for("open311.services", _external=True).rsplit("/", 1)[0] + "/"
    return jsonify({"changeset": "2026-11-23T00:00:00+08:00", "contact": "市民政局 0000-1234500",
                    "key_service": "请联系市民政局信息科申请 api_key",
                    "endpoints": [{"specification": SPEC, "url": base,
                                   "changeset": "2026-11-23T00:00:00+08:00",
                                   "type": "production", "formats": ["application/json"]}]})


def _service(code: str) -> dict:
    label = categories.labels()[code]
    return {"service_code": code, "service_name": categories.short(code), "description": label,
            "metadata": True, "type": "realtime", "keywords": label, "group": GROUP}


@bp.get("/services.json")
def services():
    """Every order category as a service."""
    return jsonify([_service(code) for code in categories.codes()])


ATTRIBUTES = [
    {"variable": True, "code": "preferred_time", "datatype": "string", "required": False,
     "datatype_description": "例如：明天上午、11月25日下午", "order": 1,
     "description": "期望服务时间"},
    {"variable": True, "code": "community", "datatype": "string", "required": False,
     "datatype_description": "社区名称，例如：幸福社区", "order": 2, "description": "所在社区"},
]


@bp.get("/services/<code>.json")
def service_definition(code: str):
    """The extra attributes a request for this service may carry."""
    if code not in categories.labels():
        raise Open311Error(404, f"service_code {code} not found")
    return jsonify({"service_code": code, "attributes": ATTRIBUTES})


@bp.post("/requests.json")
def create_request():
    """File an order on a resident's behalf."""
    client, form = _client(), request.form
    code = form.get("service_code", "")
    if code not in categories.labels():
        raise Open311Error(400, "service_code was not provided or is not a known service")
    lat, lng = _coordinates(form)
    address = form.get("address_string", "").strip()
    if not address and lat is None:
        raise Open311Error(400, "a location is required: lat & long, or address_string")
    description = form.get("description", "").strip()
    if len(description) > 4000:
        raise Open311Error(400, "description is longer than 4000 characters")
    token = secrets.token_urlsafe(12)
    external = {"client": client, "token": token,
                **{k: form[k] for k in ("email", "first_name", "last_name", "device_id",
                                        "account_id") if form.get(k)}}
    try:
        order = operations.submit_order(
            Actor("api", client), category=code, description=description,
            address=address, lat=lat, lng=lng, phone=form.get("phone", ""),
            preferred_time=form.get("attribute[preferred_time]", ""),
            community=form.get("attribute[community]", ""), source="open311", external=external)
        db.session.commit()
    except TransitionError as exc:
        db.session.rollback()
        raise Open311Error(400, str(exc)) from exc
    return jsonify([{"service_request_id": order.number, "token": token,
                     "service_notice": "已受理，工作人员将在1个工作日内审核派单", "account_id": None}])


def _coordinates(form) -> tuple[float | None, float | None]:
    if not form.get("lat") and not form.get("long"):
        return None, None
    try:
        lat, lng = float(form["lat"]), float(form["long"])
    except (KeyError, ValueError) as exc:
        raise Open311Error(400, "lat and long must both be decimal degrees") from exc
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise Open311Error(400, "lat or long out of range")
    return lat, lng


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


def _mine(client: str):
    return db.select(Order).where(Order.source == "open311",
                                  Order.external["client"].as_string() == client)


@bp.get("/requests.json")
def list_requests():
    """This client's requests, filtered as the spec describes (90 days by default)."""
    query = _mine(_client())
    ids = [i.strip() for i in request.args.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        query = query.where(Order.number.in_(ids))
    else:
        query = _filtered(query)
    orders = db.session.scalars(query.order_by(Order.id.desc()).limit(MAX_RESULTS))
    return jsonify([request_json(order) for order in orders])


def _filtered(query):
    args = request.args
    if args.get("service_code"):
        query = query.where(Order.category.in_(args["service_code"].split(",")))
    start, end = _date(args.get("start_date")), _date(args.get("end_date"))
    if start is None and end is None:
        start = calendar.utcnow() - timedelta(days=90)
    if start is not None:
        query = query.where(Order.created_at >= start)
    if end is not None:
        query = query.where(Order.created_at <= end)
    status = args.get("status", "")
    if status in ("open", "closed"):
        open_ = Order.state.in_(OPEN_STATES)
        query = query.where(open_ if status == "open" else ~open_)
    elif status:
        raise Open311Error(400, "status must be open or closed")
    return query


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise Open311Error(400, f"bad date {value}: use ISO 8601 (w3c) format") from exc
    if parsed.tzinfo is None:
        return calendar.from_china(parsed)
    return parsed.astimezone(timezone.utc).replace(tzinfo=None)


@bp.get("/requests/<number>.json")
def get_request(number: str):
    """One request, if this client filed it."""
    order = db.session.scalar(_mine(_client()).where(Order.number == number))
    if order is None:
        raise Open311Error(404, f"service_request_id {number} not found")
    return jsonify([request_json(order)])


@bp.get("/tokens/<token>.json")
def get_token(token: str):
    """The request id a token stands for."""
    order = db.session.scalar(_mine(_client()).where(
        Order.external["token"].as_string() == token))
    if order is None:
        raise Open311Error(404, f"token {token} not found")
    return jsonify([{"service_request_id": order.number, "token": token}])
