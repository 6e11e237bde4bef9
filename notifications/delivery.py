"""How one notice reaches WeChat: customer-service message in the window, else template.

WeChat delivers a customer-service message only within 48 hours of the
person's last interaction (45015 otherwise) and nothing once they have
unfollowed (43004). A template message has no window, but needs a template
staff configured for the notice's kind.
"""
from __future__ import annotations

from flask import current_app

from core.residents import WECHAT
from notifications import contacts, templates, texts
from notifications.kinds import label
from notifications.models import Notification

OUT_OF_WINDOW = 45015
UNFOLLOWED = 43004


class Undeliverable(Exception):
    """Retrying cannot help; the message (Chinese) tells staff why."""


def errcode(exc: Exception) -> int | None:
    """WeChat's error code on an API exception (wechatpy's WeChatClientException)."""
    code = getattr(exc, "errcode", None)
    try:
        return int(code) if code is not None else None
    except (TypeError, ValueError):
        return None


def deliver(row: Notification) -> None:
    """Send one row, setting its channel; raise Undeliverable or a transport error."""
    if not row.resident:
        raise Undeliverable(texts.NO_RECIPIENT)
    if contacts.is_unsubscribed(row.resident):
        raise Undeliverable(texts.UNSUBSCRIBED)
    if row.via == "outbox":  # the simulator shows it: stored is delivered
        row.channel = "outbox"
        return
    if row.via != "wechat" or row.resident.channel != WECHAT:
        # Only a WeChat resident's id is an openid: nobody else's notice goes to WeChat's API.
        raise Undeliverable(texts.NO_ROUTE.format(channel=row.resident.channel))
    if contacts.in_window(row.resident):
        try:
            _sender("mzt.notify.wechat")(row.resident.id, row.text)
            row.channel = "custom"
            return
        except Exception as exc:
            _unfollowed(row, exc)
            if errcode(exc) != OUT_OF_WINDOW:
                raise
    _template(row)


def _template(row: Notification) -> None:
    config = templates.config_for(row.kind) or templates.config_for("general")
    if config is None:
        raise Undeliverable(texts.NO_TEMPLATE.format(kind=label(row.kind)))
    values = {"text": row.text, **(row.fields or {})}
    try:
        _sender("mzt.notify.template")(row.resident.id, config["template_id"],
                                      templates.render(config, values), config.get("url") or None)
    except Exception as exc:
        _unfollowed(row, exc)
        raise
    row.channel = "template"


def _unfollowed(row: Notification, exc: Exception) -> None:
    if errcode(exc) == UNFOLLOWED:
        contacts.unsubscribed(row.resident)
        raise Undeliverable(texts.UNSUBSCRIBED) from exc


def _sender(name: str):
    sender = current_app.extensions.get(name)
    if sender is None:
        raise Undeliverable(texts.NO_SENDER)
    return sender
