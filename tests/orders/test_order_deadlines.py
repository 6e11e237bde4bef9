"""Working days on the Chinese calendar, and the deadline sweep."""
from __future__ import annotations

from datetime import datetime, timedelta

from core import calendar
from core.extensions import db
from core.settings import set_setting
from orders import deadlines, tasks
from orders.models import OrderEvent
from order_paths import T0


def beijing(*args) -> datetime:
    return calendar.from_china(datetime(*args))


def test_working_days_skip_holidays_and_count_make_up_days():
    # National Day 2026: Oct 1-7 off; Sunday Sep 20 and Saturday Oct 10 are make-up working days.
    assert deadlines.add_working_days(beijing(2026, 9, 30, 10), 1) == beijing(2026, 10, 8, 10)
    assert deadlines.add_working_days(beijing(2026, 10, 9, 10), 1) == beijing(2026, 10, 10, 10)
    # Friday -> Monday; a Saturday order starts its clock Monday 09:00.
    assert deadlines.add_working_days(beijing(2026, 11, 20, 15), 1) == beijing(2026, 11, 23, 15)
    assert deadlines.add_working_days(beijing(2026, 11, 21, 15), 1) == beijing(2026, 11, 24, 9)


def test_past_chinese_calendar_s_data_the_2027_holidays_still_count(app):
    # chinese_calendar ends with 2026; python-holidays has 春节 2027 (Feb 5-10 off).
    assert deadlines.add_working_days(beijing(2027, 2, 5, 10), 1) == beijing(2027, 2, 12, 9)


def test_an_order_dispatched_before_a_holiday_is_due_for_acceptance_after_it(app):
    # Thursday afternoon before 春节 2027 (Feb 5-10 off in python-holidays) and the last
    # afternoon of 2026: the organisation has one working day, not 24 clock hours.
    assert deadlines.due_for("dispatched", "cleaning", beijing(2027, 2, 4, 15)) == \
        beijing(2027, 2, 11, 15)
    assert deadlines.due_for("dispatched", "cleaning", beijing(2026, 12, 31, 15)) == \
        beijing(2027, 1, 4, 15)
    # 助急 keeps its clock hours, holiday or not.
    assert deadlines.due_for("dispatched", "emergency", beijing(2027, 2, 4, 15)) == \
        beijing(2027, 2, 4, 16)


def test_sla_per_category_and_editable(kit):
    assert kit.new("emergency").due_at == T0 + timedelta(hours=1)
    assert kit.new("cleaning").due_at == beijing(2026, 11, 24, 10)
    set_setting(deadlines.SETTING, {"cleaning": {"review": {"hours": 2}}})
    assert kit.new("cleaning").due_at == T0 + timedelta(hours=2)
    assert kit.new("meal").due_at == beijing(2026, 11, 24, 10)  # defaults still apply


def events(order, name):
    return db.session.scalars(db.select(OrderEvent).filter_by(order_id=order.id, event=name)).all()


def test_sweep_reminds_then_escalates(kit):
    order = kit.in_state("submitted")
    assert tasks.sweep(T0 + timedelta(hours=1)) == {}
    assert tasks.sweep(beijing(2026, 11, 24, 10, 30)) == {"remind": 1}
    assert tasks.sweep(beijing(2026, 11, 24, 11)) == {}  # reminded once only
    assert tasks.sweep(beijing(2026, 11, 24, 15)) == {"escalate": 1}
    assert tasks.sweep(beijing(2026, 11, 25, 15)) == {}
    assert order.escalated_at is not None and len(events(order, "escalate")) == 1


def test_sweep_takes_back_unaccepted_orders(kit):
    order = kit.in_state("dispatched")
    assert tasks.sweep(T0 + timedelta(hours=25)) == {"accept_timeout": 1}
    assert order.state == "pending_dispatch" and order.organization_id is None
    assert events(order, "accept_timeout")[0].data["declined_by"] == kit.org_ids["org1"]


def test_sweep_rating_reminder_day_3_and_unrated_close_day_7(kit):
    order = kit.in_state("awaiting_rating")
    assert tasks.sweep(T0 + timedelta(days=2)) == {}
    assert tasks.sweep(T0 + timedelta(days=3)) == {"rating_reminder": 1}
    assert tasks.sweep(T0 + timedelta(days=4)) == {}
    assert tasks.sweep(T0 + timedelta(days=7)) == {"rating_timeout": 1}
    assert (order.state, order.outcome, order.rating) == ("closed", "unrated", None)


def test_sweep_command_moves_the_clock(kit, runner):
    kit.in_state("dispatched")
    result = runner.invoke(args=["orders", "sweep", "--now", "2026-11-24T11:00"])
    assert result.exit_code == 0, result.output
    assert "超时未接单退回 1 单" in result.output
    result = runner.invoke(args=["orders", "sweep", "--now", "yesterday"])
    assert result.exit_code != 0


def test_a_night_message_s_deadline_counts_from_the_morning():
    # Wednesday 2 Dec 2026, 01:20 in Beijing (17:20 UTC the day before): not a deadline at 01:20.
    night = calendar.from_china(datetime(2026, 12, 2, 1, 20))
    assert calendar.to_china(deadlines.add_working_days(night, 1)) == datetime(2026, 12, 3, 9, 0)
    # During working hours the clock time is kept.
    day = calendar.from_china(datetime(2026, 12, 2, 10, 30))
    assert calendar.to_china(deadlines.add_working_days(day, 1)) == datetime(2026, 12, 3, 10, 30)
