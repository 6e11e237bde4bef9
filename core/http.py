"""App-wide request checks and response headers, for every blueprint."""
from __future__ import annotations

from collections.abc import Callable

from flask import Flask, jsonify, request
from flask.sessions import SecureCookieSessionInterface
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


class LeanSessionInterface(SecureCookieSessionInterface):
    """No cookie session on lean blueprints: their callers (WeChat) never send one."""

    def open_session(self, app, request):
        # Flask opens the session before it matches the URL: decide by path.
        if request.path in app.extensions.get("mzt.lean_paths", ()):
            return self.make_null_session(app)
        return super().open_session(app, request)


def lean_blueprint(app: Flask, name: str, paths: tuple[str, ...],
                   trusted: Callable[[], bool] | None = None) -> None:
    """Spare blueprint `name` (at `paths`) the browser machinery: cookie session, CSRF, remember-me.

    For machine callers that authenticate each request by signature; every
    message pays those hooks otherwise. The NUL check still runs, and the
    limiter's per-IP count, except for a request `trusted()` vouches for (a
    valid signature): those the limiter would let through uncounted anyway.
    """
    app.extensions.setdefault("mzt.lean", set()).add(name)
    app.extensions.setdefault("mzt.lean_paths", set()).update(paths)
    if trusted is not None:
        app.extensions.setdefault("mzt.lean_trusted", {})[name] = trusted


def scope_browser_hooks(app: Flask) -> None:
    """Wrap the app-wide hooks that serve browsers so lean blueprints skip them."""
    for funcs in (app.before_request_funcs.get(None, []), app.after_request_funcs.get(None, [])):
        for index, func in enumerate(funcs):
            # Flask-Limiter registers its after_request hook as a functools.partial.
            name = getattr(func, "__qualname__", "") or \
                getattr(getattr(func, "func", None), "__qualname__", "")
            if name in BROWSER_HOOKS:
                funcs[index] = _unless_lean(app, func)
            elif name in COUNTING_HOOKS:
                funcs[index] = _unless_trusted(app, func, name)


# Flask-WTF's CSRF check and Flask-Login's remember-me cookie update.
BROWSER_HOOKS = {"CSRFProtect.init_app.<locals>.csrf_protect",
                 "LoginManager._update_remember_cookie"}
# Flask-Limiter's per-IP count (its request filters run only after its own set-up)
# and its response hook, which has nothing to do for a request it did not count.
COUNTING_HOOKS = {"Limiter._check_request_limit", "Limiter.__inject_headers"}


def _unless_lean(app: Flask, func):
    lean = app.extensions.setdefault("mzt.lean", set())

    def hook(*args):
        if request.blueprint in lean:
            return args[0] if args else None  # an after_request hook hands the response on
        return func(*args)

    hook.__qualname__ = "lean:" + getattr(func, "__qualname__", "hook")
    return hook


def _unless_trusted(app: Flask, func, name: str):
    trusted = app.extensions.setdefault("mzt.lean_trusted", {})

    def hook(*args):
        vouch = trusted.get(request.blueprint)
        if vouch is not None and vouch():
            return args[0] if args else None  # an after_request hook hands the response on
        return func(*args)

    hook.__qualname__ = "lean:" + name
    return hook


def harden(headers, app: Flask) -> None:
    """What strict_transport adds, for a response made outside Flask's hooks (bot.wechat)."""
    if strict_transport not in app.after_request_funcs.get(None, ()):
        return
    if isinstance(headers, list):
        if not any(name.lower() == "strict-transport-security" for name, _ in headers):
            headers.append(("Strict-Transport-Security", HSTS))
    else:
        headers.setdefault("Strict-Transport-Security", HSTS)


def init_app(app: Flask) -> None:
    app.session_interface = LeanSessionInterface()
    app.before_request(refuse_nul)
    if app.config.get("APP_ENV") == "production":
        app.after_request(strict_transport)
