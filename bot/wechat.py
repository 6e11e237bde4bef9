"""The WeChat endpoint: verify, parse, answer through the engine, render."""
from __future__ import annotations

import logging
from urllib.parse import parse_qsl

from flask import Blueprint, Flask, Response, current_app, request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.wsgi import get_input_stream

from bot import dedupe, deadline, nonces, protocol
from bot.protocol import Rejected
from core import http, unit

log = logging.getLogger(__name__)
bp = Blueprint("wechat", __name__)
VERIFIED = "mzt.wechat.verified"
PATH = "/wechat"


@bp.get("/wechat")
def verify() -> Response:
    """WeChat's URL check: echo `echostr` when the signature is ours."""
    _verify_query()
    nonces.claim(request.args, nonces.VERIFY)
    return Response(request.args.get("echostr", ""), mimetype="text/plain")


@bp.post("/wechat")
def receive() -> Response:
    """Answer one message or event, in plaintext, compatible or safe mode."""
    _verify_query()
    rendered = answer(request.args, request.stream, current_app.config)
    return Response(rendered, mimetype=mimetype_of(rendered))


def answer(args, stream, config) -> str:
    """The reply body for a delivery whose signed query has been verified (raises Rejected)."""
    encrypted = args.get("encrypt_type", "raw").lower() == "aes"
    if config["WECHAT_AES_KEY"] and not encrypted:
        # Only the AES envelope's msg_signature covers the body: with a key
        # set (compatible or safe mode) a plaintext delivery is not WeChat's.
        raise Rejected(403, "plaintext delivery refused: WECHAT_AES_KEY is set")
    body = protocol.read_body(stream, config["WECHAT_MAX_BODY"])
    crypto = None
    if encrypted:
        crypto = protocol.make_crypto(config["WECHAT_TOKEN"], config["WECHAT_AES_KEY"],
                                      config["WECHAT_APPID"])
        body = protocol.decrypt(body, args, crypto)
    message = protocol.parse(body)
    incoming = protocol.to_incoming(message)
    incoming.dedupe = protocol.dedupe_key(message)
    nonce = nonces.for_turn(args, nonces.delivery_id(incoming.dedupe))
    replies = dedupe.deliver(incoming.dedupe, incoming,
                             lambda opened: deadline.reply_within_budget(incoming, opened), nonce)
    return protocol.render(message, replies, crypto, args.get("nonce", ""))


def mimetype_of(rendered: str) -> str:
    return "text/plain" if rendered == protocol.EMPTY_REPLY else "application/xml"


def signed() -> bool:
    """Whether this is a WeChat request with a valid, fresh signature."""
    if request.blueprint != bp.name:
        return False
    try:
        _verify_query()
    except Rejected:
        return False
    return True


def _verify_query() -> None:
    # The limiter's filter (signed) has checked this request already: once is enough.
    if request.environ.get(VERIFIED):
        return
    config = current_app.config
    protocol.verify_query(request.args, config["WECHAT_TOKEN"], config["WECHAT_REPLAY_WINDOW"])
    request.environ[VERIFIED] = True


@bp.errorhandler(Rejected)
def rejected(exc: Rejected) -> Response:
    """Refusals are plain short texts with their 4xx status."""
    log.info("wechat request rejected: %s %s", exc.status, exc.reason)
    return Response(exc.reason, status=exc.status, mimetype="text/plain")


@bp.errorhandler(Exception)
def failed(exc: Exception):
    """Last resort: log it; WeChat gets `success` so it neither retries nor shows an error."""
    if isinstance(exc, HTTPException):
        return exc
    log.exception("wechat request failed")
    return Response(protocol.EMPTY_REPLY, mimetype="text/plain")


# The app-wide hooks a signed delivery meets through Flask, and what the direct
# path below does with each: the lean blueprint's skipped browser and per-IP
# hooks are skipped, the NUL check is made before the path is taken, the unit
# of work's end and HSTS are applied. Any other hook turns the direct path off.
SKIPPED_HOOKS = {"lean:CSRFProtect.init_app.<locals>.csrf_protect",
                 "lean:LoginManager._update_remember_cookie",
                 "lean:Limiter._check_request_limit", "lean:Limiter.__inject_headers",
                 # Releases what the per-IP check set up, which a signed delivery skips.
                 "Limiter.__release_context"}
APPLIED_HOOKS = {"refuse_nul", "finish_request", "strict_transport"}
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class SignedDeliveries:
    """WSGI: a signed POST /wechat answered in an app context, without Flask's request machinery.

    The signature and timestamp are checked first, before anything else is
    done; a request that fails them (or holds a NUL in its query, or a form
    body) goes on to Flask as before, where the per-IP limit counts it and the
    view refuses it. What a signed delivery then gets is what Flask would give
    it (tested): the same answer, status, content type, refusals, last-resort
    `success`, the unit of work's commit or rollback, HSTS in production.
    """

    def __init__(self, app: Flask, wsgi_app) -> None:
        self.app, self.wsgi_app = app, wsgi_app
        self._hooks: tuple = ()
        self._direct = False

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != PATH or environ.get("REQUEST_METHOD") != "POST" \
                or not self._takes_direct():
            return self.wsgi_app(environ, start_response)
        # As werkzeug reads request.args (sansio.request.Request.args).
        pairs = parse_qsl(environ.get("QUERY_STRING", "").encode("latin-1").decode(),
                          keep_blank_values=True, errors="werkzeug.url_quote")
        if any("\x00" in key or "\x00" in value for key, value in pairs) or \
                environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower() in FORM_TYPES:
            return self.wsgi_app(environ, start_response)  # core.http.refuse_nul answers it
        args, config = ImmutableMultiDict(pairs), self.app.config
        try:
            protocol.verify_query(args, config["WECHAT_TOKEN"], config["WECHAT_REPLAY_WINDOW"])
        except Rejected:
            return self.wsgi_app(environ, start_response)  # counted per IP, then refused
        with self.app.app_context():
            return self._answer(environ, start_response, args, config)

    def _answer(self, environ, start_response, args, config):
        try:
            stream = get_input_stream(environ, max_content_length=config["MAX_CONTENT_LENGTH"])
            rendered = answer(args, stream, config)
            status, mimetype = 200, mimetype_of(rendered)
        except Rejected as exc:
            log.info("wechat request rejected: %s %s", exc.status, exc.reason)
            status, mimetype, rendered = exc.status, "text/plain", exc.reason
        except HTTPException as exc:
            response = exc.get_response(environ)
            response = self._end(response.status_code, environ) or response
            http.harden(response.headers, self.app)
            return response(environ, start_response)
        except Exception:
            log.exception("wechat request failed")
            status, mimetype, rendered = 200, "text/plain", protocol.EMPTY_REPLY
        failed = self._end(status, environ)
        if failed is not None:
            http.harden(failed.headers, self.app)
            return failed(environ, start_response)
        body = rendered.encode()
        headers = [("Content-Type", mimetype + "; charset=utf-8"),
                   ("Content-Length", str(len(body)))]
        http.harden(headers, self.app)
        start_response(f"{status} {HTTP_STATUS_CODES.get(status, 'UNKNOWN').upper()}", headers)
        return [body]

    def _end(self, status: int, environ):
        """End the unit of work as core.unit.finish_request does; a failure is Flask's 500."""
        try:
            unit.finish(status)
        except Exception:
            propagate = self.app.config["PROPAGATE_EXCEPTIONS"]
            if propagate or (propagate is None and (self.app.testing or self.app.debug)):
                raise
            log.exception("wechat request failed at its commit")
            return InternalServerError().get_response(environ)
        return None

    def _takes_direct(self) -> bool:
        """Whether the app's hooks and view are still those the direct path stands in for."""
        app = self.app
        if app.view_functions.get("wechat.receive") is not receive:
            return False  # a test stood a view of its own in
        hooks = (*app.before_request_funcs.get(None, ()), *app.after_request_funcs.get(None, ()),
                 *app.teardown_request_funcs.get(None, ()), *app.url_value_preprocessors.get(None, ()),
                 *app.before_request_funcs.get(bp.name, ()), *app.after_request_funcs.get(bp.name, ()),
                 *app.teardown_request_funcs.get(bp.name, ()))
        if hooks != self._hooks:
            self._hooks, self._direct = hooks, all(_hook_name(hook) in SKIPPED_HOOKS | APPLIED_HOOKS
                                                   for hook in hooks)
            if not self._direct:
                log.warning("a request hook the direct WeChat path does not know: via Flask")
        return self._direct


def _hook_name(hook) -> str:
    # Flask-Limiter registers its after_request hook as a functools.partial.
    return getattr(hook, "__qualname__", "") or getattr(getattr(hook, "func", None), "__qualname__", "")


def init_app(app: Flask) -> None:
    """Answer signed deliveries before Flask's request machinery (SignedDeliveries)."""
    app.wsgi_app = SignedDeliveries(app, app.wsgi_app)  # type: ignore[method-assign]
