"""Notices on a loopback WeChat API that applies the 48-hour window and unfollows."""
from __future__ import annotations

import json

import pytest

from core.store import get_store
from tests.notices.fake_wechat import NoticeWeChatAPI
from tests.notices.simtime import sim  # noqa: F401  (the simulated-time fixture)


@pytest.fixture
def api(app):
    """The fake API, with the app sending notices through WeChat (jobs run inline)."""
    with NoticeWeChatAPI() as fake:
        app.config.update(NOTIFY_VIA="wechat", JOBS_INLINE=True, WECHAT_API_BASE=fake.base,
                          WECHAT_SECRET="test-secret")
        # wechatpy fetches tokens from the real host only: hand it one, as another worker would.
        get_store().set(f"wechatpy:{app.config['WECHAT_APPID']}_access_token",
                        json.dumps("notice-token"), 3600)
        yield fake
