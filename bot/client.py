"""wechatpy's API client, sharing its access token through the app's store."""
from __future__ import annotations

import json

from flask import current_app
from wechatpy import WeChatClient
from wechatpy.session import SessionStorage

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


def wechat_client() -> WeChatClient:
    """A client for the configured official account."""
    config = current_app.config
    return WeChatClient(config["WECHAT_APPID"], config["WECHAT_SECRET"],
                        session=StoreStorage(get_store()), timeout=10)


def send_text(openid: str, text: str) -> None:
    """A customer-service text message; raises on any API error so the caller retries."""
    wechat_client().message.send_text(openid, text)
