"""The last of a working day in Chromium: a booking cancelled and a ticket ended with 常用语,
hostile text shown as text, every list page on a phone without a card in a card, the menu's count spoken.
"""
import uuid
from datetime import timedelta

from accounts.models import User
from applications import operations as app_ops
from applications.models import Appointment
from core import calendar
from core.audit import utcnow
from core.extensions import db
from handoff.models import Ticket
from handoff.operations import add_resident_message, open_ticket
from notifications.models import Notification
from notifications.staff import notify_users
from orders.models import Order
from orders.operations import apply, submit_order
from orders.transitions import Actor
from phrases.seed import SAMPLES
from tests.helpers import gen_id, wx, years_ago
from tests.browser.test_admin_browser import (  # noqa: F401 (fixtures)
    browser, fits_phone, live_server, pytestmark, shoot, signed_in, staff_page)
from volunteers.models import RosterEntry, Volunteer

try:
    from playwright.sync_api import expect
except ImportError:  # skipped by pytestmark
    expect = None

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def _booking(openid: str) -> Appointment:
    person = app_ops.Person("钱预约", "13812345678", gen_id(years_ago(40)), "幸福社区")
    appt = app_ops.book_appointment(wx(openid), "MZ17", "婚姻登记", calendar.today() + timedelta(days=3),
                                    "09:00", person, {}, {}, key=uuid.uuid4().hex)
    db.session.commit()
    return appt


def _sent_to(openid: str) -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(Notification.text).where(Notification.resident_id == openid)
                                   .order_by(Notification.id)))


def _escaped(page) -> None:
    """Hostile text on the page is text: no element came from it and none of its script ran."""
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main script, main img[src=x]").count() == 0


def test_a_booking_cancelled_with_a_sample_reason_the_resident_reads(staff_page, browser, live_server):  # noqa: F811
    appt = _booking("o-b16d-appt")
    page = staff_page
    page.goto(f"{live_server}/admin/appointments?status=booked")
    page.click(f"a[href*='/appointments/{appt.id}/cancel']")
    shoot(page, "appointment-cancel")
    fits_phone(page)
    page.click("[data-testid=cancel-appointment] button[type=submit]")  # no reason: refused, as typed
    assert "请填写取消原因" in page.inner_text("[data-testid=cancel-appointment]")
    # The refused form is a new page: its phrase script must be attached before the choice.
    page.wait_for_load_state("load")
    title, wording = SAMPLES["appointment.cancel"][0]
    page.select_option("#cancel-reason-phrase", label=title)
    expect(page.locator("#cancel-reason")).to_have_value(wording)
    page.fill("#cancel-reason", wording + HOSTILE)
    page.click("[data-testid=cancel-appointment] button[type=submit]")
    assert "已把原因告知居民" in page.inner_text(".flashes")
    assert "status=booked" in page.url  # back to the list as it was filtered
    db.session.expire_all()
    stored = db.session.get(Appointment, appt.id)
    assert stored.status == "cancelled" and stored.reason == wording + HOSTILE
    told = _sent_to("o-b16d-appt")[-1]
    assert "已取消" in told and wording in told and "。。" not in told
    page.goto(f"{live_server}/admin/appointments?status=cancelled")
    assert wording[:10] in page.inner_text("[data-testid=cancel-reason]")
    _escaped(page)
    shoot(page, "appointments-cancelled")
    fits_phone(page)

    admin = signed_in(browser, live_server, "admin", "admin12345", "/admin/")
    admin.goto(f"{live_server}/admin/audit?action=appointment.cancel")
    row = admin.inner_text("[data-testid=audit] tbody")
    assert "取消预约" in row and "原因" in row and "<script>" in row  # shown as typed, as text
    _escaped(admin)
    shoot(admin, "audit-appointment-cancel")
    fits_phone(admin)
    admin.context.close()


def test_a_ticket_ended_with_a_sample_close_note(staff_page, browser, live_server):  # noqa: F811
    ticket = open_ticket(wx("o-b16d-ticket"), "转人工")
    add_resident_message(ticket, "低保证丢了怎么补办")
    db.session.commit()
    page = staff_page
    page.goto(f"{live_server}/admin/handoffs/{ticket.id}")
    assert not page.locator("#close-note").is_visible()  # folded until asked for
    page.click("[data-testid=close-ticket] summary")
    title, wording = SAMPLES["ticket.close"][1]
    page.select_option("#close-note-phrase", label=title)
    assert page.input_value("#close-note") == wording
    page.fill("#close-note", wording + HOSTILE)
    shoot(page, "ticket-close-note")
    fits_phone(page)
    page.click("[data-testid=close-ticket] button[name=close]")
    assert "工单已结束" in page.inner_text(".flashes")
    assert wording in page.inner_text("[data-testid=close-note]")
    _escaped(page)
    db.session.expire_all()
    stored = db.session.get(Ticket, ticket.id)
    assert stored.status == "closed" and stored.close_note == wording + HOSTILE
    # The resident is told the handoff ended; the note is staff's record, not a message.
    told = _sent_to("o-b16d-ticket")
    assert any("已结束本次人工服务" in t for t in told) and not any(wording in t for t in told)
    shoot(page, "ticket-closed")
    page.goto(f"{live_server}/admin/handoffs?status=closed")
    assert wording[:10] in page.inner_text(f"[data-ticket='{ticket.id}']")
    _escaped(page)
    # On a phone the note goes under the time, in the value's column, not squeezed beside it.
    page.set_viewport_size({"width": 390, "height": 844})
    cell = page.locator(f"[data-ticket='{ticket.id}'] td").nth(2).bounding_box()
    note = page.locator(f"[data-ticket='{ticket.id}'] [data-testid=close-note]").bounding_box()
    page.set_viewport_size({"width": 1280, "height": 900})
    assert note["x"] < cell["x"] + 100 and note["width"] > 200, (cell, note)
    shoot(page, "tickets-closed")
    fits_phone(page)

    admin = signed_in(browser, live_server, "admin", "admin12345", "/admin/")
    admin.goto(f"{live_server}/admin/audit?action=ticket.close")
    row = admin.inner_text("[data-testid=audit] tbody")
    assert "结束工单" in row and "说明" in row and wording in row
    _escaped(admin)
    shoot(admin, "audit-ticket-close")
    admin.context.close()


def test_closing_keeps_an_unsent_reply_and_the_note(staff_page, live_server):  # noqa: F811
    ticket = open_ticket(wx("o-b16d-unsent"), "我要找人工")
    db.session.commit()
    page = staff_page
    page.goto(f"{live_server}/admin/handoffs/{ticket.id}")
    page.fill("#reply-text", "您好，请带身份证到社区办理。")
    page.click("[data-testid=close-ticket] summary")
    page.fill("#close-note", "已电话联系")
    page.click("[data-testid=close-ticket] button[name=close]")
    assert "还有没发送的内容" in page.inner_text("[data-testid=reply]")
    assert page.input_value("#reply-text") == "您好，请带身份证到社区办理。"
    assert page.input_value("#close-note") == "已电话联系"  # the fold is open again, with the note
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).status == "open"


# Boxes (a border all round and rounded corners) inside boxes: a list's rows drawn as cards in a card.
NESTED_BOXES = """() => {
  const plain = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'SUMMARY', 'IMG', 'svg']);
  const boxed = el => {
    if (plain.has(el.tagName) || el.classList.contains('button') || el.classList.contains('badge')) return false;
    const s = getComputedStyle(el);
    if (s.display === 'inline' || s.display === 'none') return false;
    return ['Top', 'Right', 'Bottom', 'Left'].every(k => parseFloat(s['border' + k + 'Width']) > 0
             && s['border' + k + 'Style'] !== 'none')
      && parseFloat(s.borderTopLeftRadius) > 0 && el.getBoundingClientRect().width > 120;
  };
  const found = new Set();
  for (const el of document.querySelectorAll('main *')) {
    if (!boxed(el)) continue;
    for (let up = el.parentElement; up && up.tagName !== 'MAIN'; up = up.parentElement) {
      if (boxed(up)) { found.add(el.tagName + '.' + el.className + ' in ' + up.tagName + '.' + up.className); break; }
    }
  }
  return [...found];
}"""


def _on_a_phone(page, base: str, paths: list[str]) -> dict:
    """Each page at 390 px: what scrolls sideways and which boxes sit in boxes."""
    page.set_viewport_size({"width": 390, "height": 844})
    problems = {}
    for path in paths:
        page.goto(f"{base}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        nested = page.evaluate(NESTED_BOXES)
        if width > 390 or nested:
            problems[path] = (width, nested)
    page.set_viewport_size({"width": 1280, "height": 900})
    return problems


def _org_id(username: str) -> int:
    return db.session.scalar(db.select(User).filter_by(username=username)).organization_id


def test_every_page_on_a_phone_has_no_card_in_a_card_nor_sideways_scroll(
        staff_page, browser, live_server):  # noqa: F811
    org1 = _org_id("org1")
    resident = Actor.for_resident(wx("o-b16d-phone"))
    staff, org = Actor("staff", "王科员"), Actor("org", "李社工", org_id=org1)
    waiting = submit_order(resident, category="cleaning", description="家里老人需要有人上门打扫卫生",
                           address="幸福社区和平路3号", community="幸福社区", phone="13812340000")
    apply(waiting.id, "approve", staff)  # 待派单: the organisations to choose from, in a table
    late = submit_order(resident, category="meal", description="需要送午餐", address="幸福社区5号",
                        community="幸福社区", phone="13812340001",
                        now=utcnow() - timedelta(days=10))
    apply(late.id, "approve", staff)
    apply(late.id, "dispatch", staff, organization_id=org1)
    apply(late.id, "accept", org)
    volunteer = Volunteer(resident=wx("o-b16d-vol"), name="王志愿", phone="13900001111", id_masked="x",
                          id_number_enc="", community="幸福社区", status="approved")
    db.session.add(volunteer)
    db.session.flush()
    db.session.add(RosterEntry(organization_id=org1, volunteer_id=volunteer.id))
    appt = _booking("o-b16d-phone-appt")
    ticket = open_ticket(wx("o-b16d-phone-t"), "转人工")
    staff_id = db.session.scalar(db.select(User.id).filter_by(username="staff"))
    notify_users([staff_id], "staff_alert", "订单超时提醒")
    person = app_ops.Person("张秀英", "13812345678", gen_id(years_ago(82)), "幸福社区")
    application = app_ops.submit_application(wx("o-b16d-phone-app"), "MZ07", "高龄津贴", person, {}, {},
                                             key=uuid.uuid4().hex)
    db.session.commit()

    staff_paths = ["/admin/", "/admin/orders", f"/admin/orders/{waiting.id}", f"/admin/orders/{late.id}",
                   "/admin/orders/follow-up", "/admin/applications", "/admin/appointments",
                   f"/admin/appointments/{appt.id}/cancel", "/admin/handoffs", f"/admin/handoffs/{ticket.id}",
                   "/admin/volunteers", "/admin/unanswered", "/admin/notices", "/admin/knowledge/",
                   "/admin/knowledge/faq", "/admin/knowledge/guides/MZ01", "/admin/knowledge/synonyms",
                   "/admin/knowledge/words", "/admin/eligibility", "/admin/calendar", "/admin/wechat",
                   f"/admin/applications/{application.id}", "/admin/knowledge/history/guide/MZ01",
                   "/admin/knowledge/faq/new", "/admin/notices?unread=1"]
    problems = _on_a_phone(staff_page, live_server, staff_paths)
    org_page = signed_in(browser, live_server, "org1", "org12345", "/admin/org/")
    problems |= _on_a_phone(org_page, live_server, ["/admin/org/", f"/admin/org/orders/{late.id}",
                                                    "/admin/org/volunteers", "/admin/phrases"])
    shoot(org_page, "org-workbench")
    org_page.context.close()
    admin = signed_in(browser, live_server, "admin", "admin12345", "/admin/")
    problems |= _on_a_phone(admin, live_server, ["/admin/audit", "/admin/users", "/admin/organizations",
                                                 "/admin/phrases", "/admin/phrases/new",
                                                 "/admin/notice-templates", "/admin/users/new",
                                                 "/admin/organizations/new", "/admin/audit?action=ticket.close"])
    admin.context.close()
    assert problems == {}


def test_the_menu_button_says_how_many_notices_are_unread(seeded, staff_page, live_server):  # noqa: F811
    seeded.config["ADMIN_COUNTS_SECONDS"] = 1
    staff_id = db.session.scalar(db.select(User.id).filter_by(username="staff"))
    notify_users([staff_id], "staff_alert", "订单超时提醒")
    notify_users([staff_id], "staff_alert", "新的转人工工单")
    db.session.commit()
    page = staff_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/admin/handoffs")  # a page whose counters refresh by themselves
    toggle = page.locator(".nav-toggle-button")
    assert "菜单，2 条未读通知" in toggle.aria_snapshot()
    assert page.locator("nav.mainnav a[href$='/admin/notices']").get_attribute("aria-label") == "通知，2 条未读"
    notify_users([staff_id], "staff_alert", "又一条")
    db.session.commit()
    expect(toggle).to_have_attribute("aria-label", "菜单，3 条未读通知", timeout=10000)  # counts.js
    page.goto(f"{live_server}/admin/notices")
    page.click("button:text('全部标为已读')")
    assert page.locator(".nav-toggle-button").get_attribute("aria-label") is None  # "菜单" alone
    assert not page.locator(".nav-toggle-button .nav-count").is_visible()


def test_bulk_approve_dispatch_and_close_with_a_line_per_order(staff_page, live_server):  # noqa: F811
    resident = Actor.for_resident(wx("o-b16d-bulk"))
    orders = [submit_order(resident, category="cleaning", description=f"需要打扫卫生{i}", address="幸福社区1号",
                           community="幸福社区", phone="13900002222") for i in range(4)]
    db.session.commit()
    page = staff_page
    page.goto(f"{live_server}/admin/orders?state=submitted")
    for order in orders[:3]:
        page.check(f"tr[data-number='{order.number}'] input[name=pick]")
    # Someone else approves one after the page was drawn: only that one is refused.
    apply(orders[0].id, "approve", Actor("staff", "李科员"))
    db.session.commit()
    shoot(page, "orders-bulk-picked")
    fits_phone(page)
    page.select_option("[data-testid=bulk] select[name=event]", "approve")
    page.click("[data-testid=bulk] button[type=submit]")
    flashes = page.inner_text(".flashes")
    assert "批量处理：2/3 单完成" in flashes
    assert f"{orders[1].number}：已完成" in flashes and f"{orders[2].number}：已完成" in flashes
    assert f"{orders[0].number}：未处理" in flashes
    assert "state=submitted" in page.url  # back to the list it came from
    page.goto(f"{live_server}/admin/orders?state=pending_dispatch")
    for order in orders[:2]:
        page.check(f"tr[data-number='{order.number}'] input[name=pick]")
    page.select_option("[data-testid=bulk] select[name=event]", "dispatch")
    page.select_option("[data-testid=bulk] select[name=organization_id]", str(_org_id("org1")))
    page.click("[data-testid=bulk] button[type=submit]")
    assert "批量处理：2/2 单完成" in page.inner_text(".flashes")
    page.goto(f"{live_server}/admin/orders?state=submitted")
    page.check(f"tr[data-number='{orders[3].number}'] input[name=pick]")
    page.select_option("[data-testid=bulk] select[name=event]", "close_admin")
    page.select_option("[data-testid=bulk] select[name=kind]", index=1)
    title, wording = SAMPLES["order.close_admin"][0]
    page.select_option("[data-testid=bulk] select[name=phrase]", label=title)
    assert page.input_value("#bulk-reason") == wording
    page.click("[data-testid=bulk] button[type=submit]")
    assert "批量处理：1/1 单完成" in page.inner_text(".flashes")
    db.session.expire_all()
    states = [db.session.get(Order, o.id).state for o in orders]
    assert states == ["dispatched", "dispatched", "pending_dispatch", "closed_admin"]
