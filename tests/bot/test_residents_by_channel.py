"""Two residents with the same id on two channels are two people: nothing of one reaches the other."""
from __future__ import annotations

from itertools import count

from applications.models import Application
from bot import session
from core.extensions import db
from handoff.models import Ticket
from orders.models import Order
from tests.helpers import Chat, gen_id, sim, wx, years_ago

# An id both channels hand out: WeChat's openid, and the name typed into the simulator.
SAME = "oSameIdOnTwoChannels0000001"
_msg_ids = count(91000)


def _wechat_says(wechat, text: str) -> str:
    posted = wechat.post("text.xml", FromUserName=SAME, Content=text, MsgId=next(_msg_ids))
    assert posted.status == 200, posted.body
    return posted.text


def _apply_in_chat(chat: Chat) -> str:
    replies = [chat.say(text) for text in ("我要申请高龄津贴", "张三", gen_id(years_ago(85)),
                                           "13812345678", "1", "幸福路12号3栋201室", "确认")]
    return replies[-1]


def _order_in_chat(chat: Chat) -> str:
    replies = [chat.say(text) for text in ("家里老人需要有人上门打扫卫生", "幸福社区和平路12号3栋201",
                                           "明天上午", "13800138000", "确认")]
    return replies[-1]


def test_records_and_state_are_per_channel(seeded, client, wechat):
    simulator = Chat(client, SAME)
    submitted = _apply_in_chat(simulator)
    (application,) = db.session.scalars(db.select(Application)).all()
    assert application.reference in submitted and application.resident == sim(SAME)
    ordered = _order_in_chat(simulator)
    (order,) = db.session.scalars(db.select(Order)).all()
    assert order.number in ordered and order.resident == sim(SAME)

    # The WeChat resident with the same id has none of it: no application, no order.
    status = _wechat_says(wechat, "我的申请")
    assert application.reference not in status and order.number not in status
    assert order.number not in _wechat_says(wechat, "我的订单")
    assert "没有" in _wechat_says(wechat, "取消订单")

    # A form open on one channel is not the other's: WeChat starts one, the simulator's
    # next message is not read as its answer, and each keeps its own state.
    assert "（1/5）" in _wechat_says(wechat, "我要申请高龄津贴")
    assert session.load(wx(SAME))["flow"]["name"] == "form"
    assert (session.load(sim(SAME)).get("flow") or {}).get("name") != "form"
    assert "（2/5）" not in simulator.say("李四")
    assert "（2/5）" in _wechat_says(wechat, "李四")


def test_a_ticket_is_its_channels_residents_alone(seeded, client, wechat):
    simulator = Chat(client, SAME)
    assert "工单编号" in simulator.say("转人工")
    (ticket,) = db.session.scalars(db.select(Ticket)).all()
    assert ticket.resident == sim(SAME)
    # The WeChat resident is not in the simulator resident's handoff: the bot answers them.
    assert "工作人员正在处理" not in _wechat_says(wechat, "低保要什么材料")
    db.session.refresh(ticket)
    assert [m.author for m in ticket.messages] == ["resident"]
