"""转人工 for a working day: claim and assign, 待回复 / 已回复 / 已结束, waiting time, the resident's problem."""
from datetime import timedelta

from admin_helpers import audit_actions, text
from order_helpers import flashes, gen_order, user

from core.audit import utcnow
from core.extensions import db
from handoff.models import Ticket
from handoff.operations import add_resident_message, open_ticket, staff_reply
from core.residents import Resident
from notifications.models import StaffNotice
from tests.helpers import Chat, wx


RESIDENT = wx("o居民B")


def gen_ticket(resident: Resident = RESIDENT, text_: str = "我要找人工", ago: timedelta | None = None) -> Ticket:
    ticket = open_ticket(resident, text_)
    if ago is not None:
        ticket.resident_at = utcnow() - ago
    db.session.commit()
    return ticket


def fresh(ticket: Ticket) -> Ticket:
    db.session.expire_all()
    return db.session.get(Ticket, ticket.id)


def row(page: str, ticket: Ticket) -> str:
    start = page.index(f'data-ticket="{ticket.id}"')
    return page[start:page.index("</tr>", start)]


def problem(page: str, ticket: Ticket) -> str:
    """The 居民的问题 cell of a ticket's row."""
    cell = row(page, ticket).split('data-label="居民的问题"', 1)[1]
    return cell[:cell.index("</td>")]


def test_list_shows_the_residents_problem_not_the_trigger(auth, client, app):
    app.config["JOBS_INLINE"] = True
    chat = Chat(client)
    chat.say("我叫王小明，我家老人的高龄津贴这个月没到账，电话13812345678")
    chat.say("转人工")
    ticket = db.session.scalar(db.select(Ticket))
    auth.login("staff")
    listed = problem(text(client.get("/admin/handoffs")), ticket)
    assert "高龄津贴这个月没到账" in listed and "转人工" not in listed
    assert "王小明" not in listed and "13812345678" not in listed  # masked for PII
    chat.say("在吗")  # says nothing of the matter: the problem stays
    chat.say("卡号已经换过了，还是没到")
    assert "卡号已经换过了，还是没到" in problem(text(client.get("/admin/handoffs")), ticket)


def test_states_counts_and_the_longest_wait_first(auth, client):
    old = gen_ticket(wx("o1"), "低保卡丢了怎么补办", ago=timedelta(hours=3, minutes=5))
    new = gen_ticket(wx("o2"), "殡葬补贴怎么领", ago=timedelta(minutes=12))
    answered = gen_ticket(wx("o3"), "婚姻登记要预约吗")
    staff_reply(answered, "王科员", "不用预约。", actor="staff")
    db.session.commit()
    auth.login("staff")
    page = text(client.get("/admin/handoffs"))
    assert page.index(old.reference) < page.index(new.reference) and answered.reference not in page
    assert "已等待 3 小时 5 分" in row(page, old) and "已等待 12 分钟" in row(page, new)
    assert 'data-testid="count-waiting">2<' in page and 'data-testid="count-answered">1<' in page
    page = text(client.get("/admin/handoffs?status=answered"))
    assert answered.reference in page and old.reference not in page
    add_resident_message(fresh(answered), "那结婚证丢了怎么办")  # the resident writes again
    db.session.commit()
    page = text(client.get("/admin/handoffs"))
    assert answered.reference in page and 'data-testid="count-waiting">3<' in page


def test_claim_mine_and_a_claim_someone_made_first(auth, client):
    ticket = gen_ticket()
    other = gen_ticket(wx("o2"), "想咨询低保")
    auth.login("staff")
    client.post(f"/admin/handoffs/{ticket.id}/claim", data={"assignee_id": ""})
    assert fresh(ticket).assignee_id == user("staff").id
    mine = text(client.get("/admin/handoffs?mine=1"))
    assert ticket.reference in mine and other.reference not in mine
    assert "mine=1" in mine  # the tabs keep the filter
    # Someone else claimed the other one after this page was drawn.
    taken = fresh(other)
    taken.assignee_id, taken.assignee = user("admin").id, "系统管理员"
    db.session.commit()
    page = text(client.post(f"/admin/handoffs/{other.id}/claim", data={"assignee_id": ""},
                            follow_redirects=True))
    assert any("已由 系统管理员 认领" in f for f in flashes(page))
    assert fresh(other).assignee_id == user("admin").id
    assert audit_actions("ticket.") == ["ticket.open", "ticket.open", "ticket.claim"]


def test_assign_tells_the_colleague(auth, client):
    ticket = gen_ticket()
    auth.login("admin")
    colleague = user("staff")
    client.post(f"/admin/handoffs/{ticket.id}/assign", data={"user_id": colleague.id})
    assert fresh(ticket).assignee_id == colleague.id
    notice = db.session.scalar(db.select(StaffNotice).filter_by(user_id=colleague.id))
    assert notice is not None and ticket.reference in notice.text
    page = text(client.post(f"/admin/handoffs/{ticket.id}/assign",
                            data={"user_id": user("org1").id}, follow_redirects=True))
    assert any("只能指派给在职的民政工作人员" in f for f in flashes(page))
    assert fresh(ticket).assignee_id == colleague.id


def test_reply_takes_the_ticket_and_it_moves_to_answered(auth, client, app):
    app.config["JOBS_INLINE"] = True
    chat = Chat(client)
    chat.say("转人工")
    chat.say("我想问问残疾人两项补贴")
    ticket = db.session.scalar(db.select(Ticket))
    auth.login("staff")
    client.post(f"/admin/handoffs/{ticket.id}", data={"text": "您好，请带残疾证到社区办理。"})
    assert (fresh(ticket).phase, fresh(ticket).assignee_id) == ("answered", user("staff").id)
    assert any("请带残疾证到社区办理" in m for m in chat.outbox())  # still reaches the resident


def test_ticket_page_links_the_residents_orders_and_applications(auth, client):
    order = gen_order()
    ticket = gen_ticket(order.resident, "上门打扫的人还没来")
    gen_order().resident = wx("o别人")
    db.session.commit()
    auth.login("staff")
    page = text(client.get(f"/admin/handoffs/{ticket.id}"))
    linked = page[page.index('data-testid="linked-orders"'):page.index('data-testid="linked-applications"')]
    assert f"/admin/orders/{order.id}" in linked and linked.count("/admin/orders/") == 1


def test_hostile_text_is_escaped_on_the_list_and_page(auth, client):
    ticket = gen_ticket(wx("o<b>"), "<script>alert(1)</script>" + "很长" * 3000)
    auth.login("staff")
    for page in (text(client.get("/admin/handoffs")), text(client.get(f"/admin/handoffs/{ticket.id}"))):
        assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_old_status_links_still_work(auth, client):
    ticket = gen_ticket()
    auth.login("staff")
    assert ticket.reference in text(client.get("/admin/handoffs?status=open"))
    assert ticket.reference in text(client.get("/admin/handoffs?status=nonsense"))
