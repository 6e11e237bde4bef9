"""The audit log and the one masking rule in Chromium: filter, export link, reveal; screenshots."""
from datetime import timedelta

from applications import operations as ops
from applications.models import Appointment
from core import audit, calendar
from core.extensions import db
from orders.operations import submit_order
from orders.transitions import Actor
from core.audit import utcnow
from tests.browser.test_admin_browser import (  # noqa: F401 (fixtures)
    browser, fits_phone, live_server, pytestmark, shoot, signed_in, staff_page)
from tests.helpers import gen_id, wx, years_ago
from volunteers.models import Volunteer

ID = gen_id(years_ago(72))


def _data() -> tuple[int, int]:
    order = submit_order(Actor.for_resident(wx("o-b16a")), category="repair",
                         description="门锁坏了<script>x</script>，打13612345678",
                         address="幸福社区和平路12号3栋", community="幸福社区", phone="13812340000",
                         now=utcnow())
    person = ops.Person(name="孙申请", phone="13712345678", id_number=ID, community="幸福社区")
    record = ops.submit_application(
        wx("o-b16a"), "MZ01", "最低生活保障", person,
        {"申请人姓名": "孙申请", "联系电话": "13712345678", "居住地址": "和平路12号3栋"},
        {"id_number": ID}, key="b16a")
    db.session.add(Volunteer(resident=wx("o-b16v"), name="赵志愿", phone="13900001111", id_masked="x",
                             id_number_enc="", status="pending"))
    db.session.add(Appointment(reference="YY-B16A", resident=wx("o-b16a"), service="MZ17", title="婚姻登记",
                               name="钱预约", phone="0571-88886666", id_masked="3201****1234",
                               idempotency_key="b16a-appt", time="09:00", seat=1,
                               day=calendar.today() + timedelta(days=1)))
    audit.record("admin", "organization.update", "organization:1",
                 before={"name": "阳光为老服务中心", "contact_phone": "0571-1"},
                 after={"name": "阳光为老服务中心<b>新</b>", "contact_phone": "0571-1"})
    db.session.commit()
    return order.id, record.id


def test_masked_pages_and_their_audited_reveal(staff_page, live_server):  # noqa: F811
    order_id, app_id = _data()
    page = staff_page
    page.goto(f"{live_server}/admin/applications/{app_id}")
    personal = page.inner_text("[data-testid=personal]")
    assert ID not in personal and "137****5678" in personal and "和平路**号*栋" in personal
    assert "孙申请" not in page.inner_text("main") and "孙**" in page.inner_text("[data-testid=applicant]")
    shoot(page, "application-masked")
    fits_phone(page)
    page.click("text=显示完整个人信息")
    assert ID in page.inner_text("[data-testid=personal]")
    assert page.inner_text("[data-testid=applicant]") == "孙申请"  # with the ID, one audited look
    shoot(page, "application-revealed")
    page.goto(f"{live_server}/admin/orders/{order_id}")
    fields = page.inner_text("[data-testid=order-fields]")
    assert "13612345678" not in fields and "13812340000" not in fields and "<script>x</script>" in fields
    shoot(page, "order-masked")
    fits_phone(page)
    page.locator("[data-testid=phone] a.reveal").click()
    assert "13812340000" in page.inner_text("[data-testid=phone]")
    page.goto(f"{live_server}/admin/applications")
    assert "孙申请" not in page.inner_text("main") and "孙**" in page.inner_text("main")
    page.goto(f"{live_server}/admin/volunteers")
    assert "13900001111" not in page.inner_text("main") and "赵志愿" not in page.inner_text("main")
    shoot(page, "volunteers-masked")
    page.locator("a.reveal").first.click()
    assert "13900001111" in page.inner_text("main") and "赵志愿" in page.inner_text("main")
    shoot(page, "volunteers-revealed")
    fits_phone(page)
    page.goto(f"{live_server}/admin/appointments")
    assert "0571-88886666" not in page.inner_text("main") and "057*-****6666" in page.inner_text("main")
    assert "钱预约" not in page.inner_text("main") and "钱**" in page.inner_text("main")
    shoot(page, "appointments-masked")
    fits_phone(page)


def test_audit_log_filters_and_export_link(browser, live_server):  # noqa: F811
    _data()
    page = signed_in(browser, live_server, "admin", "admin12345", "/admin/")
    page.goto(f"{live_server}/admin/audit")
    rows = page.inner_text("[data-testid=audit]")
    assert "修改社会组织" in rows and "阳光为老服务中心<b>新</b>" in rows and "organization.update" not in rows
    shoot(page, "audit")
    fits_phone(page)
    page.select_option("select[name=kind]", "order")
    page.click("[data-testid=audit-filter] button[type=submit]")
    rows = page.inner_text("[data-testid=audit]")
    assert "点单" in rows and "修改社会组织" not in rows
    assert "kind=order" in page.get_attribute("[data-testid=audit-csv]", "href")
    page.select_option("select[name=actor]", "staff")
    page.click("[data-testid=audit-filter] button[type=submit]")
    shoot(page, "audit-filtered")
    page.context.close()
