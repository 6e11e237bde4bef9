"""Open311 GeoReport v2 over orders (JSON and XML), for other government systems.

Mounted at /open311/v2/. POST needs an API key, as the spec says. Unlike
the spec's default, reading requests needs one too, and a client sees only
the requests it filed: orders carry the home addresses of elderly and
disabled residents, which must not be public.
"""
from __future__ import annotations

import logging
import secrets
from itertools import chain

from flask import Blueprint, current_app, request, url_for
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import HTTPException

from core.extensions import db
from orders import categories, open311_query as query_args, operations, texts
from orders.models import Order
from orders.open311_render import error_response, respond, under_prefix
from orders.open311_shape import (ATTRIBUTES, CHANGESET, FIELD_LIMITS, SPEC, request_json,
                                  service_json)
from orders.transitions import Actor, TransitionError

bp = Blueprint("open311", __name__, url_prefix="/open311/v2")
log = logging.getLogger(__name__)
FMT = "<any(json, xml):fmt>"


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status, self.description = status, description


@bp.errorhandler(Open311Error)
def _error(exc: Open311Error):
    return error_response(exc.status, exc.description)


@bp.errorhandler(query_args.BadQuery)
def _bad_query(exc: query_args.BadQuery):
    return error_response(400, str(exc))


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    return error_response(exc.code or 500, exc.description or exc.name)


@bp.errorhandler(Exception)
def _failed(exc: Exception):
    log.exception("open311 request failed")
    return error_response(500, "internal error; the request was not completed")


@bp.app_errorhandler(404)
@bp.app_errorhandler(405)
def _routing_error(exc: HTTPException):
    """Unknown paths and methods under the prefix get the spec's errors, not HTML."""
    if not under_prefix():
        return exc
    allowed = getattr(exc, "valid_methods", None)
    headers = {"Allow": ", ".join(allowed)} if allowed else None
    return error_response(exc.code or 404, exc.description or exc.name, headers)


@bp.before_request
def check_input():
    """Refuse what PostgreSQL could not store or query (NUL) and other jurisdictions."""
    values = [*chain.from_iterable(request.args.listvalues()),
              *chain.from_iterable(request.form.listvalues()), *(request.view_args or {}).values()]
    if any("\x00" in str(value) for value in values):
        raise Open311Error(400, "a parameter contains a NUL character")
    jurisdiction = request.values.get("jurisdiction_id")
    if jurisdiction is not None and jurisdiction != current_app.config.get(
            "OPEN311_JURISDICTION", ""):
        raise Open311Error(404, "jurisdiction_id not found")


@bp.after_request
def protect(response):
    """Headers every Open311 answer carries."""
    # Residents' text is in the body: a browser must never sniff it into HTML.
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Cache-Control", "no-store")
    return response


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


@bp.get(f"/discovery.{FMT}")
def discovery(fmt: str):
    """Where the endpoint is and what it speaks."""
    # url_for(_external) takes host, port and scheme from the request (after ProxyFix).
    base = url_for("open311.services", fmt="json", _external=True).rsplit("/", 1)[0] + "/"
    endpoint = {"specification": SPEC, "url": base, "changeset": CHANGESET,
                "type": "production", "formats": ["text/xml", "application/json"]}
    return respond({"changeset": CHANGESET, "contact": texts.OPEN311_CONTACT,
                    "key_service": texts.OPEN311_KEY_SERVICE,
                    "endpoints": [endpoint]}, "discovery")


@bp.get(f"/services.{FMT}")
def services(fmt: str):
    """Every order category as a service."""
    return respond([service_json(code) for code in categories.codes()], "services")


@bp.get(f"/services/<code>.{FMT}")
def service_definition(code: str, fmt: str):
    """The extra attributes a request for this service may carry."""
    if code not in categories.labels():
        raise Open311Error(404, "service_code not found")
    return respond({"service_code": code, "attributes": ATTRIBUTES}, "service_definition")


@bp.post(f"/requests.{FMT}")
def create_request(fmt: str):
    """File an order on a resident's behalf."""
    client, form = _client(), request.form
    code = form.get("service_code", "")
    if code not in categories.labels():
        raise Open311Error(400, "service_code was not provided or is not a known service")
    _check_lengths(form)
    lat, lng = _coordinates(form)
    address = form.get("address_string", "").strip()
    if not address and lat is None:
        raise Open311Error(400, "a location is required: lat & long, or address_string")
    token = secrets.token_urlsafe(12)
    external = {"client": client, "token": token,
                **{k: form[k] for k in ("email", "first_name", "last_name", "device_id",
                                        "account_id") if form.get(k)}}
    try:
        order = operations.submit_order(
            Actor("api", client), category=code, description=form.get("description", ""),
            address=address, lat=lat, lng=lng, phone=form.get("phone", ""),
            preferred_time=form.get("attribute[preferred_time]", ""),
            community=form.get("attribute[community]", ""), source="open311", external=external)
    except TransitionError as exc:
        raise Open311Error(400, str(exc)) from exc
    return respond([{"service_request_id": order.number, "token": token,
                     "service_notice": texts.OPEN311_ACCEPTED,
                     "account_id": None}], "service_requests")


def _check_lengths(form) -> None:
    for name, limit in FIELD_LIMITS.items():
        if len(form.get(name, "").strip()) > limit:
            raise Open311Error(400, f"{name} is longer than {limit} characters")


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


def _mine(client: str):
    return (db.select(Order).where(Order.source == "open311",
                                   Order.external["client"].as_string() == client)
            .options(selectinload(Order.events), selectinload(Order.organization)))


@bp.get(f"/requests.{FMT}")
def list_requests(fmt: str):
    """This client's requests, filtered as the spec describes (90 days by default), paged."""
    query, args = _mine(_client()), request.args
    page = query_args.page(args)
    ids = query_args.comma_list(args.get("service_request_id"))
    # The spec: a list of ids overrides every other filter.
    query = query.where(Order.number.in_(ids)) if ids else query_args.filtered(query, args)
    orders = db.session.scalars(query.order_by(Order.id.desc()).offset(page.offset)
                                .limit(page.size + 1)).all()
    response = respond([request_json(order) for order in orders[:page.size]], "service_requests")
    if len(orders) > page.size:
        # The key stays out of the link: it is the client's to add, not to copy around.
        kept: dict = {k: v for k, v in args.items() if k != "api_key"}
        following = url_for("open311.list_requests", fmt=fmt, _external=True,
                            **{**kept, "page": str(page.number + 1)})
        response.headers["Link"] = f'<{following}>; rel="next"'
    return response


@bp.get(f"/requests/<number>.{FMT}")
def get_request(number: str, fmt: str):
    """One request, if this client filed it."""
    order = db.session.scalar(_mine(_client()).where(Order.number == number))
    if order is None:
        raise Open311Error(404, "service_request_id not found")
    return respond([request_json(order)], "service_requests")


@bp.get(f"/tokens/<token>.{FMT}")
def get_token(token: str, fmt: str):
    """The request id a token stands for."""
    order = db.session.scalar(_mine(_client()).where(
        Order.external["token"].as_string() == token))
    if order is None:
        raise Open311Error(404, "token not found")
    return respond([{"service_request_id": order.number, "token": token}], "service_requests")
