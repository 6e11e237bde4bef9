"""The web simulator and the chat API: the same engine, without WeChat.

Both are on only when SIMULATOR_ENABLED is set (the embedded default);
production config turns them off, and then they answer 404.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, render_template, request

from bot import channels, engine
from bot.menu import MENU
from bot.messages import Incoming
from bot.protocol import MAX_USER
from core.residents import Resident
from notifications.queries import take_outbox

bp = Blueprint("simulator", __name__, template_folder="templates", static_folder="static",
               static_url_path="/simulator/static")
RESIDENTS = ("居民A", "居民B", "居民C")
EVENTS = ("subscribe", "unsubscribe", "scan", "click", "view")
MAX_TEXT = 2000


class BadChat(ValueError):
    """A chat request we cannot turn into a message; the text says why, in Chinese."""


@bp.before_request
def only_when_enabled() -> None:
    """Hide the simulator and the API entirely unless configured."""
    if not current_app.config.get("SIMULATOR_ENABLED"):
        abort(404)


@bp.get("/simulator")
def page() -> str:
    """The WeChat-like chat page."""
    return render_template("simulator.html", menu=MENU["button"], residents=RESIDENTS)


@bp.post("/api/chat")
def chat():
    """`{"user", "text"}` (or an event or location) in, `{"replies": [...]}` out."""
    # Only JSON bodies: a cross-site form cannot send one without a CORS preflight,
    # which is why this endpoint can do without a CSRF token.
    if not request.is_json:
        return jsonify(error="请以 JSON 格式发送，例如 {\"user\": \"居民A\", \"text\": \"你好\"}"), 415
    try:
        incoming = incoming_from_json(request.get_json(silent=True))
    except BadChat as exc:
        return jsonify(error=str(exc)), 400
    channel = channels.get(incoming.channel)
    return jsonify(replies=[channel.fit(text) for text in engine.reply(incoming)])


@bp.get("/api/chat/outbox")
def outbox():
    """Messages the bot sent a resident later (status changes, staff replies), once each."""
    user = (request.args.get("user") or "").strip()
    if not user or len(user) > MAX_USER:
        return jsonify([])
    return jsonify(take_outbox(Resident("simulator", user)))


def incoming_from_json(data) -> Incoming:
    """Build the engine's Incoming from a chat API body, or raise BadChat."""
    if not isinstance(data, dict):
        raise BadChat("请求体应是 JSON 对象")
    user = data.get("user")
    if not isinstance(user, str) or not user.strip() or len(user.strip()) > MAX_USER:
        raise BadChat(f"请提供居民编号 user（1 到 {MAX_USER} 个字符）")
    user = user.strip()
    if "event" in data:
        return _event(user, data)
    if "location" in data:
        return _location(user, data["location"])
    if "image" in data:
        # {"user", "image": "MEDIA_ID"}: a photo as WeChat would post it (the id is fetched later).
        media = data["image"]
        if not isinstance(media, str) or not 0 < len(media) <= 128:
            raise BadChat("图片应为 {\"image\": \"media_id\"}")
        return Incoming(user=user, kind="image", media_id=media, channel="simulator")
    text = data.get("text")
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise BadChat(f"请提供消息内容 text（不超过 {MAX_TEXT} 字）")
    return Incoming(user=user, kind="text", text=text, channel="simulator")


def _event(user: str, data: dict) -> Incoming:
    event, key = data.get("event"), data.get("key", "")
    if event not in EVENTS or not isinstance(key, str) or len(key) > 128:
        raise BadChat("事件应为 " + "、".join(EVENTS) + " 之一，key 为字符串")
    return Incoming(user=user, kind="event", event=event, key=key, channel="simulator")


def _location(user: str, value) -> Incoming:
    try:
        lat, lng = float(value["lat"]), float(value["lng"])
    except (TypeError, KeyError, ValueError):
        raise BadChat("位置应为 {\"lat\": 纬度, \"lng\": 经度, \"label\": 地点}") from None
    label = value.get("label") if isinstance(value.get("label"), str) else ""
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise BadChat("纬度或经度超出范围")
    return Incoming(user=user, kind="location", latitude=lat, longitude=lng,
                    label=label[:100], channel="simulator")
