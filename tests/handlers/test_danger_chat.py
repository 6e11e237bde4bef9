"""Danger first, in any state: the first line of the first reply says what to do and whom to call."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from flask import current_app

from core.audit import AuditEntry
from core.extensions import db
from bot import session
from helpers import Chat, gen_id, sim, years_ago
from orders.alerts import staff_alert
from orders.models import Order, OrderEvent

CASES = yaml.safe_load((Path(__file__).resolve().parent.parent / "intents" / "danger_cases.yaml")
                       .read_text(encoding="utf-8"))
NUMBERS = {"medical": "120", "fire": "119", "gas": "119", "crime": "110", "alone": "110",
           "no_answer": "110", "missing": "110", "trapped": "119", "self_harm": "12356",
           "fraud": "110"}


def replies(client, text, user="居民危"):
    response = client.post("/api/chat", json={"user": user, "text": text})
    assert response.status_code == 200
    return response.get_json()["replies"]


@pytest.mark.parametrize("kind,form,text", CASES["danger"][::3], ids=[c[2] for c in CASES["danger"][::3]])
def test_first_line_of_first_reply_has_the_right_number_and_what_to_do(seeded, client, kind, form, text):
    got = replies(client, text)
    first = got[0].splitlines()[0]
    assert NUMBERS[kind] in first, (text, first)
    assert "请" in first
    whole = "\n".join(got)
    assert current_app.config["EMERGENCY_HOTLINE"] in whole and "转人工" in whole


@pytest.mark.parametrize("kind,form,text", CASES["danger"], ids=[c[2] for c in CASES["danger"]])
def test_the_first_number_read_is_the_one_to_call(app, kind, form, text):
    import re

    from handlers.danger import first_aid
    from intents.danger import detect

    with app.app_context():
        first = first_aid(detect(text)).splitlines()[0]
    assert re.findall(r"1\d{2,4}", first)[0] == NUMBERS[kind], (text, first)


def test_gas_says_valve_windows_no_switches_leave(seeded, client):
    first = replies(client, "家里有很大的煤气味")[0].splitlines()[0]
    for words in ("关闭燃气总阀", "打开门窗", "不要开关电灯电器", "离开", "燃气公司抢修电话"):
        assert words in first


def test_self_harm_gets_12356_and_110_120_and_no_order_form(seeded, client):
    got = replies(client, "我不想活了")
    assert "12356" in got[0].splitlines()[0] and "120" in got[0] and "110" in got[0]
    assert "地址" not in "\n".join(got)
    assert session.load(sim("居民危")).get("flow") is None


def test_a_look_alike_gets_its_ordinary_answer(seeded, client):
    got = "\n".join(replies(client, "高龄津贴怎么领"))
    assert "120" not in got and "110" not in got and "高龄津贴" in got


def test_danger_mid_form_interrupts_it_and_is_never_stored(seeded, client):
    chat = Chat(client, "居民表")
    chat.say("我要申请高龄津贴")
    chat.say("张三")  # now at the ID number step
    reply = chat.say("家里老人摔倒了起不来")
    assert reply.splitlines()[0].count("120") == 1
    assert "已保留" in reply and "（2/5）" in reply
    # The form goes on where it was; the danger text was not taken as any answer.
    assert "（3/5）" in chat.say(gen_id(years_ago(85)))
    chat.say("13812345678")
    chat.say("1")
    summary = chat.say("幸福路12号3栋201室")
    assert "摔倒" not in summary and "张三" in summary


def test_danger_at_an_order_step_is_not_taken_as_the_answer(seeded, client):
    chat = Chat(client, "居民单")
    assert "地址" in chat.say("家里老人需要有人上门打扫卫生")
    reply = chat.say("我闻到一股煤气味")
    assert "119" in reply.splitlines()[0] and "地址" in reply
    chat.say("幸福社区和平路12号3栋201")
    chat.say("明天上午")
    summary = chat.say("13800138000")
    assert "煤气" not in summary and "幸福社区和平路12号3栋201" in summary


def test_emergency_order_skips_review_gets_a_short_deadline_and_alerts_staff(seeded, client):
    heard = []

    def listener(order, kind, note, at):
        heard.append((order.number, kind))

    staff_alert.connect(listener)
    try:
        chat = Chat(client, "居民急")
        first = chat.say("家里老人摔倒了起不来")
        assert first.splitlines()[0].startswith("请立即拨打 120")
        assert "地址" in first
        assert "电话" in chat.say("幸福社区和平路12号3栋201")
        assert "确认" in chat.say("13800138000")
        done = chat.say("确认")
    finally:
        staff_alert.disconnect(listener)
    order = db.session.scalars(db.select(Order)).one()
    assert order.category == "emergency" and order.state == "pending_dispatch"
    assert "摔倒" in order.description and order.number in done and "不用等审核" in done
    events = [e.event for e in db.session.scalars(
        db.select(OrderEvent).where(OrderEvent.order_id == order.id).order_by(OrderEvent.id))]
    assert "approve" not in events and "fast_track" in events and "staff_alert" in events
    assert (order.due_at - order.created_at).total_seconds() <= 3600
    assert heard == [(order.number, "emergency")]
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))
                             .where(AuditEntry.action == "order.staff_alert")) == 1


def test_danger_beside_a_policy_question_answers_both_danger_first(seeded, client):
    got = replies(client, "家里着火了能申请临时救助吗")
    assert "119" in got[0].splitlines()[0]
    assert "临时救助" in "\n".join(got[1:])


def test_danger_during_handoff_reaches_the_ticket_and_the_resident_first(seeded, client):
    from handoff.models import Ticket

    chat = Chat(client, "居民人")
    chat.say("转人工")
    reply = chat.say("我爸突然晕倒了叫不醒")
    assert "120" in reply.splitlines()[0] and "工单" in reply
    ticket = db.session.scalars(db.select(Ticket)).one()
    assert any("晕倒" in m.text for m in ticket.messages)
