"""Organisations bind WeChat by scanning, hear of new orders; staff see declines and why a notice failed."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from core.audit import utcnow
from core.extensions import db
from notifications import binding, contacts
from notifications.models import Notification, StaffNotice
from tests.admin.admin_helpers import text
from tests.admin.conftest import AuthActions
from tests.admin.order_helpers import (ACCEPT_ORG1, APPROVE, DISPATCH_ORG1, gen_order, move,
                                       user)
from tests.helpers import Chat, sim, wx

ORG_WECHAT = "oOrgUserWeChat00000000000001"


@pytest.fixture
def auth(app, client, seeded):
    # Notices are sent by the worker in production; here they run in the request.
    app.config["JOBS_INLINE"] = True
    return AuthActions(client)


def _event(client, who: str, event: str, key: str = "") -> str:
    response = client.post("/api/chat", json={"user": who, "event": event, "key": key})
    assert response.status_code == 200, text(response)
    return "\n".join(response.get_json()["replies"])


def _scene_for(client, auth, username: str) -> str:
    auth.login(username)
    page = text(client.post("/admin/wechat/scene"))
    return re.search(r'data-testid="scene">([^<]+)<', page).group(1)


def test_org_binds_by_scanning_and_hears_of_a_dispatched_order(app, client, auth):
    scene = _scene_for(client, auth, "org1")
    assert scene.startswith("bind_")
    assert "绑定成功" in _event(client, ORG_WECHAT, "scan", scene)
    assert "已失效" in _event(client, "oSomeoneElse", "scan", scene)  # one time only
    assert "已绑定微信" in text(client.get("/admin/wechat"))
    assert binding.binding_for(user("org1").id).resident == sim(ORG_WECHAT)

    order = move(gen_order(), APPROVE, DISPATCH_ORG1)
    outbox = Chat(client, ORG_WECHAT).outbox()
    assert any(order.number in m and "新派单" in m for m in outbox), outbox
    row = db.session.scalar(db.select(Notification).filter_by(resident=sim(ORG_WECHAT)))
    assert row.kind == "org_dispatched" and row.source == f"order:{order.number}"

    client.post("/admin/wechat/unbind")
    assert binding.binding_for(user("org1").id) is None


def test_subscribe_with_qrscene_prefix_binds_too(app, client, auth):
    scene = _scene_for(client, auth, "staff")
    assert "绑定成功" in _event(client, "oNewFollower", "subscribe", "qrscene_" + scene)


def test_an_expired_scene_does_not_bind(app, client, auth):
    scene = _scene_for(client, auth, "org1")
    assert binding.scan(scene, sim(ORG_WECHAT), now=utcnow() + timedelta(minutes=11)).outcome == "expired"
    assert binding.binding_for(user("org1").id) is None


def test_only_the_hash_of_a_scene_is_stored(app, client, auth):
    scene = _scene_for(client, auth, "org1")
    assert scene not in str(db.session.execute(db.text("SELECT * FROM wechat_bind_tokens")).all())


def test_a_decline_reaches_staffs_unread_count(app, client, auth):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1)
    move(order, ("decline", "org1", {"reason": "人手不足"}))
    auth.login("staff")
    assert client.get("/admin/counts.json").get_json()["notices"] == 1
    page = text(client.get("/admin/notices"))
    assert "人手不足" in page and order.number in page
    assert re.search(r'data-testid="unread">1<', page)
    client.post("/admin/notices/read", data={})
    assert client.get("/admin/counts.json").get_json()["notices"] == 0


def test_a_hand_back_reaches_staff_with_the_reason(app, client, auth):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1)
    move(order, ("cannot_complete", "org1", {"reason": "老人不在家，联系不上"}))
    auth.login("staff")
    assert client.get("/admin/counts.json").get_json()["notices"] == 1
    (notice,) = db.session.scalars(db.select(StaffNotice).filter_by(user_id=user("staff").id))
    assert "退回了订单" in notice.text and "联系不上" in notice.text and order.number in notice.text


def test_low_rating_and_not_resolved_reach_staff(app, client, auth):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1,
                 ("complete", "org1", {"notes": "打扫完毕", "hours": 2, "volunteers": []}))
    move(order, ("rate", "resident", {"score": 4, "resolved": False}))
    (notice,) = db.session.scalars(db.select(StaffNotice).filter_by(user_id=user("staff").id))
    assert "未解决" in notice.text and order.number in notice.text


def test_counts_json_refreshes_the_queue_tabs(app, client, auth):
    gen_order()
    auth.login("staff")
    assert client.get("/admin/counts.json").get_json()["orders"]["submitted"]["total"] == 1
    page = text(client.get("/admin/orders"))
    assert 'data-count="orders.submitted.total">1<' in page and "counts.js" in page


def test_undeliverable_notice_shows_on_the_order_with_the_reason(app, client, auth):
    contacts.unsubscribed(wx("oResidentA"))  # WeChat's unsubscribe event, as bot.contact records it
    db.session.commit()
    order = move(gen_order(), APPROVE)
    auth.login("staff")
    page = text(client.get(f"/admin/orders/{order.id}"))
    assert "无法送达" in page and "取消关注" in page and "条未送达" in page
    assert "已送达" not in page  # the timeline must not claim what did not happen


def test_template_mapping_is_checked_and_kept_when_refused(app, client, auth):
    auth.login("staff")
    bad = client.post("/admin/notice-templates", data={
        "kind": "order_completed", "template_id": "TPL_order_completed_01",
        "fields": "first={title}\nkeyword1={nmber}"})
    assert bad.status_code == 422 and "{nmber}" in text(bad) and "不认识" in text(bad)
    ok = client.post("/admin/notice-templates", data={
        "kind": "order_completed", "template_id": "TPL_order_completed_01",
        "fields": "first={title}\nkeyword1={number}"})
    assert ok.status_code == 302
    assert "TPL_order_completed_01" in text(client.get("/admin/notice-templates"))
