"""Every cell of the transition table: state x event x role, then guards on real orders."""
from __future__ import annotations

import itertools

import pytest

from orders import operations
from orders.models import OrderEvent
from orders.transitions import EVENTS, ROLES, STATES, TABLE, TransitionError, allowed
from order_paths import PATH

OPEN_BEFORE_ACCEPT = ("submitted", "pending_dispatch", "dispatched")
# The rules, written out independently of orders/transitions.py.
EXPECTED = {
    ("new", "submit"): ("submitted", {"resident", "api"}),
    ("submitted", "approve"): ("pending_dispatch", {"staff"}),
    # Issue 13: a 助急 order skips review, moved on by the system alone.
    ("submitted", "fast_track"): ("pending_dispatch", {"system"}),
    ("submitted", "reject"): ("rejected", {"staff"}),
    ("pending_dispatch", "dispatch"): ("dispatched", {"staff"}),
    ("dispatched", "reassign"): ("dispatched", {"staff"}),
    ("in_service", "reassign"): ("dispatched", {"staff"}),
    ("dispatched", "accept"): ("in_service", {"org"}),
    ("dispatched", "decline"): ("pending_dispatch", {"org"}),
    ("dispatched", "accept_timeout"): ("pending_dispatch", {"system"}),
    ("in_service", "cannot_complete"): ("pending_dispatch", {"org"}),
    ("in_service", "complete"): ("awaiting_rating", {"org"}),
    ("awaiting_rating", "rate"): ("closed", {"resident"}),
    ("awaiting_rating", "rating_timeout"): ("closed", {"system"}),
    ("closed", "reopen"): ("pending_dispatch", {"staff"}),
    ("in_service", "cancel"): ("cancelled", {"staff"}),
    **{(s, "cancel"): ("cancelled", {"resident", "staff"}) for s in OPEN_BEFORE_ACCEPT},
    **{(s, "close_admin"): ("closed_admin", {"staff"}) for s in OPEN_BEFORE_ACCEPT},
}
CELLS = list(itertools.product(STATES, EVENTS, ROLES))


def test_table_is_exactly_the_rules():
    assert {k: (v.target, set(v.roles)) for k, v in TABLE.items()} == EXPECTED


@pytest.mark.parametrize("state,event,role", CELLS)
def test_cell(state, event, role):
    expected = EXPECTED.get((state, event))
    assert allowed(state, event, role) == (expected is not None and role in expected[1])


# Valid details for each event, so only the actor and state decide.
GOOD = {
    "submit": {}, "approve": {}, "fast_track": {}, "reject": {"reason": "不在服务范围"},
    "dispatch": {"organization_id": "org3"},
    "reassign": {"organization_id": "org3", "reason": "改派"}, "accept": {},
    "decline": {"reason": "人手不足"}, "accept_timeout": {}, "cannot_complete": {"reason": "缺工具"},
    "complete": {"notes": "已完成", "hours": 1.5, "volunteers": ["李四"]},
    "rate": {"score": 4, "resolved": True}, "rating_timeout": {},
    "reopen": {"reason": "居民反映未解决"}, "cancel": {"reason": "居民来电取消"},
    "close_admin": {"kind": "referred", "reason": "已转卫健部门"},
}
# Who tries: the order's own organisation/resident for each role.
WHO = {"resident": "resident", "staff": "staff", "org": "org1", "system": "system", "api": "api"}
LIVE = [(s, e) for s in STATES if s in PATH for e in EVENTS]


@pytest.mark.parametrize("state,event", LIVE)
def test_cell_on_a_real_order(kit, state, event):
    """On a real order: each role the table refuses leaves it untouched; each allowed
    role moves it to the target and appends the event."""
    order = kit.in_state(state)
    expected = EXPECTED.get((state, event), (None, set()))
    for role in ROLES:
        if role in expected[1]:
            continue
        before = len(kit.timeline(order))
        with pytest.raises(TransitionError):
            kit.do(order, event, WHO[role], **GOOD[event])
        assert order.state == state and len(kit.timeline(order)) == before
    for role in sorted(expected[1]):
        order = kit.in_state(state)
        kit.do(order, event, WHO[role], **GOOD[event])
        assert order.state == expected[0]
        last = kit.last_event(order)
        assert (last.event, last.from_state, last.to_state, last.role) == \
            (event, state, expected[0], role)


@pytest.mark.parametrize("role", ROLES)
def test_submit_cell(kit, role):
    """Only residents (in chat) and other systems (Open311) file orders."""
    actor = kit.actors[WHO[role]]
    if role in EXPECTED[("new", "submit")][1]:
        assert operations.submit_order(actor, category="meal", description="送餐").state == \
            "submitted"
    else:
        with pytest.raises(TransitionError):
            operations.submit_order(actor, category="meal", description="送餐")


@pytest.mark.parametrize("state,event,stranger", [
    ("dispatched", "accept", "org2"), ("dispatched", "decline", "org2"),
    ("in_service", "complete", "org2"), ("in_service", "cannot_complete", "org2"),
    ("awaiting_rating", "rate", "other_resident"), ("submitted", "cancel", "other_resident"),
])
def test_only_the_owner(kit, state, event, stranger):
    order = kit.in_state(state)
    with pytest.raises(TransitionError, match="不是您的订单"):
        kit.do(order, event, stranger, **GOOD[event])
    assert order.state == state


@pytest.mark.parametrize("state,event,bad", [
    ("submitted", "reject", {"reason": " "}),
    ("pending_dispatch", "dispatch", {}),
    ("dispatched", "reassign", {"organization_id": "org1"}),
    ("dispatched", "decline", {}),
    ("in_service", "complete", {"notes": "好", "hours": -1}),
    ("in_service", "complete", {"notes": "", "hours": 1}),
    ("in_service", "complete", {"notes": "好", "hours": 1, "volunteers": "张三"}),
    ("awaiting_rating", "rate", {"score": 6, "resolved": True}),
    ("awaiting_rating", "rate", {"score": 5}),
    ("submitted", "close_admin", {"kind": "bored", "reason": "x"}),
])
def test_guards_refuse_bad_details(kit, state, event, bad):
    order = kit.in_state(state)
    who = "org1" if event in ("decline", "complete") else (
        "resident" if event == "rate" else "staff")
    with pytest.raises(TransitionError):
        kit.do(order, event, who, **bad)
    assert order.state == state


def test_reopen_only_after_low_rating_or_unresolved(kit):
    order = kit.in_state("awaiting_rating")
    kit.do(order, "rate", "resident", score=5, resolved=True)
    with pytest.raises(TransitionError, match="评分较低"):
        kit.do(order, "reopen", "staff", reason="回访")


def test_events_are_append_only(kit):
    from core.extensions import db
    from orders.models import AppendOnlyError

    order = kit.in_state("pending_dispatch")
    event = kit.last_event(order)
    event.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(AppendOnlyError):
        db.session.delete(db.session.get(OrderEvent, event.id))
        db.session.flush()
