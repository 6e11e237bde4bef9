"""工作台 figures drawn as SVG, and CSV exports that Excel opens, with personal data masked."""
import csv
import io
import re
from datetime import timedelta

from applications.models import Application
from conversations.operations import log_message
from core.audit import utcnow
from core.extensions import db
from volunteers.models import ServiceHours, Volunteer

from admin_helpers import audit_actions, text
from tests.helpers import wx


def _data():
    for outcome in ("answered", "answered", "answered", "clarified", "missed", "event"):
        log_message(wx("居民甲"), kind="text", text="问", reply="答", outcome=outcome)
    db.session.add(Application(reference="SQ20240001", resident=wx("r1"), service="MZ01", title="低保",
                               status="submitted", name="张三丰", phone="13812345678",
                               community="幸福社区", id_masked="3201**********1234",
                               idempotency_key="k1"))
    db.session.add(Application(reference="SQ20240002", resident=wx("r2"), service="MZ01", title="低保",
                               status="approved", name="=HYPERLINK(1)", phone="",
                               community="幸福社区", idempotency_key="k2"))
    volunteer = Volunteer(resident=wx("r3"), name="李四", phone="13900001111", id_masked="x",
                          id_number_enc="", community="和平社区", status="approved")
    db.session.add(volunteer)
    db.session.flush()
    db.session.add(ServiceHours(volunteer_id=volunteer.id, hours=2.5, source="event:1"))
    db.session.add(ServiceHours(volunteer_id=volunteer.id, hours=1.0, source="event:2",
                                at=utcnow() - timedelta(days=400)))
    db.session.commit()


def test_dashboard_shows_figures_and_svg_charts(auth, client):
    _data()
    auth.login("staff")
    page = text(client.get("/admin/"))
    # messages, applications, hours and orders by state; no ratings yet, so no ratings chart
    # The charts need no script: the only one is the shell's same-origin menu button.
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == ['<script src="/admin/static/nav.js">']
    assert page.count("<svg viewBox") == 4 and "http://www.w3.org" in page
    assert ">5</span>近 14 天居民消息" in page  # the event is not a message
    assert "已回答 60.0%" in page and "追问澄清 20.0%" in page and "未答上 20.0%" in page
    assert "MZ01 低保" in page and "共 2.5 小时" in page


def test_dashboard_without_data(auth, client):
    auth.login("staff")
    page = text(client.get("/admin/"))
    assert "还没有预申请" in page and ">0</span>近 14 天居民消息" in page


def test_applications_csv_opens_in_excel_and_is_masked(auth, client):
    _data()
    auth.login("staff")
    response = client.get("/admin/export/applications.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.data
    assert body.startswith(b"\xef\xbb\xbf") and b"\r\n" in body
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:4] == ["编号", "事项编号", "事项", "状态"]
    first = rows[1]
    assert "张**" in first and "138****5678" in first and "3201**********1234" in first
    assert "张三丰" not in body.decode("utf-8-sig") and "13812345678" not in body.decode("utf-8-sig")
    assert rows[2][5].startswith("'=")  # a formula-looking name is disarmed
    assert audit_actions("export.") == ["export.applications"]


def test_volunteer_hours_csv(auth, client):
    _data()
    auth.login("staff")
    rows = list(csv.reader(io.StringIO(
        client.get("/admin/export/volunteer-hours.csv").data.decode("utf-8-sig"))))
    assert rows[0][3] == "服务时长（小时）" and rows[1][1] == "李*" and rows[1][3] == "2.5"
    assert len(rows) == 3


def test_exports_need_staff(auth, client):
    assert client.get("/admin/export/applications.csv").status_code == 302
    auth.login("org1")
    assert client.get("/admin/export/applications.csv").status_code == 403
    auth.logout()
    auth.login("staff")
    assert client.get("/admin/export/nothing.csv").status_code == 404


def test_figures_count_by_china_day_and_month_in_the_database(app):
    from datetime import datetime, time

    from conversations.queries import messages_per_day
    from conversations.models import MessageLog
    from volunteers.queries import hours_per_month
    from core import calendar
    today = calendar.china_day(utcnow())
    midnight = calendar.from_china(datetime.combine(today, time()))
    for at, outcome in ((midnight - timedelta(minutes=1), "answered"), (midnight, "missed"),
                        (midnight + timedelta(seconds=1), "referred"),
                        (midnight - timedelta(days=13, minutes=1), "answered")):  # before the 14 days
        db.session.add(MessageLog(at=at, resident=wx("r"), text="问", outcome=outcome))
    volunteer = Volunteer(resident=wx("r9"), name="王五", phone="1", id_masked="x", id_number_enc="")
    db.session.add(volunteer)
    db.session.flush()
    month = calendar.from_china(datetime.combine(today.replace(day=1), time()))
    for n, at in enumerate((month - timedelta(minutes=1), month)):
        db.session.add(ServiceHours(volunteer_id=volunteer.id, hours=n + 1, source=f"t:{n}", at=at))
    db.session.commit()
    days = dict(messages_per_day())
    assert days[today] == {"missed": 1, "acted": 1}
    assert days[today - timedelta(days=1)] == {"answered": 1}
    assert sum(sum(c.values()) for c in days.values()) == 3
    hours = dict(hours_per_month())
    last = (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    assert hours[today.strftime("%Y-%m")] == 2 and hours[last] == 1 and len(hours) == 12
