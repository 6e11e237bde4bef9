"""助急 orders, from any source: no review, straight to dispatch, staff alerted at once."""
from datetime import timedelta

from core.audit import AuditEntry
from core.extensions import db
from notifications.models import StaffNotice
from orders.alerts import staff_alert

from order_paths import T0


def test_emergency_skips_review_with_a_short_deadline_and_an_alert(kit):
    order = kit.new("emergency")
    assert order.state == "pending_dispatch"
    assert order.due_at == T0 + timedelta(hours=1)
    assert [e.event for e in kit.timeline(order)] == ["submit", "notify", "fast_track", "staff_alert"]
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))
                             .where(AuditEntry.action == "order.staff_alert")) == 1


def test_emergency_reaches_every_staff_members_notice_list(kit):
    order = kit.new("emergency")
    notices = db.session.scalars(db.select(StaffNotice).where(StaffNotice.kind == "staff_alert")).all()
    # Every active staff member and admin hears, about this order, at once.
    assert notices and {n.target for n in notices} == {f"order:{order.number}"}
    assert all("紧急" in n.text and order.number in n.text for n in notices)


def test_other_categories_still_wait_for_review(kit):
    assert kit.new("cleaning").state == "submitted"


def test_a_failing_alert_listener_does_not_undo_the_order(kit):
    def broken(order, **_):
        raise RuntimeError("listener down")

    staff_alert.connect(broken)
    try:
        order = kit.new("emergency")
    finally:
        staff_alert.disconnect(broken)
    assert order.state == "pending_dispatch"
