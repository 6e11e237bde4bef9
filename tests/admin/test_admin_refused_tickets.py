"""Ticket replies: a refused reply stays in the box, and closing never drops an unsent one."""
from admin_helpers import field, refused

from core.extensions import db
from handoff.models import Ticket, TicketMessage
from handoff.operations import close_ticket, open_ticket
from tests.helpers import wx


def gen_ticket() -> Ticket:
    ticket = open_ticket(wx("o居民B"), "我要找人工")
    db.session.commit()
    return ticket


def staff_messages() -> list[str]:
    return list(db.session.scalars(db.select(TicketMessage.text).filter_by(author="staff")))


def test_empty_ticket_reply_is_refused_on_the_page(auth, client):
    ticket = gen_ticket()
    auth.login("staff")
    page = refused(client, f"/admin/handoffs/{ticket.id}", text="   ")
    assert "回复内容不能为空。" in field(page, "reply-text") and staff_messages() == []


def test_too_long_ticket_reply_is_kept(auth, client):
    ticket = gen_ticket()
    auth.login("staff")
    long = "您好，关于您咨询的低保申请，需要准备以下材料。" * 50
    page = refused(client, f"/admin/handoffs/{ticket.id}", text=long)
    assert long in field(page, "reply-text") and "回复最多 1000 字" in field(page, "reply-text")
    assert staff_messages() == []


def test_closing_with_an_unsent_reply_is_refused(auth, client):
    ticket = gen_ticket()
    auth.login("staff")
    page = refused(client, f"/admin/handoffs/{ticket.id}", text="您好，我来帮您。", close="1")
    assert "回复框里还有没发送的内容" in field(page, "reply-text")
    assert "您好，我来帮您。" in field(page, "reply-text")
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).status == "open"
    response = client.post(f"/admin/handoffs/{ticket.id}", data={"text": "", "close": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).status == "closed"


def test_reply_to_a_ticket_closed_meanwhile_is_kept_for_copying(auth, client):
    ticket = gen_ticket()
    close_ticket(ticket, actor="admin")
    db.session.commit()
    auth.login("staff")
    page = refused(client, f"/admin/handoffs/{ticket.id}", text="请带身份证到社区办理")
    assert "工单已结束，不能再回复。" in page
    unsent = page[page.index('data-testid="unsent"'):]
    assert "请带身份证到社区办理" in unsent and staff_messages() == []


def test_ticket_reply_sent_redirects(auth, client):
    ticket = gen_ticket()
    auth.login("staff")
    response = client.post(f"/admin/handoffs/{ticket.id}", data={"text": "您好，我来帮您。"})
    assert response.status_code == 302 and staff_messages() == ["您好，我来帮您。"]
