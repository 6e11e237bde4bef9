"""During 转人工 the bot still answers guide questions; staff see them and their reply reaches the resident."""
from core.extensions import db
from handoff.models import Ticket
from tests.admin.admin_helpers import text
from tests.helpers import Chat


def test_question_in_handoff_is_answered_shown_to_staff_and_staff_reply_arrives(auth, client, app):
    app.config["JOBS_INLINE"] = True
    chat = Chat(client)
    chat.say("转人工")
    assert "【低保·所需材料】" in chat.say("低保要什么材料")
    ticket = db.session.scalar(db.select(Ticket))
    auth.login("staff")
    assert "低保要什么材料" in text(client.get(f"/admin/handoffs/{ticket.id}"))
    client.post(f"/admin/handoffs/{ticket.id}", data={"text": "材料清单已发您，明天可以来窗口。"})
    assert any("材料清单已发您" in m and "人工客服" in m for m in chat.outbox())
