"""Staff order pages: queues, an order's page and timeline, and every staff action by form."""
from datetime import timedelta

import pytest
from admin_helpers import audit_actions, csrf_token, text
from order_helpers import (
    ACCEPT_ORG1,
    APPROVE,
    COMPLETE_ORG1,
    DISPATCH_ORG1,
    PHONE,
    flashes,
    forms_offered,
    gen_order,
    move,
    org_id,
)

from core.audit import utcnow
from core.extensions import db
from orders import operations
from orders.models import Order


def cst(value) -> str:
    return (value + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")


def post(client, order, event, **data):
    """Submit one action form of the order's page, with the version it shows."""
    data.setdefault("version", order.version)
    return client.post(f"/admin/orders/{order.id}/{event}", data=data, follow_redirects=True)


def state_of(order) -> str:
    db.session.expire_all()
    return db.session.get(Order, order.id).state


def test_queue_puts_overdue_then_escalated_first(auth, client):
    fresh = gen_order()
    escalated = gen_order()
    operations.remind(escalated, "escalate", "超时上报", utcnow())
    late = gen_order(now=utcnow() - timedelta(days=10))
    db.session.commit()
    auth.login("staff")
    page = text(client.get("/admin/orders?state=submitted"))
    assert page.index(late.number) < page.index(escalated.number) < page.index(fresh.number)
    assert f'class="overdue" data-number="{late.number}"' in page
    assert f'class=" escalated" data-number="{escalated.number}"' in page and "已上报" in page
    assert cst(late.due_at) in page and cst(fresh.due_at) in page  # deadlines in Beijing time
    tab = page[page.index('data-state="submitted"'):page.index('data-state="pending_dispatch"')]
    assert 'data-count="orders.submitted.total">3</span>' in tab and "超时 1" in tab


def test_queue_tabs_and_number_search(auth, client):
    order = move(gen_order(), APPROVE)
    auth.login("staff")
    assert order.number not in text(client.get("/admin/orders"))  # submitted is the default
    assert order.number in text(client.get("/admin/orders?state=pending_dispatch"))
    found = client.get(f"/admin/orders?q={order.number.lower()}")
    assert found.headers["Location"] == f"/admin/orders/{order.id}"
    assert "没有找到单号" in text(client.get("/admin/orders?q=DD0", follow_redirects=True))
    assert client.get("/admin/orders?state=nonsense").status_code == 404


def test_detail_shows_fields_masked_phone_and_timeline(auth, client):
    order = move(gen_order(preferred_time="明天上午"), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1)
    auth.login("staff")
    page = text(client.get(f"/admin/orders/{order.id}"))
    for value in ("家里老人需要有人上门打扫卫生", "幸福社区和平路**号*栋", "明天上午", "助洁",
                  "阳光为老服务中心", "服务中"):
        assert value in page, value
    assert "138****8000" in page and PHONE not in page and "和平路12号" not in page
    assert 'aria-current="page">居民点单</a>' in page  # the menu still marks the section
    timeline = page[page.index('data-testid="timeline"'):]
    for value in ("点单", "审核通过", "民政工作人员 · 民政局 王科员", "待审单 → 待派单",
                  "派单", "派给：阳光为老服务中心", "接单", "社会组织 · 阳光为老 李社工",
                  "待接单 → 服务中", "通知居民"):
        assert value in timeline, value
    assert timeline.index("审核通过") < timeline.index("派给：") < timeline.index("待接单 → 服务中")
    assert audit_actions("order.view") == []
    shown = text(client.get(f"/admin/orders/{order.id}?show=phone"))
    assert PHONE in shown and audit_actions("order.view") == ["order.view_phone"]
    assert "和平路12号" not in shown  # one value shown, the others still masked
    shown = text(client.get(f"/admin/orders/{order.id}?show=address"))
    assert "幸福社区和平路12号3栋" in shown and PHONE not in shown
    assert audit_actions("order.view") == ["order.view_phone", "order.view_address"]


def test_approve_then_dispatch_through_the_forms(auth, client):
    order = gen_order()
    auth.login("staff")
    assert forms_offered(text(client.get(f"/admin/orders/{order.id}"))) == [
        "approve", "reject", "close_admin", "cancel"]
    page = text(post(client, order, "approve"))
    assert "已审核通过，请为订单派单。" in flashes(page) and state_of(order) == "pending_dispatch"
    assert forms_offered(page) == ["dispatch", "close_admin", "cancel"]
    suggestions = page[page.index('data-testid="suggestions"'):page.index("</table>",
                                                                    page.index("suggestions"))]
    # Cleaning in 幸福社区: 阳光为老 serves both, and is recommended first, with its reasons.
    assert suggestions.index("阳光为老服务中心") < suggestions.index("邻里帮家政维修队")
    assert "推荐" in suggestions and "✓ 服务此类" in suggestions and "✗ 不覆盖" in suggestions
    order = db.session.get(Order, order.id)
    page = text(post(client, order, "dispatch", organization_id=org_id("org3")))
    assert "已派单给“邻里帮家政维修队”，等待对方接单。" in flashes(page)
    order = db.session.get(Order, order.id)
    assert (order.state, order.organization_id) == ("dispatched", org_id("org3"))


def test_dispatch_without_an_organisation_is_refused(auth, client):
    order = move(gen_order(), APPROVE)
    auth.login("staff")
    assert "请选择要派给的社会组织。" in flashes(text(post(client, order, "dispatch")))
    assert state_of(order) == "pending_dispatch"


def test_declined_organisation_is_marked_and_ranked_last(auth, client):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1, ("decline", "org1", {"reason": "人手不足"}))
    auth.login("staff")
    page = text(client.get(f"/admin/orders/{order.id}"))
    rows = page[page.index('data-testid="suggestions"'):].split("</table>")[0].split("</tr>")
    assert "阳光为老服务中心" in rows[-2] and "曾拒单/退回" in rows[-2]
    assert "人手不足" in page and "退回自：阳光为老服务中心" in page


def test_stale_form_gets_the_conflict_message(auth, client):
    order = gen_order()
    stale = order.version
    move(order, APPROVE)  # a colleague approved it after our page was drawn
    auth.login("staff")
    response = client.post(f"/admin/orders/{order.id}/reject",
                           data={"version": stale, "reason": "信息不全"}, follow_redirects=True)
    assert response.status_code == 200
    assert "这张订单刚刚已被其他人处理，现在是“待派单”状态，请刷新后查看。" in flashes(text(response))
    assert state_of(order) == "pending_dispatch"


def test_form_without_version_is_400(auth, client):
    order = gen_order()
    auth.login("staff")
    assert client.post(f"/admin/orders/{order.id}/approve").status_code == 400
    assert state_of(order) == "submitted"


def test_reject_needs_a_reason(auth, client):
    order = gen_order()
    auth.login("staff")
    assert "请填写原因。" in flashes(text(post(client, order, "reject", reason="  ")))
    assert state_of(order) == "submitted"
    post(client, order, "reject", reason="不属于上门服务范围")
    assert state_of(order) == "rejected"
    assert "不属于上门服务范围" in text(client.get(f"/admin/orders/{order.id}"))


def test_action_not_allowed_now_is_flashed(auth, client):
    order = move(gen_order(), APPROVE)
    auth.login("staff")
    page = text(post(client, order, "approve"))
    assert "订单当前是“待派单”状态，不能审核通过。" in flashes(page)


@pytest.mark.parametrize("event", ["accept", "complete", "rate", "submit", "nonsense"])
def test_staff_endpoint_takes_only_staff_events(auth, client, event):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1)
    auth.login("staff")
    assert post(client, order, event).status_code == 404
    assert client.get("/admin/orders/99999").status_code == 404
    assert client.post("/admin/orders/99999/approve", data={"version": 1}).status_code == 404


def test_reassign_while_in_service_needs_a_reason(auth, client):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1)
    auth.login("staff")
    page = text(client.get(f"/admin/orders/{order.id}"))
    assert forms_offered(page) == ["reassign", "cancel"] and "当前组织" in page
    assert "请填写原因。" in flashes(text(post(client, order, "reassign",
                                                organization_id=org_id("org3"))))
    post(client, order, "reassign", organization_id=org_id("org3"), reason="原组织人手不足")
    order = db.session.get(Order, order.id)
    assert (order.state, order.organization_id) == ("dispatched", org_id("org3"))


def test_reopen_after_a_low_rating_only(auth, client):
    low = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1, COMPLETE_ORG1,
               ("rate", "resident", {"score": 2, "resolved": False}))
    happy = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1, COMPLETE_ORG1,
                 ("rate", "resident", {"score": 5, "resolved": True}))
    auth.login("staff")
    assert forms_offered(text(client.get(f"/admin/orders/{happy.id}"))) == []
    page = text(client.get(f"/admin/orders/{low.id}"))
    # Reopened, or a 回访 recorded: either takes it out of the 回访 queue.
    assert forms_offered(page) == ["follow_up", "reopen"] and "2 分（问题未解决）" in page
    page = text(post(client, low, "reopen", reason="居民反映没有打扫干净"))
    assert "已重新打开订单，请重新派单。" in flashes(page)
    low = db.session.get(Order, low.id)
    assert (low.state, low.organization_id) == ("pending_dispatch", None)
    # Refused when the resident was satisfied, even if someone posts the form anyway.
    page = text(post(client, happy, "reopen", reason="复查"))
    assert "只有评分较低" in " ".join(flashes(page)) and state_of(happy) == "closed"


def test_close_admin_needs_kind_and_reason(auth, client):
    order = gen_order()
    auth.login("staff")
    assert "请选择关闭类型" in " ".join(flashes(text(post(client, order, "close_admin",
                                                            reason="重复"))))
    assert "请填写原因。" in flashes(text(post(client, order, "close_admin", kind="duplicate")))
    assert state_of(order) == "submitted"
    page = text(post(client, order, "close_admin", kind="duplicate", reason="与上一单重复"))
    assert "已行政关闭订单，已告知居民。" in flashes(page)
    order = db.session.get(Order, order.id)
    assert (order.state, order.outcome) == ("closed_admin", "duplicate")
    assert "关闭类型：重复提交" in page and "与上一单重复" in page


def test_staff_cancel(auth, client):
    waiting = gen_order()
    serving = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1)
    auth.login("staff")
    post(client, waiting, "cancel")
    assert state_of(waiting) == "cancelled"
    assert "请填写原因。" in flashes(text(post(client, serving, "cancel")))
    post(client, serving, "cancel", reason="居民已入住养老机构")
    assert state_of(serving) == "cancelled"


@pytest.mark.parametrize("username", ["org1", "org2"])
def test_org_users_cannot_reach_staff_order_pages(auth, client, username):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1)
    auth.login(username)
    assert client.get("/admin/orders").status_code == 403
    assert client.get(f"/admin/orders/{order.id}").status_code == 403
    assert client.post(f"/admin/orders/{order.id}/cancel",
                       data={"version": order.version}).status_code == 403
    assert state_of(order) == "dispatched"


def test_order_action_without_csrf_token_is_400(csrf_client):
    order = gen_order()
    login = text(csrf_client.get("/admin/login"))
    csrf_client.post("/admin/login", data={"username": "staff", "password": "staff12345",
                                           "csrf_token": csrf_token(login)})
    page = text(csrf_client.get(f"/admin/orders/{order.id}"))
    response = csrf_client.post(f"/admin/orders/{order.id}/approve",
                                data={"version": order.version})
    assert response.status_code == 400 and "页面已过期" in text(response)
    assert state_of(order) == "submitted"
    response = csrf_client.post(f"/admin/orders/{order.id}/approve",
                                data={"version": order.version, "csrf_token": csrf_token(page)})
    assert response.status_code == 302 and state_of(order) == "pending_dispatch"
