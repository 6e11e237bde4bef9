"""Which channel a notice takes, and what staff see when it cannot be delivered."""
from __future__ import annotations

import logging
from datetime import timedelta

from core.audit import utcnow
from core.extensions import db
from notifications import contacts, templates
from notifications.models import Notification
from notifications.operations import notify
from notifications.tasks import retry_failed
from tests.helpers import wx

OPENID = "oResidentWindow0000000000001"
RESIDENT = wx(OPENID)
FIELDS = "first={title}\nkeyword1={number}\nkeyword2={status}\nremark={remark}"


def _send(kind="order_completed", **fields) -> Notification:
    row = notify(RESIDENT, "您的订单 DD20261201-0001 服务已完成。", source="order:DD20261201-0001",
                 kind=kind, fields={"number": "DD20261201-0001", "status": "待评单", **fields})
    db.session.commit()
    return db.session.get(Notification, row.id)


def test_inside_the_window_a_customer_service_message(app, api):
    contacts.seen(RESIDENT)
    api.interacted(OPENID)
    row = _send()
    assert (row.status, row.channel) == ("sent", "custom")
    (sent,) = api.sent(OPENID)
    assert sent["channel"] == "custom" and "服务已完成" in sent["body"]["text"]["content"]


def test_outside_the_window_the_configured_template(app, api):
    contacts.seen(RESIDENT, utcnow() - timedelta(hours=49))
    templates.save("order_completed", "TPL_order_completed_01", FIELDS)
    row = _send()
    assert (row.status, row.channel) == ("sent", "template")
    (sent,) = api.sent(OPENID)
    assert sent["channel"] == "template" and api.refused == []  # no doomed custom send first
    body = sent["body"]
    assert body["template_id"] == "TPL_order_completed_01"
    assert body["data"]["keyword1"] == {"value": "DD20261201-0001"}
    assert body["data"]["first"]["value"] == "您的订单服务已完成"


def test_errcode_45015_falls_back_to_the_template(app, api):
    """We think the window is open (a stale clock, another channel); WeChat says it is not."""
    contacts.seen(RESIDENT)
    templates.save("order_completed", "TPL_order_completed_01", FIELDS)
    row = _send()  # the fake never saw this person interact: 45015
    assert [r["errcode"] for r in api.refused] == [45015]
    assert (row.status, row.channel) == ("sent", "template")


def test_no_template_is_undeliverable_with_the_reason(app, api):
    contacts.seen(RESIDENT, utcnow() - timedelta(days=5))
    row = _send()
    assert row.status == "undeliverable" and "订单服务完成" in row.reason and "模板" in row.reason
    assert retry_failed() == {"sent": 0, "failed": 0}  # not retried into the void


def test_errcode_43004_marks_unsubscribed_and_stops(app, api):
    contacts.seen(RESIDENT)
    api.interacted(OPENID)
    api.unfollowed.add(OPENID)
    first = _send()
    assert first.status == "undeliverable" and "取消关注" in first.reason
    assert contacts.is_unsubscribed(RESIDENT)
    second = _send(kind="rating_reminder")
    assert second.status == "undeliverable" and len(api.refused) == 1  # nothing more sent


def test_retries_exhausted_become_undeliverable(app, api):
    app.config["NOTIFY_MAX_ATTEMPTS"] = 2
    app.extensions["mzt.notify.wechat"] = _down
    contacts.seen(RESIDENT)
    row = _send()
    assert row.status == "failed"
    retry_failed()
    db.session.commit()
    assert row.status == "undeliverable" and "2 次" in row.reason and row.attempts == 2


def test_send_logs_never_carry_the_openid(app, api, caplog):
    app.extensions["mzt.notify.wechat"] = _down
    contacts.seen(RESIDENT)
    with caplog.at_level(logging.INFO):
        _send()
    assert caplog.records and OPENID[:6] not in caplog.text


def _down(openid, text):
    raise ConnectionError("api down")
