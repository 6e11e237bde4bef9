"""A refused order step comes back as the page, with what was typed and why, next to the field."""
import pytest
from admin_helpers import csrf_token, field, refused, text
from order_helpers import (
    ACCEPT_ORG1,
    APPROVE,
    COMPLETE_ORG1,
    DISPATCH_ORG1,
    flashes,
    gen_order,
    move,
    org_id,
)

from core.extensions import db
from orders.models import Order
from volunteers.models import ServiceHours

NOTES = "已上门打扫客厅和厨房，老人表示满意"
NAMES = "王志愿，李四\n陈五"


def form_of(html: str, event: str) -> str:
    start = html.index(f'data-event="{event}"')
    return html[start:html.index("</form>", start)]


def fresh(order) -> Order:
    db.session.expire_all()
    return db.session.get(Order, order.id)


def serving():
    return move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1)


@pytest.mark.parametrize("notes, hours, bad, message", [
    (NOTES, "abc", "hours", "请填写服务时长（0 到 168 小时）。"),
    (NOTES, "200", "hours", "请填写服务时长（0 到 168 小时）。"),
    ("   ", "2.5", "notes", "请填写服务情况说明。"),
    ("很" * 2001, "2.5", "notes", "服务情况说明最多 2000 字"),
])
def test_refused_completion_keeps_everything_typed(auth, client, notes, hours, bad, message):
    order = serving()
    auth.login("org1")
    page = refused(client, f"/admin/org/orders/{order.id}/complete", version=order.version,
                   notes=notes, hours=hours, volunteers=NAMES)
    assert message in field(page, bad) and 'aria-invalid="true"' in field(page, bad)
    assert "autofocus" in field(page, bad)  # the cursor goes where the problem is
    assert any(message in flash for flash in flashes(page))
    if notes.strip():
        assert notes in field(page, "notes")
    assert f'value="{hours}"' in field(page, "hours") and NAMES in field(page, "volunteers")
    assert fresh(order).state == "in_service"
    assert db.session.scalars(db.select(ServiceHours)).all() == []


def test_typed_text_is_escaped_when_shown_again(auth, client):
    order = serving()
    auth.login("org1")
    page = refused(client, f"/admin/org/orders/{order.id}/complete", version=order.version,
                   notes="<script>alert(1)</script>", hours="x")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_completion_accepted_after_a_refusal_redirects(auth, client):
    order = serving()
    auth.login("org1")
    refused(client, f"/admin/org/orders/{order.id}/complete", version=order.version,
            notes=NOTES, hours="")
    response = client.post(f"/admin/org/orders/{order.id}/complete",
                           data={"version": order.version, "notes": NOTES, "hours": "2"})
    assert response.headers["Location"] == f"/admin/org/orders/{order.id}"  # POST-redirect-GET
    assert fresh(order).state == "awaiting_rating"


@pytest.mark.parametrize("reason, message", [
    ("  ", "请填写原因。"), ("人手不足" * 130, "原因最多 500 字")])
def test_refused_decline_opens_again_with_the_reason(auth, client, reason, message):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1)
    auth.login("org1")
    page = refused(client, f"/admin/org/orders/{order.id}/decline", version=order.version,
                   reason=reason)
    box = field(page, "decline-reason")
    assert message in box and (reason.strip() in box)
    folded = page[page.rindex("<details", 0, page.index('id="decline-reason"')):]
    assert folded.startswith('<details class="step" open>')
    assert fresh(order).state == "dispatched"


def test_refused_hand_back_keeps_the_reason(auth, client):
    order = serving()
    auth.login("org1")
    long = "居民不在家，电话也联系不上。" * 40
    page = refused(client, f"/admin/org/orders/{order.id}/cannot_complete",
                   version=order.version, reason=long)
    assert long in field(page, "cc-reason") and "原因最多 500 字" in field(page, "cc-reason")
    assert fresh(order).state == "in_service"


@pytest.mark.parametrize("event, control", [("reject", "reject-reason"),
                                            ("cancel", "cancel-reason")])
def test_staff_refusal_with_too_long_reason_keeps_it(auth, client, event, control):
    order = gen_order()
    auth.login("staff")
    long = "该需求不属于上门服务范围，请联系社区。" * 30
    page = refused(client, f"/admin/orders/{order.id}/{event}", version=order.version,
                   reason=long)
    assert long in field(page, control) and "原因最多 500 字" in field(page, control)
    assert fresh(order).state == "submitted"


@pytest.mark.parametrize("event, control, steps", [
    ("reject", "reject-reason", ()),
    ("cancel", "cancel-reason", (APPROVE, DISPATCH_ORG1, ACCEPT_ORG1)),
    ("reopen", "reopen-reason", (APPROVE, DISPATCH_ORG1, ACCEPT_ORG1, COMPLETE_ORG1,
                                 ("rate", "resident", {"score": 1, "resolved": False}))),
])
def test_staff_step_without_reason_says_so_next_to_it(auth, client, event, control, steps):
    order = move(gen_order(), *steps)
    before = order.state
    auth.login("staff")
    page = refused(client, f"/admin/orders/{order.id}/{event}", version=order.version,
                   reason="  ")
    assert "请填写原因。" in field(page, control) and "autofocus" in field(page, control)
    assert "请填写原因。" in flashes(page) and fresh(order).state == before


def test_close_admin_keeps_kind_and_reason(auth, client):
    order = gen_order()
    auth.login("staff")
    page = refused(client, f"/admin/orders/{order.id}/close_admin", version=order.version,
                   reason="与上一单重复")
    assert "请选择关闭类型" in field(page, "close-kind") and "与上一单重复" in field(page, "close-reason")
    page = refused(client, f"/admin/orders/{order.id}/close_admin", version=order.version,
                   kind="duplicate", reason=" ")
    assert '<option value="duplicate" selected>' in field(page, "close-kind")
    assert "请填写原因。" in field(page, "close-reason")
    assert fresh(order).state == "submitted"


def test_refused_reassign_keeps_the_chosen_organisation(auth, client):
    order = serving()
    auth.login("staff")
    chosen = org_id("org3")
    page = refused(client, f"/admin/orders/{order.id}/reassign", version=order.version,
                   organization_id=chosen)
    form = form_of(page, "reassign")
    radio = form[form.rindex("<input", 0, form.index(f'value="{chosen}"')):]
    assert radio[:radio.index(">")].split().count("checked") == 1
    assert form.count("checked") == 1 and "请填写原因。" in field(page, "reassign-reason")


def test_dispatch_without_an_organisation_says_so_under_the_list(auth, client):
    order = move(gen_order(), APPROVE)
    auth.login("staff")
    form = form_of(refused(client, f"/admin/orders/{order.id}/dispatch",
                           version=order.version), "dispatch")
    assert '<p class="error">请选择要派给的社会组织。</p>' in form and "autofocus" in form


def test_stale_page_keeps_the_typed_reason_when_the_step_is_gone(auth, client):
    order = gen_order()
    stale = order.version
    move(order, APPROVE)  # a colleague approved it after our page was drawn
    auth.login("staff")
    page = refused(client, f"/admin/orders/{order.id}/reject", version=stale,
                   reason="信息不全，无法核实地址")
    assert "刚刚已被其他人处理" in " ".join(flashes(page))
    assert 'data-event="reject"' not in page  # not offered any more…
    unsent = page[page.index('data-testid="unsent"'):]
    assert "信息不全，无法核实地址" in unsent[:unsent.index("</section>")]  # …but nothing is lost


def test_stale_page_keeps_the_text_in_a_step_still_offered(auth, client):
    order = gen_order()
    stale = order.version
    move(order, APPROVE)
    auth.login("staff")
    page = refused(client, f"/admin/orders/{order.id}/cancel", version=stale,
                   reason="居民来电说不需要了")
    order = fresh(order)
    form = form_of(page, "cancel")
    assert "居民来电说不需要了" in form and f'name="version" value="{order.version}"' in form
    assert order.state == "pending_dispatch"


def test_refused_form_comes_back_with_a_working_csrf_token(csrf_client):
    order = serving()
    login = text(csrf_client.get("/admin/login"))
    csrf_client.post("/admin/login", data={"username": "org1", "password": "org12345",
                                           "csrf_token": csrf_token(login)})
    token = csrf_token(text(csrf_client.get(f"/admin/org/orders/{order.id}")))
    path = f"/admin/org/orders/{order.id}/complete"
    response = csrf_client.post(path, data={"version": order.version, "notes": NOTES,
                                            "hours": "-1", "csrf_token": token})
    assert response.status_code == 200 and NOTES in text(response)
    again = csrf_token(text(response))
    # Still protected: the same post without a token is refused outright.
    assert csrf_client.post(path, data={"version": order.version, "notes": NOTES,
                                        "hours": "2"}).status_code == 400
    response = csrf_client.post(path, data={"version": order.version, "notes": NOTES,
                                            "hours": "2", "csrf_token": again})
    assert response.status_code == 302 and fresh(order).state == "awaiting_rating"


def test_reloading_a_refused_step_opens_the_order_not_a_405(auth, client):
    # The refused page lives at the step's address; a reload or a copied link is a GET.
    order = serving()
    auth.login("org1")
    response = client.get(f"/admin/org/orders/{order.id}/complete")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/admin/org/orders/{order.id}")
    auth.logout()
    auth.login("staff")
    response = client.get(f"/admin/orders/{order.id}/close")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/admin/orders/{order.id}")
