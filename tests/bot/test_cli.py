"""`flask chat` and `flask wechat menu`; only the HTTP call to WeChat is replayed."""
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from bot.menu import MENU
from conversations.models import MessageLog
from core.extensions import db
from core.residents import Resident
from tests.helpers import flush_log

API = Path(__file__).resolve().parent.parent / "fixtures" / "wechat_api"


class ReplayWeChatAPI:
    """Answers requests to api.weixin.qq.com from recorded JSON; refuses anything else."""

    def __init__(self, routes: dict[str, str]) -> None:
        self.routes, self.calls = routes, []

    def send(self, adapter, request, **kwargs):
        url = urlsplit(request.url)
        assert url.hostname == "api.weixin.qq.com", f"unexpected call to {request.url}"
        self.calls.append((url.path, parse_qs(url.query), request.body))
        response = requests.Response()
        response.status_code, response.url, response.request = 200, request.url, request
        response.headers["Content-Type"] = "application/json; encoding=utf-8"
        response._content = (API / self.routes[url.path]).read_bytes()
        return response

    def paths(self) -> list[str]:
        return [path for path, _, _ in self.calls]


@pytest.fixture
def wechat_api(monkeypatch, app):
    app.config.update(WECHAT_APPID="wx1234567890abcdef", WECHAT_SECRET="recorded-secret")
    replay = ReplayWeChatAPI({"/cgi-bin/token": "token.json",
                              "/cgi-bin/menu/create": "menu_create.json"})
    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send",
                        lambda adapter, request, **kw: replay.send(adapter, request, **kw))
    return replay


def test_menu_is_pushed_with_a_fetched_token(runner, wechat_api):
    result = runner.invoke(args=["wechat", "menu"])
    assert result.exit_code == 0, result.output
    assert "菜单已推送" in result.output
    (_, token_query, _), (_, menu_query, body) = wechat_api.calls
    assert token_query["appid"] == ["wx1234567890abcdef"]
    assert token_query["secret"] == ["recorded-secret"]
    assert menu_query["access_token"][0].startswith("81_Rv0dJm3X2kq6")
    assert json.loads(body) == MENU


def test_the_token_is_shared_through_the_store(runner, wechat_api):
    runner.invoke(args=["wechat", "menu"])
    result = runner.invoke(args=["wechat", "menu"])
    assert result.exit_code == 0, result.output
    assert wechat_api.paths() == ["/cgi-bin/token", "/cgi-bin/menu/create",
                                  "/cgi-bin/menu/create"]


def test_wechat_api_errors_are_reported_not_raised(runner, wechat_api):
    wechat_api.routes["/cgi-bin/menu/create"] = "menu_create_invalid_button.json"
    result = runner.invoke(args=["wechat", "menu"])
    assert result.exit_code == 1
    assert "40018" in result.output


def test_bad_secret_is_reported(runner, wechat_api):
    wechat_api.routes["/cgi-bin/token"] = "token_invalid_appsecret.json"
    result = runner.invoke(args=["wechat", "menu"])
    assert result.exit_code == 1
    assert "40125" in result.output
    assert wechat_api.paths() == ["/cgi-bin/token"]


def test_menu_needs_a_secret(runner, app, wechat_api):
    app.config["WECHAT_SECRET"] = ""
    result = runner.invoke(args=["wechat", "menu"])
    assert result.exit_code == 1 and "WECHAT_SECRET" in result.output
    assert wechat_api.calls == []


def test_menu_show_prints_json_without_calling_wechat(runner, wechat_api):
    result = runner.invoke(args=["wechat", "menu", "--show"])
    assert json.loads(result.output) == MENU
    assert wechat_api.calls == []


def test_chat_one_shot(runner):
    result = runner.invoke(args=["chat", "--user", "居民A", "-m", "你好"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("民政通：")
    flush_log()
    row = db.session.scalar(db.select(MessageLog))
    assert row.resident == Resident("cli", "居民A")


def test_chat_session_with_commands(runner):
    lines = "你好\n/click GUIDE\n/location 30.27 120.15 幸福社区\n/location 北\n/user 居民B\n你好\n/quit\n"
    result = runner.invoke(args=["chat"], input=lines)
    assert result.exit_code == 0, result.output
    assert "已收到您的位置：幸福社区" in result.output
    assert "用法：/location" in result.output
    assert "已切换到居民：居民B" in result.output
    flush_log()
    residents = db.session.scalars(db.select(MessageLog.resident_id).order_by(MessageLog.id)).all()
    assert residents == ["终端居民", "终端居民", "终端居民", "居民B"]
