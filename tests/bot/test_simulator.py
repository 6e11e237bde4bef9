"""The web simulator and the chat API run the same engine, only when enabled."""
import re

import pytest

from bot import texts
from bot.menu import MENU
from conversations.models import MessageLog
from core.extensions import db
from tests.helpers import flush_log, sim


def chat(client, **body):
    return client.post("/api/chat", json=body)


def test_text_in_replies_out(client):
    response = chat(client, user="居民A", text="你好")
    assert response.status_code == 200
    replies = response.get_json()["replies"]
    assert isinstance(replies, list) and replies and all(isinstance(r, str) for r in replies)


def test_menu_click_goes_through_the_engine(client):
    replies = chat(client, user="居民A", event="click", key="GUIDE").get_json()["replies"]
    assert replies


def test_location_is_kept_in_the_session(client, app):
    from bot import session

    replies = chat(client, user="居民B", location={"lat": 30.27, "lng": 120.15,
                                                   "label": "幸福社区"}).get_json()["replies"]
    assert replies == [texts.LOCATION_SAVED.format(label="幸福社区")]
    assert session.load(sim("居民B"))["location"]["label"] == "幸福社区"


def test_subscribe_event_welcomes(client):
    assert chat(client, user="居民C", event="subscribe").get_json()["replies"] == [texts.WELCOME]


def test_messages_are_logged_on_the_simulator_channel(client):
    chat(client, user="居民A", text="你好")
    flush_log()
    row = db.session.scalar(db.select(MessageLog))
    assert row.resident == sim("居民A")


@pytest.mark.parametrize("body", [
    {"text": "你好"}, {"user": "", "text": "你好"}, {"user": "x" * 65, "text": "你好"},
    {"user": "居民A"}, {"user": "居民A", "text": 5}, {"user": "居民A", "text": "长" * 2001},
    {"user": "居民A", "event": "explode"}, {"user": "居民A", "event": "click", "key": 7},
    {"user": "居民A", "location": {"lat": "north"}}, {"user": "居民A", "location": "home"},
    {"user": "居民A", "location": {"lat": 91, "lng": 0}}, ["not", "an", "object"],
])
def test_bad_requests_get_a_chinese_error(client, body):
    response = client.post("/api/chat", json=body)
    assert response.status_code == 400
    assert re.search(r"[\u4e00-\u9fff]", response.get_json()["error"])


def test_non_json_is_refused(client):
    response = client.post("/api/chat", data={"user": "居民A", "text": "你好"})
    assert response.status_code == 415


def test_chat_api_needs_no_csrf_token_but_still_works_with_csrf_on(client, wechat, app):
    app.config["WTF_CSRF_ENABLED"] = True
    assert chat(client, user="居民A", text="你好").status_code == 200
    assert wechat.post("text.xml").status == 200


def test_outbox_is_empty_for_now(client):
    response = client.get("/api/chat/outbox", query_string={"user": "居民A"})
    assert response.status_code == 200 and response.get_json() == []


def test_page_mirrors_the_menu_and_has_a_location_button(client):
    page = client.get("/simulator").get_data(as_text=True)
    for top in MENU["button"]:
        assert top["name"] in page
        for item in top["sub_button"]:
            assert f'data-key="{item["key"]}"' in page
    assert "发送位置" in page and "居民A" in page


def test_page_and_assets_work_offline(client):
    page = client.get("/simulator").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(a.startswith("/") for a in assets)
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200
        assert not re.search(r"https?://", response.get_data(as_text=True))
        response.close()


@pytest.mark.parametrize("method,path", [("get", "/simulator"), ("post", "/api/chat"),
                                         ("get", "/api/chat/outbox"),
                                         ("get", "/simulator/static/simulator.js")])
def test_everything_is_off_when_disabled(client, app, method, path):
    app.config["SIMULATOR_ENABLED"] = False
    response = getattr(client, method)(path, json={"user": "居民A", "text": "你好"})
    assert response.status_code == 404


def test_production_config_disables_the_simulator(monkeypatch):
    monkeypatch.delenv("SIMULATOR_ENABLED", raising=False)
    import importlib

    from core import config

    fresh = importlib.reload(config)
    try:
        assert fresh.Config.SIMULATOR_ENABLED is True
        assert fresh.ProductionConfig.SIMULATOR_ENABLED is False
    finally:
        importlib.reload(config)
