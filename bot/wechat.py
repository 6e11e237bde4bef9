"""The WeChat endpoint: verify, parse, answer through the engine, render."""
from __future__ import annotations

import logging

from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import HTTPException

from bot import dedupe, deadline, nonces, protocol
from bot.protocol import Rejected

log = logging.getLogger(__name__)
bp = Blueprint("wechat", __name__)
VERIFIED = "mzt.wechat.verified"


@bp.get("/wechat")
def verify() -> Response:
    """WeChat's URL check: echo `echostr` when the signature is ours."""
    _verify_query()
    nonces.claim(request.args, nonces.VERIFY)
    return Response(request.args.get("echostr", ""), mimetype="text/plain")


@bp.post("/wechat")
def receive() -> Response:
    """Answer one message or event, in plaintext, compatible or safe mode."""
    config = current_app.config
    _verify_query()
    encrypted = request.args.get("encrypt_type", "raw").lower() == "aes"
    if config["WECHAT_AES_KEY"] and not encrypted:
        # Only the AES envelope's msg_signature covers the body: with a key
        # set (compatible or safe mode) a plaintext delivery is not WeChat's.
        raise Rejected(403, "plaintext delivery refused: WECHAT_AES_KEY is set")
    body = protocol.read_body(request.stream, config["WECHAT_MAX_BODY"])
    crypto = None
    if encrypted:
        crypto = protocol.make_crypto(config["WECHAT_TOKEN"], config["WECHAT_AES_KEY"],
                                      config["WECHAT_APPID"])
        body = protocol.decrypt(body, request.args, crypto)
    message = protocol.parse(body)
    incoming = protocol.to_incoming(message)
    incoming.dedupe = protocol.dedupe_key(message)
    nonce = nonces.for_turn(request.args, nonces.delivery_id(incoming.dedupe))
    replies = dedupe.deliver(incoming.dedupe, incoming,
                             lambda opened: deadline.reply_within_budget(incoming, opened), nonce)
    rendered = protocol.render(message, replies, crypto, request.args.get("nonce", ""))
    mimetype = "text/plain" if rendered == protocol.EMPTY_REPLY else "application/xml"
    return Response(rendered, mimetype=mimetype)


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
