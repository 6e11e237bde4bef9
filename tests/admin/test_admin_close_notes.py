"""A booking cancelled with the reason the resident is told, a ticket ended with a note: 常用语 without script."""
import uuid
from datetime import timedelta

from admin_helpers import audit_actions, field, refused, text
from test_admin_phrases import gen_phrase

from applications import operations as app_ops
from applications.models import Appointment
from core import calendar
from core.audit import AuditEntry
from core.extensions import db
from handoff.models import Ticket
from handoff.operations import open_ticket
from notifications.models import Notification
from tests.helpers import gen_id, wx, years_ago


def _booking(openid: str = "o-cancel") -> Appointment:
    person = app_ops.Person("钱预约", "13812345678", gen_id(years_ago(40)), "幸福社区")
    appt = app_ops.book_appointment(wx(openid), "MZ17", "婚姻登记", calendar.today() + timedelta(days=2),
                                    "10:00", person, {}, {}, key=uuid.uuid4().hex)
    db.session.commit()
    return appt


def _told(openid: str) -> list[str]:
    return list(db.session.scalars(db.select(Notification.text).where(Notification.resident_id == openid)))


def test_a_booking_is_not_cancelled_without_a_reason_and_a_long_one_is_kept(auth, client):
    appt = _booking()
    auth.login("staff")
    page = refused(client, f"/admin/appointments/{appt.id}/cancel", reason="  ")
    assert "请填写取消原因" in field(page, "cancel-reason")
    long = "窗口临时停办，" * 100
    page = refused(client, f"/admin/appointments/{appt.id}/cancel", reason=long)
    assert long in field(page, "cancel-reason") and "最多 500 字" in field(page, "cancel-reason")
    db.session.expire_all()
    assert db.session.get(Appointment, appt.id).status == "booked" and _told("o-cancel") == []


def test_a_picked_reason_is_used_without_script_and_the_resident_reads_it(auth, client):
    appt = _booking()
    phrase = gen_phrase("appointment.cancel", "停办", "窗口临时停办，请重新预约。")
    auth.login("staff")
    page = text(client.get(f"/admin/appointments/{appt.id}/cancel?next=/admin/appointments%3Fday%3D"))
    assert 'id="cancel-reason-phrase"' in page and "停办" in page
    response = client.post(f"/admin/appointments/{appt.id}/cancel",
                           data={"reason": "", "phrase": str(phrase.id), "next": "/admin/appointments?status=booked"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/appointments?status=booked")
    db.session.expire_all()
    assert db.session.get(Appointment, appt.id).reason == "窗口临时停办，请重新预约。"
    assert any("已取消。说明：窗口临时停办，请重新预约。" in t and "。。" not in t for t in _told("o-cancel"))
    entry = db.session.scalar(db.select(AuditEntry).filter_by(action="appointment.cancel"))
    assert entry.after == {"reason": "窗口临时停办，请重新预约。"}
    # Cancelled meanwhile: the page says so and keeps what was typed.
    page = refused(client, f"/admin/appointments/{appt.id}/cancel", reason="重复预约")
    assert "不能再取消" in page and "重复预约" in page[page.index('data-testid="unsent"'):]


def test_an_outside_next_is_not_followed(auth, client):
    appt = _booking()
    auth.login("staff")
    response = client.post(f"/admin/appointments/{appt.id}/cancel",
                           data={"reason": "居民来电取消", "next": "https://evil.example/"})
    assert response.headers["Location"].endswith("/admin/appointments")


def test_a_ticket_ended_with_the_close_note_picked_beside_an_empty_reply_select(auth, client):
    ticket = open_ticket(wx("o-close"), "我要找人工")
    db.session.commit()
    note = gen_phrase("ticket.close", "已电话联系", "已电话联系居民，说明了办理要求。")
    auth.login("staff")
    page = text(client.get(f"/admin/handoffs/{ticket.id}"))
    assert 'id="close-note-phrase"' in page and 'id="reply-text-phrase"' in page
    # Without script the form posts both selects: the reply's left empty, the note's picked.
    response = client.post(f"/admin/handoffs/{ticket.id}",
                           data={"text": "", "note": "", "phrase": ["", str(note.id)], "close": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    closed = db.session.get(Ticket, ticket.id)
    assert closed.status == "closed" and closed.close_note == "已电话联系居民，说明了办理要求。"
    entry = db.session.scalar(db.select(AuditEntry).filter_by(action="ticket.close"))
    assert entry.after == {"note": "已电话联系居民，说明了办理要求。"}
    assert not any("已电话联系" in t for t in _told("o-close"))  # staff's record, not a message


def test_a_note_picked_for_the_reply_box_is_not_sent(auth, client):
    ticket = open_ticket(wx("o-close2"), "我要找人工")
    db.session.commit()
    note = gen_phrase("ticket.close", "重复", "重复工单。")
    auth.login("staff")
    client.post(f"/admin/handoffs/{ticket.id}", data={"text": "", "phrase": [str(note.id)]})
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).messages[-1].author == "resident"
    assert audit_actions("ticket.reply") == []
