"""The protocol-only baseline for bench/load_bench.py: verify, parse, echo.

The same signature check, body limit, defusedxml gate and wechatpy parse and
render as /wechat, and nothing else: no Flask, no store, no database, no
understanding. Our endpoint's throughput is reported as a share of this one.

    gunicorn -w 2 -b 127.0.0.1:8001 bench.echo_app:app
"""
from __future__ import annotations

import os
from collections.abc import Callable
from urllib.parse import parse_qsl

from bot import protocol

TOKEN = os.environ.get("WECHAT_TOKEN", "minzhengtong")
WINDOW = int(os.environ.get("WECHAT_REPLAY_WINDOW", "300"))
MAX_BODY = 64 * 1024


def serve(answer: Callable[[object], str]):
    """A WSGI app that checks and parses like /wechat and replies with `answer(message)`."""

    def wsgi(environ, start_response):
        args = dict(parse_qsl(environ.get("QUERY_STRING", "")))
        try:
            protocol.verify_query(args, TOKEN, WINDOW)
            message = protocol.parse(protocol.read_body(environ["wsgi.input"], MAX_BODY))
        except protocol.Rejected as exc:
            start_response(f"{exc.status} Rejected", [("Content-Type", "text/plain")])
            return [exc.reason.encode()]
        body = protocol.render(message, [answer(message)]).encode()
        start_response("200 OK", [("Content-Type", "application/xml"),
                                  ("Content-Length", str(len(body)))])
        return [body]

    return wsgi


# Echo a text message's content back as a passive reply.
app = serve(lambda message: getattr(message, "content", "") or "ok")
