"""wechatpy's API client, sharing its access token through the app's store."""
from __future__ import annotations

import json

from flask import current_app
from wechatpy import WeChatClient
from wechatpy.session import SessionStorage

from core.redact import scrubbed_errors
from core.store import get_store

EARLY = 300  # seconds


class StoreStorage(SessionStorage):
    """wechatpy session storage on core.store: Redis with REDIS_URL, else in-process.

    WeChat allows few access_token fetches a day and each fetch invalidates
    the previous token, so every worker must share one.
    """

    def __init__(self, store, prefix: str = "wechatpy:") -> None:
        self.store = store
        self.prefix = prefix

    def get(self, key, default=None):
        raw = self.store.get(self.prefix + key)
        return default if raw is None else json.loads(raw)

    def set(self, key, value, ttl=None) -> None:
        if value is None:
            return
        if ttl and ttl > 2 * EARLY:
            # A new worker trusts a stored token blindly; drop it before WeChat does.
            ttl -= EARLY
        self.store.set(self.prefix + key, json.dumps(value), ttl or None)

    def delete(self, key) -> None:
        self.store.delete(self.prefix + key)


class ScrubbedClient(WeChatClient):
    """wechatpy's client, whose errors never quote the AppSecret or access token."""

    def _request(self, *args, **kwargs):
        with scrubbed_errors():
            return super()._request(*args, **kwargs)

    def _fetch_access_token(self, url, params):
        with scrubbed_errors():
            return super()._fetch_access_token(url, params)

    def fetch_access_token(self):
        """The token from API_BASE_URL, which wechatpy ignores here (tests set a fake one)."""
        return self._fetch_access_token(
            url=self.API_BASE_URL + "token",
            params={"grant_type": "client_credential", "appid": self.appid,
                    "secret": self.secret})


def wechat_client() -> WeChatClient:
    """A client for the configured official account."""
    config = current_app.config
    client = ScrubbedClient(config["WECHAT_APPID"], config["WECHAT_SECRET"],
                          session=StoreStorage(get_store()), timeout=10)
    if config.get("WECHAT_API_BASE"):
        client.API_BASE_URL = config["WECHAT_API_BASE"]
    return client


def send_text(openid: str, text: str) -> None:
    """A customer-service text message; raises on any API error so the caller retries."""
    wechat_client().message.send_text(openid, text)


def send_template(openid: str, template_id: str, data: dict, url: str | None = None) -> None:
    """A template message (模板消息): no 48-hour window; raises on any API error."""
    wechat_client().message.send_template(openid, template_id, data, url=url)


def bind_qr_url(request: dict) -> str:
    """A temporary QR code (qrcode/create body): WeChat's image address for its ticket."""
    client = wechat_client()
    return client.qrcode.get_url(client.qrcode.create(request))
