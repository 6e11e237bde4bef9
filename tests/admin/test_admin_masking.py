"""One masking rule: phones, ID numbers and addresses masked by default, a reveal audited.

Every page and export masks through admin.masking.mask; a 显示 link (?show=) shows
one value of one record in full and records who looked (admin.reveal).
"""
import csv
import io
from datetime import timedelta

from admin_helpers import audit_actions, text
from applications import operations as ops
from applications.models import Appointment
from core import calendar
from core.audit import AuditEntry
from core.extensions import db
from order_helpers import ACCEPT_ORG1, APPROVE, COMPLETE_ORG1, DISPATCH_ORG1, gen_order, move
from tests.helpers import gen_id, wx, years_ago
from volunteers.models import Volunteer

ID = gen_id(years_ago(70))
LANDLINE = "0571-88886666"


def _volunteer() -> Volunteer:
    v = Volunteer(resident=wx("o-mask"), name="赵志愿", phone="13900001111", id_masked="x",
                  id_number_enc="", status="pending")
    db.session.add(v)
    db.session.commit()
    return v


def test_volunteer_list_masks_phones_and_audits_a_reveal(auth, client):
    v = _volunteer()
    auth.login("staff")
    page = text(client.get("/admin/volunteers"))
    assert "13900001111" not in page and "139****1111" in page
    assert "赵志愿" not in page and "赵**" in page
    assert f"show=phone:{v.id}" in page and audit_actions("volunteer.") == []
    page = text(client.get(f"/admin/volunteers?show=phone:{v.id}"))
    assert "13900001111" in page and "赵志愿" in page  # the name with the phone, one look
    assert audit_actions("volunteer.") == ["volunteer.view_phone"]
    entry = db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.actor, entry.target) == ("staff", f"volunteer:{v.id}")


def test_a_reveal_of_no_such_row_shows_and_records_nothing(auth, client):
    _volunteer()
    auth.login("staff")
    for junk in ("phone:999999", "phone:abc", "id_number:1", "phone"):
        page = text(client.get(f"/admin/volunteers?show={junk}"))
        assert "13900001111" not in page, junk
    assert audit_actions("volunteer.") == []


def _appointment() -> Appointment:
    appt = Appointment(reference="YY-1", resident=wx("o-appt"), service="MZ17", title="婚姻登记",
                       name="钱预约", phone=LANDLINE, id_masked="3201****1234",
                       idempotency_key="appt-mask", day=calendar.today() + timedelta(days=1),
                       time="09:00", seat=1)
    db.session.add(appt)
    db.session.commit()
    return appt


def test_appointment_list_masks_phones_landlines_too(auth, client):
    appt = _appointment()
    auth.login("staff")
    page = text(client.get("/admin/appointments"))
    assert LANDLINE not in page and "057*-****6666" in page
    assert "钱预约" not in page and "钱**" in page
    page = text(client.get(f"/admin/appointments?show=phone:{appt.id}"))
    assert LANDLINE in page and "钱预约" in page and audit_actions("appointment.view") == ["appointment.view_phone"]


def _application():
    person = ops.Person(name="孙申请", phone="13712345678", id_number=ID, community="幸福社区")
    answers = {"申请人姓名": "孙申请", "联系电话": "13712345678", "居住地址": "和平路12号3栋",
               "困难情况": "我叫孙申请，电话0571-88886666"}
    record = ops.submit_application(wx("o-app"), "MZ01", "最低生活保障", person, answers,
                                    {"id_number": ID}, key="app-mask")
    db.session.commit()
    return record


def test_application_page_opens_masked_and_the_reveal_is_audited(auth, client):
    record = _application()
    auth.login("staff")
    page = text(client.get(f"/admin/applications/{record.id}"))
    for full in (ID, "13712345678", "和平路12号", LANDLINE):
        assert full not in page, full
    assert ID[:4] + "*" in page and "137****5678" in page and "和平路**号*栋" in page
    assert "孙申请" not in page and "孙**" in page  # a name is personal data like the rest
    assert audit_actions("application.view") == []
    page = text(client.get(f"/admin/applications/{record.id}?show=personal"))
    for full in (ID, "13712345678", "和平路12号3栋", LANDLINE, "孙申请"):
        assert full in page, full
    assert audit_actions("application.view") == ["application.view_personal"]


def test_order_page_masks_a_phone_inside_the_description(auth, client):
    order = gen_order(description="水管漏了，急，打13612345678")
    auth.login("staff")
    page = text(client.get(f"/admin/orders/{order.id}"))
    assert "13612345678" not in page and "水管漏了" in page
    page = text(client.get(f"/admin/orders/{order.id}?show=description"))
    assert "13612345678" in page and audit_actions("order.view") == ["order.view_description"]


def test_a_phone_inside_a_rating_comment_is_masked(auth, client):
    order = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1, COMPLETE_ORG1,
                 ("rate", "resident", {"score": 1, "resolved": False,
                                       "comment": "没人来，打我13812345678"}))
    for who in ("staff", "org1"):
        auth.login(who)
        path = f"/admin/orders/{order.id}" if who == "staff" else f"/admin/org/orders/{order.id}"
        page = client.get(path).get_data(as_text=True)
        assert "13812345678" not in page, who
        auth.logout()
    auth.login("staff")
    assert "13812345678" not in text(client.get("/admin/orders/follow-up"))


def _csv(client, kind: str) -> list[list[str]]:
    body = client.get(f"/admin/export/{kind}.csv").get_data(as_text=True)
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))


def test_exports_mask_by_the_same_rule(auth, client):
    _application()
    order = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1, COMPLETE_ORG1,
                 ("rate", "resident", {"score": 2, "resolved": False,
                                       "comment": "我叫周某某，住和平路12号，电话0571-88886666"}))
    db.session.commit()
    auth.login("staff")
    applications = _csv(client, "applications")
    assert "137****5678" in applications[1] and "孙**" in applications[1]
    ratings = "".join(_csv(client, "ratings")[1])
    for full in (LANDLINE, "12号", "周某某"):
        assert full not in ratings, full
    orders = "".join(_csv(client, "orders")[1])
    assert order.number in orders and "13800138000" not in orders and "12号" not in orders


def test_notices_page_masks_addresses_in_alerts(auth, client):
    from notifications.staff import notify_users
    from accounts.models import User
    staff = db.session.scalar(db.select(User).filter_by(username="staff"))
    notify_users([staff.id], "staff_alert", "助急订单 DD1：老人摔倒（地址：和平路12号3栋），请立即派单。",
                 target="order:DD1")
    db.session.commit()
    auth.login("staff")
    page = text(client.get("/admin/notices"))
    assert "和平路**号*栋" in page and "和平路12号" not in page


def test_case_numbers_are_not_taken_for_phones_and_no_openid_is_shown(auth, client):
    from admin.masking import mask
    assert mask("单号 DD20240101-0001，电话 0571-88886666", "text") == "单号 DD20240101-0001，电话 057*-****6666"
    order = gen_order()
    auth.login("staff")
    page = text(client.get(f"/admin/orders/{order.id}"))
    timeline = page[page.index('data-testid="timeline"'):]
    assert order.number in timeline and "oResidentA" not in page
