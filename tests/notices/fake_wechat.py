"""api.weixin.qq.com on loopback, with WeChat's delivery rules for notices.

It keeps its own record of when each person last interacted (the test tells
it, as WeChat would see it) and reads the simulated clock, so a
customer-service message to someone silent for 48 hours gets 45015 whatever
our app believes; anyone in `unfollowed` gets 43004 for everything.
"""
from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timedelta, UTC
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

from core import fakeclock

WINDOW = timedelta(hours=48)


def sim_now() -> datetime:
    """The simulated time, as the app's processes see it (same offset file)."""
    return datetime.now(UTC).replace(tzinfo=None) + fakeclock.offset()


class NoticeWeChatAPI:
    """Records each send as (channel, openid, body); answers like WeChat."""

    def __init__(self) -> None:
        self.sends: list[dict] = []
        self.refused: list[dict] = []
        self.last_seen: dict[str, datetime] = {}
        self.unfollowed: set[str] = set()
        self.lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                if urlparse(self.path).path.endswith("/token"):
                    return self._json({"access_token": "notice-token", "expires_in": 7200})
                return self._json({"errcode": 40001, "errmsg": "unknown"})

            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                path = urlparse(self.path).path
                self._json(api.answer(path, body))

            def _json(self, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/cgi-bin/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def interacted(self, openid: str, at: datetime | None = None) -> None:
        with self.lock:
            self.last_seen[openid] = at or sim_now()

    def answer(self, path: str, body: dict) -> dict:
        openid = body.get("touser", "")
        with self.lock:
            if path.endswith("/qrcode/create"):
                return {"ticket": "gQ-" + body["action_info"]["scene"]["scene_str"],
                        "expire_seconds": body.get("expire_seconds"), "url": "http://weixin.qq.com/q/x"}
            channel = "custom" if path.endswith("/message/custom/send") else (
                "template" if path.endswith("/message/template/send") else "other")
            record = {"channel": channel, "openid": openid, "body": body, "at": sim_now()}
            if openid in self.unfollowed:
                self.refused.append({**record, "errcode": 43004})
                return {"errcode": 43004, "errmsg": "require subscribe"}
            seen = self.last_seen.get(openid)
            if channel == "custom" and (seen is None or sim_now() - seen > WINDOW):
                self.refused.append({**record, "errcode": 45015})
                return {"errcode": 45015, "errmsg": "response out of time limit"}
            self.sends.append(record)
            return {"errcode": 0, "errmsg": "ok", "msgid": len(self.sends)}

    def sent(self, openid: str | None = None, channel: str | None = None) -> list[dict]:
        with self.lock:
            return [s for s in self.sends if (openid is None or s["openid"] == openid)
                    and (channel is None or s["channel"] == channel)]

    def wait_for(self, check, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return True
            time.sleep(0.1)
        return bool(check())

    def __enter__(self) -> NoticeWeChatAPI:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
