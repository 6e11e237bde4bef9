"""A notice takes its resident's channel's route: only WeChat residents reach WeChat's API."""
from __future__ import annotations

from core.extensions import db
from core.residents import Resident
from notifications import contacts, texts
from notifications.models import Notification
from notifications.operations import notify
from notifications.queries import take_outbox
from notifications.tasks import send
from tests.helpers import sim, wx

SAME = "oSameIdOnTwoChannels0000002"


def _sent(row: Notification) -> Notification:
    db.session.commit()
    return db.session.get(Notification, row.id)


def test_a_simulator_residents_notice_never_goes_to_the_wechat_api(app, api):
    # The same id on WeChat has written within 48 hours: WeChat would accept a message to it.
    contacts.seen(wx(SAME))
    contacts.seen(sim(SAME))
    api.interacted(SAME)
    row = _sent(notify(sim(SAME), "您的申请已受理。", source="application:1"))
    assert (row.via, row.status, row.channel) == ("outbox", "sent", "outbox")
    assert api.sent() == [] and api.refused == []
    assert [m["text"] for m in take_outbox(sim(SAME))] == ["您的申请已受理。"]
    # The WeChat resident with that id gets their own notice through WeChat, and no outbox row.
    row = _sent(notify(wx(SAME), "您的订单已派单。", source="order:DD1"))
    assert (row.via, row.status, row.channel) == ("wechat", "sent", "custom")
    assert [s["openid"] for s in api.sent()] == [SAME]
    assert take_outbox(wx(SAME)) == []


def test_a_row_routed_to_wechat_for_another_channel_is_refused_not_sent(app, api):
    # A row an older version queued (every notice then went by NOTIFY_VIA), and a channel with no route.
    contacts.seen(sim(SAME))
    api.interacted(SAME)
    old = Notification(resident=sim(SAME), text="您的申请已受理。", via="wechat")
    db.session.add(old)
    db.session.flush()
    assert send(old.id) == "undeliverable" and old.reason == texts.NO_ROUTE.format(channel="simulator")
    terminal = _sent(notify(Resident("cli", SAME), "您的申请已受理。"))
    assert (terminal.via, terminal.status) == ("", "undeliverable")
    assert terminal.reason == texts.NO_ROUTE.format(channel="cli")
    assert api.sent() == [] and api.refused == []
