"""Staff queues: approve in the admin and the resident sees it; personal data stays masked."""
from applications import operations as ops
from applications.models import Application
from core.extensions import db
from tests.admin.admin_helpers import audit_actions, text
from tests.helpers import Chat, gen_id, sim, wx, years_ago

ID = gen_id(years_ago(85))


def _application() -> Application:
    person = ops.Person(name="张三", phone="13812345678", id_number=ID, community="幸福社区")
    app = ops.submit_application(sim("居民A"), "MZ07", "高龄津贴", person, {"老人姓名": "张三"},
                                 {"id_number": ID}, key="k")
    db.session.commit()
    return app


def test_staff_approves_and_resident_is_notified(auth, client, app):
    app.config["JOBS_INLINE"] = True
    record = _application()
    auth.login("staff")
    queue = text(client.get("/admin/applications?status=submitted"))
    assert record.reference in queue and ID not in queue and ID[:4] + "*" in queue
    detail = text(client.get(f"/admin/applications/{record.id}"))
    assert ID not in detail and ID[:4] + "*" in detail and not audit_actions("application.view")
    detail = text(client.get(f"/admin/applications/{record.id}?show=personal"))
    assert ID in detail and "application.view_personal" in audit_actions("application.view")
    client.post(f"/admin/applications/{record.id}/status", data={"status": "approved"})
    db.session.refresh(record)
    assert record.status == "approved"
    history = text(client.get(f"/admin/applications/{record.id}"))
    timeline = history[history.index('data-testid="timeline"'):]
    assert "resident:" not in history  # the openid means nothing to staff
    assert '<div class="who">居民</div>' in timeline
    assert "已提交 → 已通过" in timeline and "民政工作人员 · 民政局 王科员" in timeline
    assert any("已通过" in m for m in Chat(client).outbox())


def test_org_users_cannot_see_casework(auth, client):
    auth.login("org1")
    for path in ("/admin/applications", "/admin/appointments", "/admin/volunteers", "/admin/handoffs"):
        assert client.get(path).status_code == 403


def test_ticket_reply_reaches_resident(auth, client, app):
    app.config["JOBS_INLINE"] = True
    chat = Chat(client)
    chat.say("转人工")
    from handoff.models import Ticket
    ticket = db.session.scalar(db.select(Ticket))
    auth.login("staff")
    assert "转人工" in text(client.get(f"/admin/handoffs/{ticket.id}"))
    client.post(f"/admin/handoffs/{ticket.id}", data={"text": "您好，我来帮您。"})
    assert any("您好，我来帮您" in m for m in chat.outbox())


def test_volunteer_skills_read_as_service_names_on_the_list_and_in_the_audit(auth, client):
    from volunteers.operations import register_volunteer
    register_volunteer(wx("oVolSkills"), name="王五", id_number="", phone="13900002222", skills=["meal", "repair"],
                       availability=["周末"], community="幸福社区")
    db.session.commit()
    auth.login("admin")
    page = text(client.get("/admin/volunteers"))
    assert "助餐、" in page and "meal" not in page
    assert "助餐" in text(client.get("/admin/audit?action=volunteer.register"))
