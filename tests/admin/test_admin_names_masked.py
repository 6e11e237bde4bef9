"""Residents' names follow the one masking rule: masked on every page and export by default.

A resident (who applied, booked, registered as a volunteer, served an order and asked
for a person) is seeded under one full name; every admin page reachable by a link
from the menus, and every CSV export, is walked as staff, admin and organisation: the
full name must never appear unless the page was asked for it with an audited reveal.
"""
import re
from datetime import timedelta
from html import unescape
from urllib.parse import urldefrag, urlsplit

from admin_helpers import audit_actions, text
from order_helpers import ACCEPT_ORG1, APPROVE, DISPATCH_ORG1, gen_order, move, org_id
from applications import operations as ops
from applications.models import Appointment
from core import calendar
from core.audit import record
from core.extensions import db
from handoff.operations import open_ticket
from tests.helpers import gen_id, wx, years_ago
from volunteers.models import RosterEntry, Volunteer

NAME = "欧阳明远"
MASKED = "欧***"
PHONE = "13712345678"
RESIDENT = wx("oResidentA")  # the one gen_order orders for
EXPORTS = ("applications", "volunteer-hours", "orders", "ratings")
START = ("/admin/", "/admin/org/")
MAX_PAGES = 400
HREF = re.compile(r'href="([^"]+)"')
# The bureau's own texts, one page per entry: no resident data, and hundreds of them.
EDITORIAL = re.compile(r"^/admin/knowledge/(faq|guides|history|synonyms|words)/.+")


def _seed() -> dict:
    person = ops.Person(name=NAME, phone=PHONE, id_number=gen_id(years_ago(70)), community="幸福社区")
    answers = {"申请人姓名": NAME, "联系电话": PHONE, "困难情况": f"本人{NAME}，独居"}
    application = ops.submit_application(RESIDENT, "MZ01", "最低生活保障", person, answers,
                                         {"id_number": person.id_number}, key="names-app")
    appointment = Appointment(reference="YY-names", resident=RESIDENT, service="MZ17", title="婚姻登记",
                              name=NAME, phone=PHONE, id_masked="3201****1234",
                              idempotency_key="names-appt",
                              day=calendar.today() + timedelta(days=1), time="09:00", seat=1)
    volunteer = Volunteer(resident=RESIDENT, name=NAME, phone=PHONE, id_masked="3201****1234",
                          id_number_enc="", community="幸福社区", status="approved")
    db.session.add_all([appointment, volunteer])
    db.session.flush()
    db.session.add(RosterEntry(organization_id=org_id("org1"), volunteer_id=volunteer.id))
    record("staff", "volunteer.approve", f"volunteer:{volunteer.id}",
           before={"name": NAME, "status": "pending"}, after={"name": NAME, "status": "approved"})
    db.session.commit()
    served = {"id": volunteer.id, "name": NAME}
    order = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1,
                 ("complete", "org1", {"notes": "打扫完毕", "hours": 2, "volunteers": [served]}))
    open_ticket(RESIDENT, f"我是{NAME}，申请低保的进度怎么样了")
    db.session.commit()
    return {"application": application, "appointment": appointment, "volunteer": volunteer,
            "order": order}


def _links(page: str) -> list[str]:
    found = []
    for href in HREF.findall(page):
        href = urldefrag(unescape(href))[0]
        parts = urlsplit(href)
        if parts.netloc or not parts.path.startswith("/admin") or "show=" in parts.query:
            continue  # another site, a static file, or a reveal (audited, asked for on purpose)
        if parts.path.startswith(("/admin/logout", "/admin/static")) or EDITORIAL.match(parts.path):
            continue
        found.append(href)
    return found


def _walk(client) -> dict[str, str]:
    """Every admin page reachable by links from the home pages, and the exports: path → body."""
    seen: dict[str, str] = {}
    queue = list(START) + [f"/admin/export/{kind}.csv" for kind in EXPORTS] + ["/admin/audit.csv"]
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        body = text(response) if response.status_code == 200 else ""
        seen[path] = body
        if response.mimetype == "text/html":
            queue.extend(link for link in _links(body) if link not in seen)
    return seen


def test_no_page_or_export_shows_a_residents_full_name_without_a_reveal(auth, client):
    records = _seed()
    walked = {}
    for who in ("staff", "admin", "org1"):
        auth.login(who)
        walked[who] = _walk(client)
        leaks = [path for path, body in walked[who].items() if NAME in body]
        assert leaks == [], (who, leaks)
        auth.logout()
    staff = walked["admin"]  # admin sees every staff page, and the audit log
    assert all(len(pages) < MAX_PAGES for pages in walked.values())  # walked to the end
    # The walk reached the pages that show this resident, each with the name masked.
    for path in ("/admin/applications", f"/admin/applications/{records['application'].id}",
                 "/admin/appointments", f"/admin/orders/{records['order'].id}", "/admin/audit",
                 "/admin/export/applications.csv", "/admin/export/volunteer-hours.csv"):
        assert MASKED in staff[path], path
    assert any(path.startswith("/admin/handoffs/") and MASKED in body for path, body in staff.items())
    assert MASKED in walked["org1"]["/admin/org/volunteers"]
    assert MASKED in walked["org1"][f"/admin/org/orders/{records['order'].id}"]
    assert audit_actions("application.view") == audit_actions("order.view") == []


def test_the_audited_reveal_shows_the_name_with_the_phone_and_id(auth, client):
    records = _seed()
    auth.login("staff")
    app_id, appt, volunteer = records["application"].id, records["appointment"], records["volunteer"]
    page = text(client.get(f"/admin/applications/{app_id}?show=personal"))
    assert NAME in page and PHONE in page
    assert audit_actions("application.view") == ["application.view_personal"]
    page = text(client.get(f"/admin/appointments?show=phone:{appt.id}"))
    assert NAME in page and PHONE in page
    page = text(client.get(f"/admin/volunteers?status=approved&show=phone:{volunteer.id}"))
    assert NAME in page and PHONE in page
    page = text(client.get(f"/admin/orders/{records['order'].id}?show=phone"))
    served = page[page.index('data-testid="served-by"'):]
    assert served.startswith(f'data-testid="served-by">{NAME}')
    assert audit_actions("appointment.view") == ["appointment.view_phone"]
    assert audit_actions("volunteer.view") == ["volunteer.view_phone"]
    assert audit_actions("order.view") == ["order.view_phone"]
    # Another row's reveal shows this one masked.
    page = text(client.get(f"/admin/appointments?show=phone:{appt.id + 1000}"))
    assert NAME not in page and MASKED in page


def test_searching_by_a_full_or_partial_name_still_finds_the_application(auth, client):
    records = _seed()
    auth.login("staff")
    for q in (NAME, NAME[:2], NAME[2:]):
        page = text(client.get("/admin/applications", query_string={"q": q}))
        table = page[page.index("<table"):]  # the search box above keeps what was typed
        assert records["application"].reference in table and MASKED in table and NAME not in table, q
