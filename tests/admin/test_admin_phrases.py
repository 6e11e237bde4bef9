"""常用语: admins keep them per use, organisations their own; offered where a reply or reason is typed."""
import pytest
from admin_helpers import audit_actions, field, refused, text
from order_helpers import ACCEPT_ORG1, APPROVE, DISPATCH_ORG1, gen_order, move, org_id
from test_admin_refused_applications import gen_application, status_of

from core.audit import AuditEntry
from core.extensions import db
from handoff.models import TicketMessage
from handoff.operations import open_ticket
from orders.models import Order
from phrases.models import Phrase
from phrases.operations import create_phrase
from tests.helpers import wx

NEED_INFO = "请补充近 6 个月的收入证明和户口本复印件。"


@pytest.fixture
def without_samples(seeded):
    """No phrases yet: the bureau's list built from scratch (flask seed writes samples)."""
    db.session.execute(db.delete(Phrase))
    db.session.commit()


def gen_phrase(use: str, title: str, text_: str, org: str | None = None) -> Phrase:
    phrase = create_phrase(use, title, text_, actor="admin",
                           organization_id=org_id(org) if org else None)
    db.session.commit()
    return phrase


def pick(page: str, control_id: str) -> str:
    """The 常用语 select drawn beside one text box."""
    start = page.index(f'id="{control_id}-phrase"')
    return page[start:page.index("</select>", start)]


def test_admin_creates_edits_orders_and_deletes_phrases_audited(auth, client, without_samples):
    auth.login("admin")
    for title in ("收入证明", "户口本"):
        response = client.post("/admin/phrases/new", data={
            "use": "application.need_info", "owner": "0", "title": title, "text": f"请补充{title}。\r\n谢谢"})
        assert response.status_code == 302
    first, second = db.session.scalars(db.select(Phrase).order_by(Phrase.id)).all()
    assert first.text == "请补充收入证明。\n谢谢"  # line endings as typed, not CRLF
    client.post(f"/admin/phrases/{second.id}/move", data={"step": "up"})
    page = text(client.get("/admin/phrases"))
    assert page.index("户口本") < page.index("收入证明")
    client.post(f"/admin/phrases/{first.id}", data={"use": "application.need_info", "title": "收入证明",
                                                    "text": NEED_INFO})
    client.post(f"/admin/phrases/{second.id}/delete")
    assert [p.text for p in db.session.scalars(db.select(Phrase))] == [NEED_INFO]
    assert audit_actions("phrase.") == ["phrase.create", "phrase.create", "phrase.move",
                                        "phrase.update", "phrase.delete"]
    update = db.session.scalar(db.select(AuditEntry).filter_by(action="phrase.update"))
    assert update.before["text"] == "请补充收入证明。\n谢谢" and update.after["text"] == NEED_INFO


def test_refused_phrase_keeps_what_was_typed(auth, client, without_samples):
    auth.login("admin")
    long = "请于三个工作日内补充材料。" * 50
    page = refused(client, "/admin/phrases/new", use="ticket.reply", owner="0", title="补材料", text=long)
    assert long in field(page, "text") and "内容最多 500 字" in field(page, "text")
    page = refused(client, "/admin/phrases/new", use="ticket.reply", owner="0", title=" ", text="您好")
    assert "请填写常用语的名称" in field(page, "title") and "您好" in field(page, "text")
    page = refused(client, "/admin/phrases/new", use="ticket.reply", owner=str(org_id("org1")),
                   title="问候", text="您好")
    assert "不能设为某个社会组织的常用语" in page
    assert db.session.scalars(db.select(Phrase)).all() == []


def test_staff_cannot_edit_phrases(auth, client):
    auth.login("staff")
    assert client.get("/admin/phrases").status_code == 403
    assert client.post("/admin/phrases/new", data={"use": "ticket.reply", "title": "x",
                                                   "text": "y"}).status_code == 403


def test_picked_phrase_fills_an_empty_reason_without_script(auth, client):
    phrase = gen_phrase("application.need_info", "补收入证明", NEED_INFO)
    record = gen_application()
    auth.login("staff")
    page = text(client.get(f"/admin/applications/{record.id}"))
    assert "补收入证明" in pick(page, "reason-need_info")
    assert "required" not in field(page, "reason-need_info").split("<textarea", 1)[1].split(">")[0]
    client.post(f"/admin/applications/{record.id}/status",
                data={"status": "need_info", "reason": "", "phrase": phrase.id})
    assert status_of(record) == "need_info"
    db.session.expire_all()
    assert db.session.get(type(record), record.id).reason == NEED_INFO


def test_typed_text_wins_over_a_pick_and_a_foreign_pick_is_ignored(auth, client):
    mine = gen_phrase("ticket.reply", "问候", "您好，我是民政局工作人员。")
    other_use = gen_phrase("application.rejected", "不符合", "经审核不符合条件。")
    ticket = open_ticket(wx("o居民B"), "我要找人工")
    db.session.commit()
    auth.login("staff")
    client.post(f"/admin/handoffs/{ticket.id}", data={"text": "已经帮您查了。", "phrase": mine.id})
    refused(client, f"/admin/handoffs/{ticket.id}", text="", phrase=other_use.id)
    said = list(db.session.scalars(db.select(TicketMessage.text).filter_by(author="staff")))
    assert said == ["已经帮您查了。"]


def test_organisations_get_their_own_and_the_bureaus_phrases_only(auth, client):
    shared = gen_phrase("order.decline", "人手不足", "该时段人手不足，无法接单。")
    own = gen_phrase("order.decline", "不在服务区", "该地址不在本组织服务范围。", org="org1")
    theirs = gen_phrase("order.decline", "另一家的", "另一家组织的说法。", org="org2")
    order = move(gen_order(), APPROVE, DISPATCH_ORG1)
    auth.login("org1")
    offered = pick(text(client.get(f"/admin/org/orders/{order.id}")), "decline-reason")
    assert "人手不足" in offered and "不在服务区（本组织）" in offered and "另一家的" not in offered
    # Another organisation's phrase can be neither used, read nor changed.
    refused(client, f"/admin/org/orders/{order.id}/decline", version=order.version, reason="",
            phrase=theirs.id)
    db.session.expire_all()
    assert db.session.get(Order, order.id).state == "dispatched"
    assert client.get(f"/admin/phrases/{theirs.id}").status_code == 404
    assert client.post(f"/admin/phrases/{theirs.id}/delete").status_code == 404
    assert client.post(f"/admin/phrases/{shared.id}", data={"use": "order.decline", "title": "x",
                                                            "text": "y"}).status_code == 404
    client.post(f"/admin/org/orders/{order.id}/decline", data={"version": order.version, "reason": "",
                                                               "phrase": own.id})
    db.session.expire_all()
    assert db.session.get(Order, order.id).state == "pending_dispatch"
    page = text(client.get("/admin/phrases"))
    assert "另一家的" not in page and "人手不足" in page


def test_organisation_adds_its_own_phrase_for_its_uses_only(auth, client, without_samples):
    auth.login("org1")
    client.post("/admin/phrases/new", data={"use": "order.complete", "title": "已打扫",
                                            "text": "已上门打扫，老人表示满意。"})
    page = refused(client, "/admin/phrases/new", use="ticket.reply", title="问候", text="您好")
    assert "选项无效" in page or "请选择用在哪里" in page
    assert [(p.use, p.organization_id) for p in db.session.scalars(db.select(Phrase))] == [
        ("order.complete", org_id("org1"))]
    order = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1)
    assert "已打扫（本组织）" in pick(text(client.get(f"/admin/org/orders/{order.id}")), "notes")


def test_hostile_phrase_text_is_escaped_everywhere(auth, client):
    gen_phrase("ticket.reply", "<script>t</script>", "<script>alert(1)</script>")
    ticket = open_ticket(wx("o居民B"), "我要找人工")
    db.session.commit()
    auth.login("admin")
    # More than a page of phrases in all: the list of one use holds it.
    for page in (text(client.get("/admin/phrases?use=ticket.reply")), text(client.get(f"/admin/handoffs/{ticket.id}"))):
        assert "<script>alert(1)" not in page and "<script>t" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_staff_order_reasons_and_the_bulk_close_take_phrases(auth, client):
    reject = gen_phrase("order.reject", "非本市", "该地址不在本市服务范围内。")
    close = gen_phrase("order.close_admin", "重复", "与您之前提交的订单重复，已合并处理。")
    one, two = gen_order(), gen_order()
    auth.login("staff")
    page = text(client.get(f"/admin/orders/{one.id}"))
    assert "非本市" in pick(page, "reject-reason") and "重复" in pick(page, "close-reason")
    assert "phrases.js" in page
    client.post(f"/admin/orders/{one.id}/reject", data={"version": one.version, "reason": "",
                                                       "phrase": reject.id})
    db.session.expire_all()
    assert db.session.get(Order, one.id).state == "rejected"
    bulk = text(client.get("/admin/orders?state=submitted"))
    assert "与您之前提交的订单重复" in bulk  # the bulk bar's select carries the text for the script
    client.post("/admin/orders/bulk", data={"event": "close_admin", "kind": "duplicate", "reason": "",
                                            "phrase": close.id, "pick": f"{two.id}:{two.version}"})
    db.session.expire_all()
    assert db.session.get(Order, two.id).state == "closed_admin"


def test_pages_without_a_picker_stay_script_free(auth, client):
    auth.login("staff")
    gen_phrase("ticket.reply", "问候", "您好。")
    assert "phrases.js" not in text(client.get("/admin/"))


def _titles(select: str) -> list[str]:
    import re
    return re.findall(r'data-text="[^"]*">([^<]+)</option>', select)


def test_seeded_samples_are_offered_on_every_form_that_takes_them(auth, client):
    from phrases.seed import SAMPLES
    from phrases.texts import TEXT_MAX, TITLE_MAX
    from phrases.uses import USES
    assert set(SAMPLES) == set(USES)  # every text box with a picker has samples
    assert all(len(t) <= TITLE_MAX and len(x) <= TEXT_MAX for s in SAMPLES.values() for t, x in s)
    first = {use: samples[0][0] for use, samples in SAMPLES.items()}
    record = gen_application()
    order = gen_order()
    ticket = open_ticket(wx("o居民B"), "我要找人工")
    db.session.commit()
    auth.login("staff")
    page = text(client.get(f"/admin/applications/{record.id}"))
    for status in ("need_info", "rejected"):
        assert _titles(pick(page, f"reason-{status}")) == [t for t, _ in SAMPLES[f"application.{status}"]]
    page = text(client.get(f"/admin/orders/{order.id}"))
    assert first["order.reject"] in pick(page, "reject-reason")
    assert first["order.close_admin"] in pick(page, "close-reason")
    assert first["order.cancel"] in pick(page, "cancel-reason")
    assert SAMPLES["order.close_admin"][0][1] in text(client.get("/admin/orders?state=submitted"))  # bulk bar
    assert first["ticket.reply"] in pick(text(client.get(f"/admin/handoffs/{ticket.id}")), "reply-text")
    sent = move(gen_order(), APPROVE, DISPATCH_ORG1)
    auth.logout()
    auth.login("org1")
    page = text(client.get(f"/admin/org/orders/{sent.id}"))
    assert first["order.decline"] in pick(page, "decline-reason")
    page = text(client.get(f"/admin/org/orders/{move(sent, ACCEPT_ORG1).id}"))
    assert first["order.complete"] in pick(page, "notes") and first["order.cannot_complete"] in pick(page, "cc-reason")
    # Organisations see the bureau's samples read-only; staff's own uses are not offered to them.
    assert first["ticket.reply"] not in text(client.get("/admin/phrases"))


def test_samples_are_editable_and_a_deleted_one_stays_deleted_on_the_next_seed(app, auth, client):
    from phrases.seed import seed_phrases
    sample = db.session.scalar(db.select(Phrase).filter_by(use="order.reject").order_by(Phrase.position))
    auth.login("admin")
    client.post(f"/admin/phrases/{sample.id}", data={"use": "order.reject", "title": "不在目录",
                                                     "text": "不在本区服务目录内。"})
    others = db.session.scalars(db.select(Phrase).filter_by(use="ticket.reply")).all()
    for phrase in others:
        client.post(f"/admin/phrases/{phrase.id}/delete")
    before = db.session.scalar(db.select(db.func.count()).select_from(Phrase))
    assert "新增 0 条" in seed_phrases()
    db.session.commit()
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count()).select_from(Phrase)) == before
    assert db.session.get(Phrase, sample.id).text == "不在本区服务目录内。"
    assert not db.session.scalars(db.select(Phrase).filter_by(use="ticket.reply")).all()


def test_a_volunteer_refusal_takes_a_phrase(auth, client):
    from phrases.seed import SAMPLES
    from volunteers.models import Volunteer
    volunteer = Volunteer(resident=wx("oVolPhrase"), name="李四", phone="13900001111", id_masked="x",
                          id_number_enc="")
    db.session.add(volunteer)
    db.session.commit()
    title, wording = SAMPLES["volunteer.rejected"][0]
    auth.login("staff")
    page = text(client.get("/admin/volunteers"))
    assert f'data-phrase-for="vol-reason-{volunteer.id}"' in page and title in page and "phrases.js" in page
    sample = db.session.scalar(db.select(Phrase).filter_by(use="volunteer.rejected", title=title))
    client.post(f"/admin/volunteers/{volunteer.id}/review", data={"decision": "reject", "reason": "",
                                                                  "phrase": sample.id})
    db.session.expire_all()
    assert (db.session.get(Volunteer, volunteer.id).status,
            db.session.get(Volunteer, volunteer.id).reason) == ("rejected", wording)



def test_the_list_keeps_to_one_use_and_an_organisation_sees_only_its_uses(auth, client):
    auth.login("admin")
    page = text(client.get("/admin/phrases?use=appointment.cancel"))
    listed = page[page.index('data-testid="phrases"'):]
    assert "取消预约原因" in listed and "转人工工单回复" not in listed
    auth.logout()
    auth.login("org1")
    page = text(client.get("/admin/phrases"))
    choices = page[page.index('id="use-filter"'):page.index("</select>", page.index('id="use-filter"'))]
    assert "拒单原因" in choices and "取消预约原因" not in choices
    listed = text(client.get("/admin/phrases?use=appointment.cancel"))  # not theirs: the whole list
    assert "取消预约原因" not in listed[listed.index('data-testid="phrases"'):]
