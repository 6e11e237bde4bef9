"""The organisation portal: only its own orders; accept, decline, complete, hand back."""
import pytest
from admin_helpers import text
from order_helpers import (
    ACCEPT_ORG1,
    APPROVE,
    DISPATCH_ORG1,
    PHONE,
    flashes,
    forms_offered,
    gen_order,
    move,
)

from core.extensions import db
from orders.models import Order
from volunteers.models import ServiceHours, Volunteer
from tests.helpers import wx

DISPATCH_ORG2 = ("dispatch", "staff", {"organization_id": "org2"})


def post(client, order, event, **data):
    data.setdefault("version", order.version)
    return client.post(f"/admin/org/orders/{order.id}/{event}", data=data,
                       follow_redirects=True)


def fresh(order) -> Order:
    db.session.expire_all()
    return db.session.get(Order, order.id)


def gen_volunteer(name: str, status: str = "approved") -> Volunteer:
    volunteer = Volunteer(resident=wx(f"o-{name}"), name=name, phone="13900001111", id_masked="x",
                          id_number_enc="", community="幸福社区", status=status)
    db.session.add(volunteer)
    db.session.commit()
    return volunteer


def test_org_home_lists_only_its_own_orders_active_first(auth, client):
    mine_serving = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1)
    mine_done = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1,
                     ("complete", "org1", {"notes": "完成", "hours": 1, "volunteers": []}))
    mine_new = move(gen_order(), APPROVE, DISPATCH_ORG1)
    theirs = move(gen_order(), APPROVE, DISPATCH_ORG2)
    waiting = move(gen_order(), APPROVE)
    auth.login("org1")
    page = text(client.get("/admin/org/"))
    assert theirs.number not in page and waiting.number not in page
    assert page.index(mine_serving.number) < page.index(mine_done.number)
    assert page.index(mine_new.number) < page.index(mine_done.number)
    assert '共 <strong data-count="org_active">2</strong> 单' in page and "待评单" in page


def test_another_organisations_order_is_404_for_get_and_post(auth, client):
    theirs = move(gen_order(), APPROVE, DISPATCH_ORG2)
    auth.login("org1")
    assert client.get(f"/admin/org/orders/{theirs.id}").status_code == 404
    for event, data in (("accept", {}), ("decline", {"reason": "x"}),
                        ("complete", {"notes": "x", "hours": "1"}),
                        ("cannot_complete", {"reason": "x"})):
        response = client.post(f"/admin/org/orders/{theirs.id}/{event}",
                               data={"version": theirs.version, **data})
        assert response.status_code == 404, event
    assert client.get("/admin/org/orders/99999").status_code == 404
    assert (fresh(theirs).state, fresh(theirs).organization_id) == (
        "dispatched", theirs.organization_id)


def test_orders_not_yet_dispatched_are_404(auth, client):
    order = move(gen_order(), APPROVE)
    auth.login("org1")
    assert client.get(f"/admin/org/orders/{order.id}").status_code == 404


def test_order_page_shows_what_the_organisation_needs(auth, client):
    order = move(gen_order(preferred_time="周六下午"), APPROVE, DISPATCH_ORG1)
    auth.login("org1")
    page = text(client.get(f"/admin/org/orders/{order.id}"))
    for value in ("家里老人需要有人上门打扫卫生", "幸福社区和平路12号3栋", "周六下午",
                  f'href="tel:{PHONE}"', "助洁"):
        assert value in page, value
    assert forms_offered(page) == ["accept", "decline"]
    assert 'aria-current="page">我的订单</a>' in page
    assert "通知居民" not in page  # the bureau's messages to the resident are not theirs


def test_accept_then_complete_credits_the_roster_volunteers_only(auth, client):
    helper = gen_volunteer("王志愿")
    ticked = gen_volunteer("陈志愿")
    elsewhere = gen_volunteer("李志愿")  # registered and approved, but not on org1's roster
    order = move(gen_order(), APPROVE, DISPATCH_ORG1)
    auth.login("org1")
    for volunteer in (helper, ticked):
        client.post("/admin/org/volunteers", data={"name": volunteer.name, "phone": "1111"})
    page = text(post(client, order, "accept"))
    assert "已接单，请按约定时间上门服务。" in flashes(page)
    assert fresh(order).state == "in_service" and forms_offered(page) == [
        "complete", "cannot_complete"]
    typed = dict(notes="打扫了客厅和厨房", hours="2.5", volunteer_ids=[ticked.id],
                 volunteers="王志愿，李志愿\n无名氏")
    page = text(post(client, fresh(order), "complete", **typed))
    # Names on no roster: a warning, nothing done, everything as typed.
    assert "不会记入志愿服务时长：李志愿、无名氏" in " ".join(flashes(page))
    assert fresh(order).state == "in_service" and "王志愿，李志愿\n无名氏" in page
    assert 'data-testid="unregistered-confirm"' in page
    assert db.session.scalars(db.select(ServiceHours)).all() == []
    page = text(post(client, fresh(order), "complete", unregistered_ok="y", **typed))
    done = " ".join(flashes(page))
    assert "已提交服务完成情况" in done and "已为 2 位志愿者记录服务时长" in done
    order = fresh(order)
    assert (order.state, order.service_hours) == ("awaiting_rating", 2.5)
    assert order.volunteers == [{"id": ticked.id, "name": "陈志愿"}, {"id": helper.id, "name": "王志愿"},
                                {"name": "李志愿", "registered": False},
                                {"name": "无名氏", "registered": False}]
    credited = db.session.scalars(db.select(ServiceHours).order_by(ServiceHours.id)).all()
    assert [(h.volunteer_id, h.hours) for h in credited] == [(ticked.id, 2.5), (helper.id, 2.5)]
    assert elsewhere.id not in {h.volunteer_id for h in credited}
    # Done: the phone is masked again and no actions are left.
    assert PHONE not in page and "138****8000" in page and forms_offered(page) == []
    assert "打扫了客厅和厨房" in page and "志愿者 王**：2.5 小时，已记入" in page
    assert "无**（非登记志愿者）" in page and "王志愿：" not in page  # names masked there too


@pytest.mark.parametrize("hours, notes, message", [
    ("abc", "打扫完毕", "请填写服务时长"), ("200", "打扫完毕", "请填写服务时长"),
    ("nan", "打扫完毕", "请填写服务时长"), ("2", " ", "请填写服务情况说明")])
def test_complete_needs_hours_and_notes(auth, client, hours, notes, message):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1)
    auth.login("org1")
    page = text(post(client, order, "complete", notes=notes, hours=hours))
    assert message in " ".join(flashes(page)) and fresh(order).state == "in_service"


def test_decline_needs_a_reason_and_hands_the_order_back(auth, client):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1)
    auth.login("org1")
    assert "请填写原因。" in flashes(text(post(client, order, "decline")))
    response = client.post(f"/admin/org/orders/{order.id}/decline",
                           data={"version": order.version, "reason": "该时段人手不足"})
    assert response.headers["Location"] == "/admin/org/"  # no longer theirs to see
    order = fresh(order)
    assert (order.state, order.organization_id) == ("pending_dispatch", None)
    assert "已拒单" in " ".join(flashes(text(client.get("/admin/org/"))))
    assert client.get(f"/admin/org/orders/{order.id}").status_code == 404


def test_cannot_complete_needs_a_reason(auth, client):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1)
    auth.login("org1")
    assert "请填写原因。" in flashes(text(post(client, order, "cannot_complete")))
    post(client, order, "cannot_complete", reason="居民不在家，联系不上")
    assert fresh(order).state == "pending_dispatch"


def test_stale_org_form_gets_the_conflict_message(auth, client):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1)
    stale = order.version
    move(order, ACCEPT_ORG1)  # a colleague of the same organisation accepted it already
    auth.login("org1")
    page = text(post(client, order, "decline", version=stale, reason="人手不足"))
    assert "刚刚已被其他人处理" in " ".join(flashes(page)) and fresh(order).state == "in_service"


@pytest.mark.parametrize("event", ["approve", "dispatch", "reopen", "cancel", "rate"])
def test_org_endpoint_takes_only_org_events(auth, client, event):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1)
    auth.login("org1")
    assert post(client, order, event, reason="x").status_code == 404
    assert fresh(order).state == "dispatched"


def test_timeline_keeps_other_organisations_out(auth, client):
    order = move(gen_order(), APPROVE, DISPATCH_ORG2,
                 ("decline", "org2", {"reason": "助医人员已排满"}), DISPATCH_ORG1)
    auth.login("org1")
    page = text(client.get(f"/admin/org/orders/{order.id}"))
    assert "拒单" in page and "助医人员已排满" not in page and "赵社工" not in page
    assert "派给：阳光为老服务中心" in page


@pytest.mark.parametrize("username", ["staff", "admin"])
def test_staff_cannot_use_org_endpoints(auth, client, username):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1)
    auth.login(username)
    assert client.get(f"/admin/org/orders/{order.id}").status_code == 403
    response = client.post(f"/admin/org/orders/{order.id}/accept",
                           data={"version": order.version})
    assert response.status_code == 403 and fresh(order).state == "dispatched"
