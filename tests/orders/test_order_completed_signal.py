"""An order's completion is a signal: the volunteers package credits hours, the order logs each name."""
from __future__ import annotations

from core import signals
from core.extensions import db
from orders.models import OrderEvent
from volunteers.models import ServiceHours, Volunteer
from volunteers.operations import credit_order
from tests.helpers import wx

COMPLETE = {"notes": "打扫完毕", "hours": 2}


def _credit_events(order) -> list[dict]:
    return [e.data for e in db.session.scalars(
        db.select(OrderEvent).filter_by(order_id=order.id, event="credit_hours")
        .order_by(OrderEvent.id))]


def test_completion_credits_approved_volunteers_through_the_signal(kit):
    db.session.add(Volunteer(resident=wx("oHelper"), name="张三", phone="13800000000", skills=[],
                             availability=[], community="幸福社区", id_masked="", id_number_enc="",
                             status="approved"))
    order = kit.in_state("in_service")
    kit.do(order, "complete", "org1", volunteers=["张三", "无名氏"], **COMPLETE)
    assert [(e["volunteer"], e["credited"]) for e in _credit_events(order)] == [
        ("张三", True), ("无名氏", False)]
    assert [h.hours for h in db.session.scalars(db.select(ServiceHours))] == [2.0]


def test_without_a_receiver_the_order_completes_and_logs_each_name_not_credited(kit):
    order = kit.in_state("in_service")
    signals.order_completed.disconnect(credit_order)
    try:
        kit.do(order, "complete", "org1", volunteers=["张三"], **COMPLETE)
    finally:
        signals.order_completed.connect(credit_order)
    assert order.state == "awaiting_rating"
    assert _credit_events(order) == [{"volunteer": "张三", "hours": 2.0, "credited": False}]


def test_a_receiver_answers_for_the_volunteers_it_credited(kit):
    order = kit.in_state("in_service")
    heard = []

    def receiver(sender):
        heard.append(sender.number)
        return {0: True}  # by position in order.volunteers (roster picks are records, not names)

    with signals.order_completed.connected_to(receiver):
        kit.do(order, "complete", "org1", volunteers=["李四"], **COMPLETE)
    assert heard == [order.number]
    assert _credit_events(order)[0]["credited"] is True


def test_a_credit_stands_whichever_receiver_answers_last(kit):
    # Receivers run in no set order; a "not credited" from one must not undo another's credit.
    for answers in (({0: True}, {0: False}), ({0: False}, {0: True})):
        order = kit.in_state("in_service")
        receivers = [lambda sender, a=a: a for a in answers]
        with signals.order_completed.connected_to(receivers[0]), \
                signals.order_completed.connected_to(receivers[1]):
            kit.do(order, "complete", "org1", volunteers=["王五"], **COMPLETE)
        assert _credit_events(order)[0]["credited"] is True, answers
