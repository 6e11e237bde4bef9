"""App-wide request checks and response headers, for every blueprint."""
from __future__ import annotations

from flask import Flask, jsonify, request
from werkzeug.exceptions import BadRequest

from core import texts

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# One year; browsers then refuse plain HTTP to this host, so a network
# attacker cannot strip TLS from a staff member's first visit of the day.
HSTS = "max-age=31536000"


class NulInRequest(BadRequest):
    """A NUL byte in the query or form; blueprints may render it as their own 400 page."""

    description = texts.NUL_IN_REQUEST


def _has_nul(values) -> bool:
    return any("\x00" in key or "\x00" in value for key, value in values.items(multi=True))


def refuse_nul():
    """400 for a NUL byte in the query or form: PostgreSQL cannot store or compare it."""
    suspect = _has_nul(request.args)
    if not suspect and request.mimetype in FORM_TYPES:
        suspect = _has_nul(request.form)
    if not suspect:
        return None
    if request.path.endswith(".json"):  # API callers (Open311) get its error format
        return jsonify([{"code": 400, "description": texts.NUL_IN_REQUEST}]), 400
    # A blueprint's own 400 page (the admin's) renders this; others get Werkzeug's.
    raise NulInRequest()


def strict_transport(response):
    """HSTS on every production response (nginx may add the same; browsers take either)."""
    response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app: Flask) -> None:
    app.before_request(refuse_nul)
    if app.config.get("APP_ENV") == "production":
        app.after_request(strict_transport)
