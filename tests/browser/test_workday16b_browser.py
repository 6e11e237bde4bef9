"""A working day in Chromium: 常用语, 转人工 tickets as staff, the organisation workbench and roster."""
from datetime import timedelta

from accounts.models import User
from applications import operations as app_ops
from conversations.operations import log_message
from core.audit import utcnow
from core.extensions import db
from handoff.models import Ticket, TicketMessage
from handoff.operations import open_ticket
from orders.operations import apply, submit_order
from orders.transitions import Actor
from phrases.operations import create_phrase
from tests.browser.test_admin_browser import (  # noqa: F401 (fixtures)
    browser, fits_phone, live_server, pytestmark, shoot, signed_in, staff_page)
from tests.helpers import gen_id, wx, years_ago
from volunteers.models import ServiceHours, Volunteer

HOSTILE = "<script>alert(1)</script>"


def _org_id(username: str) -> int:
    return db.session.scalar(db.select(User).filter_by(username=username)).organization_id


def _tickets() -> Ticket:
    resident = wx("o-浏览器居民")
    log_message(resident, kind="text", text="我叫王小明，高龄津贴这个月没到账，电话13812345678",
                reply="您好，高龄津贴……", outcome="answered")
    ticket = open_ticket(resident, "转人工", problem="我叫王小明，高龄津贴这个月没到账，电话13812345678")
    ticket.resident_at = utcnow() - timedelta(hours=2, minutes=10)
    submit_order(Actor.for_resident(resident), category="meal", description="需要送午餐",
                 address="幸福社区和平路1号", community="幸福社区", phone="13812345678")
    for i, long in enumerate(("很长的描述" * 40, "x" * 400, "https://example.com/" + "a" * 300)):
        other = open_ticket(wx(f"o-other{i}"), f"{HOSTILE}殡葬补贴怎么领{i}" + long)
        other.resident_at = utcnow() - timedelta(minutes=5 + i)
    create_phrase("ticket.reply", "问候", "您好，我是民政局工作人员，正在为您查询。", actor="admin")
    db.session.commit()
    return ticket


def test_staff_claim_reply_with_a_phrase_and_see_the_ticket_answered(staff_page, live_server):  # noqa: F811
    ticket = _tickets()
    page = staff_page
    page.goto(f"{live_server}/admin/handoffs")
    row = page.locator(f"tr[data-ticket='{ticket.id}']")
    assert "高龄津贴这个月没到账" in row.inner_text() and "王小明" not in row.inner_text()
    assert "已等待 2 小时 10 分" in row.inner_text()
    assert HOSTILE in page.inner_text("main")  # shown as text, not run
    shoot(page, "tickets-waiting")
    fits_phone(page)
    page.goto(f"{live_server}/admin/handoffs/{ticket.id + 2}")
    fits_phone(page)
    page.goto(f"{live_server}/admin/handoffs")
    row.locator("a").first.click()
    assert page.locator("[data-testid=linked-orders] a").count() == 1
    page.click("[data-testid=claim]")
    assert "已认领" in page.inner_text(".flashes")
    assert page.inner_text("[data-testid=assignee]").strip() == "民政局 王科员"
    page.select_option("#reply-text-phrase", label="问候")
    assert page.input_value("#reply-text") == "您好，我是民政局工作人员，正在为您查询。"
    page.press("#reply-text", "End")
    page.keyboard.type("您的津贴已经补发。")
    shoot(page, "ticket-detail")
    fits_phone(page)
    page.click("[data-testid=reply] button.primary")
    assert "回复已发送给居民" in page.inner_text(".flashes")
    said = db.session.scalar(db.select(TicketMessage.text).filter_by(author="staff"))
    assert said == "您好，我是民政局工作人员，正在为您查询。您的津贴已经补发。"
    page.goto(f"{live_server}/admin/handoffs?status=answered&mine=1")
    assert ticket.reference in page.inner_text("main")
    shoot(page, "tickets-mine-answered")


def test_admin_edits_phrases_and_the_application_page_offers_them(browser, live_server):  # noqa: F811
    page = signed_in(browser, live_server, "admin", "admin12345", "/admin/")
    page.goto(f"{live_server}/admin/phrases/new")
    page.select_option("#use", "application.need_info")
    page.fill("#title", "收入证明复印件")
    page.fill("#text", "x" * 501)
    page.click("form[data-testid=phrase-form] button[type=submit]")
    assert "内容最多 500 字" in page.inner_text("main") and page.input_value("#text") == "x" * 501
    page.fill("#text", "请补充近 6 个月的收入证明。\n复印件即可。")
    page.click("form[data-testid=phrase-form] button[type=submit]")
    assert "常用语已保存" in page.inner_text(".flashes")
    page.goto(f"{live_server}/admin/phrases/new?use=application.need_info")
    page.fill("#title", HOSTILE)
    page.fill("#text", HOSTILE)
    page.click("form[data-testid=phrase-form] button[type=submit]")
    page.get_by_role("button", name=f"上移：{HOSTILE}").click()
    rows = page.locator("[data-testid=phrases] tbody tr").all_inner_texts()
    # Moved up past the admin's first phrase (flask seed's samples of the use come before both).
    mine = [i for i, row in enumerate(rows) if HOSTILE in row or "收入证明复印件" in row]
    assert len(mine) == 2 and HOSTILE in rows[mine[0]]
    shoot(page, "phrases")
    fits_phone(page)
    id_number = gen_id(years_ago(86))
    record = app_ops.submit_application(
        wx("o-b16b"), "MZ07", "高龄津贴", app_ops.Person("张秀英", "13812345678", id_number, "幸福社区"),
        {"老人姓名": "张秀英"}, {"id_number": id_number}, key="b16b-app")
    db.session.commit()
    page.goto(f"{live_server}/admin/applications/{record.id}")
    page.select_option("#reason-need_info-phrase", label="收入证明复印件")
    assert page.input_value("#reason-need_info") == "请补充近 6 个月的收入证明。\n复印件即可。"
    shoot(page, "application-phrase")
    page.click("form.action-need_info button[type=submit]")
    db.session.expire_all()
    assert db.session.get(type(record), record.id).status == "need_info"
    page.context.close()


def test_without_script_an_empty_box_takes_the_picked_phrase(browser, live_server):  # noqa: F811
    ticket = _tickets()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/admin/login")
    page.fill("#username", "staff")
    page.fill("#password", "staff12345")
    page.click("button[type=submit], input[type=submit]")
    page.goto(f"{live_server}/admin/handoffs/{ticket.id}")
    page.select_option("#reply-text-phrase", label="问候")
    assert page.input_value("#reply-text") == ""  # no script: nothing inserted
    page.click("[data-testid=reply] button.primary")
    assert "回复已发送给居民" in page.inner_text(".flashes")
    said = db.session.scalar(db.select(TicketMessage.text).filter_by(author="staff"))
    assert said == "您好，我是民政局工作人员，正在为您查询。"
    context.close()


def _org_orders() -> list[str]:
    numbers = []
    resident = Actor.for_resident(wx("o-b16b-org"))
    for i, text_ in enumerate(("轮椅刹车坏了" + HOSTILE, "家里老人需要有人上门打扫卫生", "需要陪同去医院复查")):
        order = submit_order(resident, category="cleaning", description=text_, address=f"幸福社区和平路{i + 1}号",
                             community="幸福社区", phone=f"1381234{i:04d}")
        staff = Actor("staff", "王科员")
        apply(order.id, "approve", staff)
        apply(order.id, "dispatch", staff, organization_id=_org_id("org1"))
        numbers.append(order.number)
    org = Actor("org", "李社工", org_id=_org_id("org1"))
    apply(db.session.scalar(db.select(type(order)).filter_by(number=numbers[1])).id, "accept", org)
    db.session.add(Volunteer(resident=wx("o-vol-b"), name="王志愿", phone="13900001111", id_masked="x",
                             id_number_enc="", community="幸福社区", status="approved"))
    create_phrase("order.complete", "已打扫", "已上门打扫客厅和厨房，老人表示满意。", actor="admin")
    db.session.commit()
    return numbers


def test_organisation_tabs_search_roster_and_completion(browser, live_server):  # noqa: F811
    wheel, cleaning, _ = _org_orders()
    page = signed_in(browser, live_server, "org1", "org12345", "/admin/org/")
    assert page.inner_text("[data-testid=org-count-dispatched]") == "2"
    assert page.inner_text("[data-testid=org-count-in_service]") == "1"
    shoot(page, "org-workbench")
    fits_phone(page)
    page.goto(f"{live_server}/admin/org/?q=" + "x" * 60)
    fits_phone(page)
    page.fill("#org-q", "轮椅")
    page.press("#org-q", "Enter")
    rows = page.locator("[data-testid=org-orders] tbody tr")
    assert rows.count() == 1 and HOSTILE in rows.first.inner_text()
    shoot(page, "org-workbench-search")
    page.goto(f"{live_server}/admin/org/volunteers")
    page.fill("#roster-name", "王志愿")
    page.fill("#roster-phone", "0000")
    page.click("form[data-testid=roster-add] button[type=submit]")
    assert "没有找到" in page.inner_text("main") and page.input_value("#roster-name") == "王志愿"
    page.fill("#roster-phone", "1111")
    page.click("form[data-testid=roster-add] button[type=submit]")
    assert "已把 王志愿 加入" in page.inner_text(".flashes")
    shoot(page, "org-roster")
    fits_phone(page)
    page.goto(f"{live_server}/admin/org/?state=in_service")
    page.click(f"text={cleaning}")
    page.select_option("#notes-phrase", label="已打扫")
    assert page.input_value("#notes") == "已上门打扫客厅和厨房，老人表示满意。"
    page.fill("#hours", "2")
    page.check("[data-testid=roster] input[name=volunteer_ids]")
    page.fill("#volunteers", "张路人")
    page.click("form.action-complete button[type=submit]")
    assert "不会记入志愿服务时长：张路人" in page.inner_text(".flashes")
    assert page.input_value("#volunteers") == "张路人" and page.input_value("#hours") == "2"
    assert page.is_checked("[data-testid=roster] input[name=volunteer_ids]")
    shoot(page, "org-complete-warning")
    fits_phone(page)
    page.check("input[name=unregistered_ok]")
    page.click("form.action-complete button[type=submit]")
    assert "已为 1 位志愿者记录服务时长" in page.inner_text(".flashes")
    assert "请联系民政局核实：张路人（非登记志愿者）" in page.inner_text(".flashes")  # as just typed
    timeline = page.inner_text("[data-testid=timeline]")
    assert "志愿者 张**（非登记志愿者）" in timeline and "张路人" not in timeline  # a record: masked
    db.session.expire_all()
    assert [h.hours for h in db.session.scalars(db.select(ServiceHours))] == [2.0]
    page.goto(f"{live_server}/admin/org/?state=awaiting_rating")
    assert cleaning in page.inner_text("[data-testid=org-orders]")
    shoot(page, "org-history")
    fits_phone(page)
    page.context.close()
