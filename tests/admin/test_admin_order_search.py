"""Finding orders: keyword and phone-tail search, filters, sorting, description, 回访."""
from datetime import timedelta

from admin_helpers import text
from order_helpers import ACCEPT_ORG1, APPROVE, COMPLETE_ORG1, DISPATCH_ORG1, gen_order, move, org_id

from core.audit import utcnow
from orders import operations


def _rows(page: str) -> list[str]:
    """The order numbers listed, in order."""
    import re
    return re.findall(r'data-number="([A-Z0-9-]+)"', page)


def test_keyword_and_phone_tail_search(auth, client):
    wheel = gen_order(category="repair", phone="13911112222")
    operations.apply(wheel.id, "approve", __import__("order_helpers").actor("staff"))
    wheel.description = "轮椅的刹车坏了，需要上门修理"
    plain = gen_order(phone="13833334444")
    from core.extensions import db
    db.session.commit()
    auth.login("staff")
    page = client.get("/admin/orders?state=pending_dispatch&q=轮椅").get_data(as_text=True)
    assert _rows(page) == [wheel.number] and "轮椅的刹车坏了" in page
    page = client.get("/admin/orders?state=submitted&q=4444").get_data(as_text=True)
    assert _rows(page) == [plain.number]
    assert _rows(client.get("/admin/orders?state=submitted&q=2222").get_data(as_text=True)) == []


def test_filters_by_category_community_org_overdue_and_dates(auth, client):
    late = gen_order(now=utcnow() - timedelta(days=10), community="光明社区")
    cook = gen_order(category="meal")
    fresh = gen_order()
    sent = move(gen_order(), APPROVE, DISPATCH_ORG1)
    auth.login("staff")
    get = lambda q: _rows(client.get("/admin/orders?" + q).get_data(as_text=True))  # noqa: E731
    assert get("state=submitted&overdue=1") == [late.number]
    assert get("state=submitted&category=meal") == [cook.number]
    assert get("state=submitted&community=光明社区") == [late.number]
    assert get(f"state=dispatched&org={org_id('org1')}") == [sent.number]
    assert get(f"state=dispatched&org={org_id('org2')}") == []
    day = (utcnow() - timedelta(days=10) + timedelta(hours=8)).strftime("%Y-%m-%d")
    assert get(f"state=submitted&since={day}&until={day}") == [late.number]
    assert set(get("state=submitted&since=garbage")) == {late.number, cook.number, fresh.number}
    # The tabs keep the filter.
    page = client.get("/admin/orders?state=submitted&category=meal").get_data(as_text=True)
    assert "state=dispatched&amp;category=meal" in page or "category=meal&amp;state=dispatched" in page


def test_sortable_columns(auth, client):
    a = gen_order(category="repair", community="光明社区")
    b = gen_order(category="cleaning", community="幸福社区")
    auth.login("staff")
    get = lambda q: _rows(client.get("/admin/orders?state=submitted&" + q).get_data(as_text=True))  # noqa: E731
    assert get("sort=community") == [a.number, b.number]
    assert get("sort=-community") == [b.number, a.number]
    assert get("sort=-created") == [b.number, a.number]
    assert 'aria-sort="descending"' in client.get("/admin/orders?sort=-created").get_data(as_text=True)


def test_followup_queue_lists_low_and_unresolved_ratings(auth, client):
    done = (APPROVE, DISPATCH_ORG1, ACCEPT_ORG1, COMPLETE_ORG1)
    low = move(gen_order(), *done, ("rate", "resident", {"score": 2, "resolved": True,
                                                         "comment": "态度差，打我电话13812345678"}))
    unsolved = move(gen_order(), *done, ("rate", "resident", {"score": 4, "resolved": False}))
    happy = move(gen_order(), *done, ("rate", "resident", {"score": 5, "resolved": True}))
    auth.login("staff")
    page = client.get("/admin/orders/follow-up").get_data(as_text=True)
    assert set(_rows(page)) == {low.number, unsolved.number} and happy.number not in page
    assert "13812345678" not in page and "138****5678" in page and "未解决" in page
    assert set(_rows(client.get("/admin/orders?state=closed&rating=followup")
                     .get_data(as_text=True))) <= {low.number, unsolved.number}


def test_hostile_description_is_escaped(auth, client):
    order = gen_order()
    order.description = '<script>alert(1)</script>=cmd|"/c calc"'
    from core.extensions import db
    db.session.commit()
    auth.login("staff")
    page = client.get("/admin/orders?state=submitted").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def _bulk(client, orders, event, **data):
    from admin_helpers import csrf_token  # noqa: F401
    form = {"event": event, "pick": [f"{o.id}:{o.version}" for o in orders],
            "back": "/admin/orders?state=submitted", **data}
    return client.post("/admin/orders/bulk", data=form, follow_redirects=True)


def test_bulk_approve_then_dispatch_with_a_line_per_order(auth, client):
    from core.extensions import db
    from orders.models import Order
    first, second, stale = gen_order(), gen_order(), gen_order()
    auth.login("staff")
    stale_version = stale.version
    move(stale, APPROVE)  # someone else approved it after the page was drawn
    stale.version = stale_version
    page = text(_bulk(client, [first, second, stale], "approve"))
    assert "批量处理：2/3 单完成" in page
    assert f"{first.number}：已完成" in page and f"{stale.number}：未处理" in page
    db.session.expire_all()
    assert {db.session.get(Order, o.id).state for o in (first, second)} == {"pending_dispatch"}
    fresh = [db.session.get(Order, o.id) for o in (first, second)]
    page = text(_bulk(client, fresh, "dispatch", organization_id=str(org_id("org1"))))
    assert "批量处理：2/2 单完成" in page
    db.session.expire_all()
    assert {db.session.get(Order, o.id).state for o in (first, second)} == {"dispatched"}


def test_bulk_close_needs_its_reason_per_order(auth, client):
    from core.extensions import db
    from orders.models import Order
    order = gen_order()
    auth.login("staff")
    page = text(_bulk(client, [order], "close_admin", kind="duplicate"))
    assert "0/1" in page and db.session.get(Order, order.id).state == "submitted"
    page = text(_bulk(client, [order], "close_admin", kind="duplicate", reason="重复提交的订单"))
    assert "1/1" in page
    db.session.expire_all()
    assert db.session.get(Order, order.id).state != "submitted"


def test_bulk_never_redirects_off_site(auth, client):
    order = gen_order()
    auth.login("staff")
    response = client.post("/admin/orders/bulk", data={
        "event": "approve", "pick": f"{order.id}:{order.version}", "back": "https://evil.example/"})
    assert response.headers["Location"] == "/admin/orders"


def test_part_of_an_order_number_finds_its_orders_in_every_tab(auth, client):
    first, second = gen_order(), gen_order()
    sent = move(gen_order(), APPROVE)
    day = first.number.split("-")[0]  # DD20261202: the day's numbers start so
    auth.login("staff")
    get = lambda q: client.get("/admin/orders?" + q).get_data(as_text=True)  # noqa: E731
    for typed in (day, day.lower(), day[:6]):
        page = get(f"state=submitted&q={typed}")
        assert set(_rows(page)) == {first.number, second.number}, typed
        assert "没有找到单号" not in page
        # The tab open need not hold them all: the line under the tabs says where they are.
        matches = page[page.index('data-testid="matches"'):]
        matches = matches[:matches.index("</p>")]
        assert "共 3 个" in matches and "待审单 2" in matches and "待派单 1" in matches
        assert "state=pending_dispatch" in matches
    assert _rows(get(f"state=pending_dispatch&q={day}")) == [sent.number]
    # The end of a number: its day's sequence, with or without the dash.
    tail = second.number[-4:]
    assert _rows(get(f"state=submitted&q={tail}")) == [second.number]
    assert _rows(get(f"state=submitted&q=-{tail}")) == [second.number]
    assert _rows(get(f"state=submitted&q={second.number[2:].lower()}")) == [second.number]
    # The phone's last four digits still find the resident's orders.
    assert set(_rows(get("state=submitted&q=8000"))) == {first.number, second.number}
    page = get("state=submitted&q=DD1999")
    assert "没有找到单号" in page and _rows(page) == [] and "没有符合条件的订单" in page


def test_an_organisation_finds_its_orders_by_part_of_the_number(auth, client):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1)
    auth.login("org1")
    page = client.get("/admin/org/?q=" + order.number.split("-")[0].lower()).get_data(as_text=True)
    assert order.number in page


def test_followup_queue_is_worked_through_by_recording_a_call_or_reopening(auth, client):
    from admin_helpers import audit_actions
    from core.extensions import db
    from orders.models import OrderEvent
    done = (APPROVE, DISPATCH_ORG1, ACCEPT_ORG1, COMPLETE_ORG1)
    low = move(gen_order(), *done, ("rate", "resident", {"score": 1, "resolved": False}))
    unsolved = move(gen_order(), *done, ("rate", "resident", {"score": 4, "resolved": False}))
    happy = move(gen_order(), *done, ("rate", "resident", {"score": 5, "resolved": True}))
    auth.login("staff")
    get = lambda q="": client.get("/admin/orders/follow-up" + q).get_data(as_text=True)  # noqa: E731
    assert set(_rows(get())) == {low.number, unsolved.number} and _rows(get("?tab=done")) == []
    assert "待回访 <span class=\"count\">2</span>" in get()
    page = text(client.get(f"/admin/orders/{low.id}"))
    assert 'data-testid="follow-up"' in page and "回访情况（必填）" in page
    assert 'data-testid="follow-up"' not in text(client.get(f"/admin/orders/{happy.id}"))
    # No note: refused beside the box, nothing recorded.
    page = text(client.post(f"/admin/orders/{low.id}/follow_up", data={"version": low.version, "reason": " "}))
    assert "请填写回访情况" in page and audit_actions("order.follow_up") == []
    note = "居民说师傅没来，已致歉，回拨电话13812345678"
    response = client.post(f"/admin/orders/{low.id}/follow_up", data={"version": low.version, "reason": note},
                           follow_redirects=True)
    assert "已记录回访" in text(response)
    assert audit_actions("order.follow_up") == ["order.follow_up"]
    event = db.session.scalar(db.select(OrderEvent).filter_by(order_id=low.id, event="follow_up"))
    assert event.reason == note and event.from_state == event.to_state == "closed"
    # Reopening settles the other one too.
    move(unsolved, ("reopen", "staff", {"reason": "居民说没修好"}))
    assert _rows(get()) == []
    page = get("?tab=done")
    assert set(_rows(page)) == {low.number, unsolved.number}
    assert "已致歉" in page and "13812345678" not in page and "重新派单" in page
    assert 'data-testid="follow-up"' not in text(client.get(f"/admin/orders/{low.id}"))
    # A satisfied resident's order has nothing to follow up.
    client.post(f"/admin/orders/{happy.id}/follow_up", data={"version": happy.version, "reason": "打过电话"})
    assert audit_actions("order.follow_up") == ["order.follow_up"]
    # The organisation does not see the bureau's call in its timeline.
    auth.logout()
    auth.login("org1")
    assert "已致歉" not in text(client.get(f"/admin/org/orders/{low.id}"))
