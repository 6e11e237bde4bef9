"""Ordering, rating, status and cancelling in chat, through /api/chat."""
from __future__ import annotations

import pytest

from core.extensions import db
from tests.helpers import sim
from orders.models import Order, OrderEvent
from orders.operations import apply
from orders.transitions import Actor, TransitionError


@pytest.fixture
def say(seeded, client):
    def say(text=None, user="居民A", **body):
        body = {"user": user, **({"text": text} if text is not None else {}), **body}
        response = client.post("/api/chat", json=body)
        assert response.status_code == 200
        return "\n".join(response.get_json()["replies"])
    return say


def order_cleaning(say) -> Order:
    assert "地址" in say("家里老人需要有人上门打扫卫生")
    assert "材料" in say("低保要什么材料")  # a side question is answered, then we go on
    assert "什么时候" in say("幸福社区和平路12号3栋201")
    assert "电话" in say("明天上午")
    assert "没有认出电话" in say("不知道")
    summary = say("13800138000")
    assert "助洁" in summary and "幸福社区和平路12号3栋201" in summary
    reply = say("确认")
    order = db.session.scalars(db.select(Order)).one()
    assert order.number in reply and order.number.startswith("DD")
    return order


def test_order_in_chat_asks_for_what_is_missing(say):
    order = order_cleaning(say)
    assert (order.category, order.state, order.resident) == ("cleaning", "submitted", sim("居民A"))
    assert order.community == "幸福社区" and order.phone == "13800138000"
    assert order.due_at is not None
    assert "待审单" in say("我的订单")


def test_a_time_or_phone_given_while_the_address_is_asked_is_kept_for_its_step(say):
    assert "地址" in say("家里老人需要有人上门打扫卫生")
    noted = say("后天下午")
    assert "后天下午" in noted and "地址" in noted  # kept, and the address asked again
    after = say("幸福社区和平路12号3栋201")
    assert "什么时候" not in after and "电话" in after
    assert "助洁" in say("13800138000")
    say("确认")
    order = db.session.scalars(db.select(Order)).one()
    assert order.preferred_time == "后天下午" and order.address.endswith("201")


def test_order_from_menu_with_location(say):
    say(location={"lat": 31.2, "lng": 121.4, "label": "光明社区5号楼"})
    assert "回复数字" in say(event="click", key="ORDER")
    assert "需要什么帮助" in say("8")
    assert "刚发送的位置" in say("热水器坏了，不出热水")
    say("1")
    say("周六下午")
    say("0571-88886666")
    say("确认")
    order = db.session.scalars(db.select(Order)).one()
    assert (order.category, order.address, order.lat) == ("repair", "光明社区5号楼", 31.2)


def test_cancel_mid_dialog_and_after(say):
    say("家里老人需要有人上门打扫卫生")
    assert "取消" in say("取消")
    assert db.session.scalar(db.select(db.func.count(Order.id))) == 0
    order = order_cleaning(say)
    assert "已取消" in say("取消订单")  # naming the order takes it back at once
    assert "已取消" in say("确认取消")  # a confirmation out of habit is told it is done
    db.session.refresh(order)
    assert order.state == "cancelled"


def test_bare_cancel_later_asks_before_cancelling(say):
    order = order_cleaning(say)
    say("低保要什么材料")
    assert "确定要取消吗" in say("取消")  # not said about an order, nor right after it
    assert "已取消" in say("确认取消")
    db.session.refresh(order)
    assert order.state == "cancelled"


def test_asking_for_a_person_mid_order_opens_a_handoff(say):
    say("家里老人需要有人上门打扫卫生")
    reply = say("转人工")
    assert "工单编号" in reply and "系统繁忙" not in reply
    assert "接着点单" not in reply  # the order dialog gave way to the handoff


def _complete(order: Order, org_user) -> None:
    staff = Actor("staff", "staff")
    apply(order.id, "approve", staff)
    apply(order.id, "dispatch", staff, organization_id=org_user.organization_id)
    apply(order.id, "accept", Actor.for_user(org_user))
    apply(order.id, "complete", Actor.for_user(org_user), notes="打扫完毕", hours=2,
          volunteers=["张三", "李四"])
    db.session.commit()


def test_rate_in_chat_after_completion(say):
    from accounts.models import User

    order = order_cleaning(say)
    _complete(order, db.session.scalar(db.select(User).filter_by(username="org1")))
    notes = db.session.scalars(db.select(OrderEvent.reason).filter_by(
        order_id=order.id, event="notify")).all()
    assert any("服务已完成" in n for n in notes)  # kept on the timeline until notify lands
    assert "没有待评价" in say("我要评价", user="居民B")
    assert "1 到 5" in say(event="click", key="RATE")
    assert "1 到 5" in say("很好")
    assert "解决了吗" in say("2")
    assert "想对我们说" in say("否")
    reply = say("阿姨来晚了，厨房没擦")
    assert "已办结" in reply and "回访" in reply
    db.session.refresh(order)
    assert order.state == "closed" and order.rating.score == 2
    assert order.rating.resolved is False and "厨房" in order.rating.comment


def test_rate_inline_score(say):
    from accounts.models import User

    order = order_cleaning(say)
    _complete(order, db.session.scalar(db.select(User).filter_by(username="org1")))
    assert "解决了吗" in say("给服务打5分")
    say("是")
    assert "已办结" in say("没有")
    db.session.refresh(order)
    assert (order.rating.score, order.rating.resolved, order.outcome) == (5, True, "rated")


def test_resident_cannot_rate_someone_elses_order(say):
    from accounts.models import User

    order = order_cleaning(say)
    _complete(order, db.session.scalar(db.select(User).filter_by(username="org1")))
    # Naming the other resident's order number gives no way in: ratings are per openid.
    assert "没有待评价" in say(f"给{order.number}打1分，没解决", user="居民B")
    assert "没有待评价" in say(event="click", key="RATE", user="居民B")
    db.session.refresh(order)
    assert order.state == "awaiting_rating" and order.rating is None
    with pytest.raises(TransitionError):
        apply(order.id, "rate", Actor.for_resident(sim("居民B")), score=1,
              resolved=False)


def test_an_order_in_doubt_names_its_two_likeliest_kinds_and_a_number_picks_one(say, monkeypatch):
    """The learned category reading (intents.categories) found no kind sure enough but two
    likely ones: the category step names them by their numbers, and a number answers it."""
    from bot import engine
    from intents.understand import Understanding
    from orders import categories

    def doubtful(text, context=(), prior=None):
        return Understanding("order", confidence=0.6, action="answer", source="learned",
                             candidates=[{"intent": "order", "category": "bathing"},
                                         {"intent": "order", "category": "cleaning"}])

    monkeypatch.setattr(engine, "understand", doubtful)
    reply = say("家里老人一个人弄不了，想请人来帮把手")
    number = categories.codes().index("bathing") + 1
    other = categories.codes().index("cleaning") + 1
    assert f"像是{number}. {categories.short('bathing')} 或 {other}. {categories.short('cleaning')}" in reply
    monkeypatch.undo()
    assert "助浴" in say(str(number))
