"""审计日志 in Chinese: who, when (China time), what, on which object, field by field; filters and CSV."""
import ast
import csv
import io
import re
from datetime import datetime
from pathlib import Path

from admin.audit import labels as audit_labels
from admin_helpers import audit_actions, text
from core import audit
from core.audit import AuditEntry
from core.extensions import db
from order_helpers import APPROVE, gen_order, move
from tests.admin.test_admin_casework import _application

ROOT = Path(__file__).resolve().parents[2]


def visible(html: str) -> str:
    """The page's text as a person reads it: tags and attributes gone."""
    start = html.find("<main")
    body = html[max(start, 0):html.index("</main>")]
    return re.sub(r"<[^>]+>", " ", body)


def _rows(html: str) -> str:
    return visible(html[html.index('data-testid="audit"'):])


def test_actions_objects_and_people_are_in_chinese_with_links(auth, client):
    order = move(gen_order(), APPROVE)
    record = _application()
    auth.login("admin")
    html = text(client.get("/admin/audit"))
    rows = _rows(html)
    for code in ("order.approve", "order.submit", "application.submit", "login.success"):
        assert code not in rows, code
    for label in ("审核通过", "点单", "提交预申请", "登录成功", "居民点单", "预申请"):
        assert label in rows, label
    # Who: the display name with account and role; a resident is 居民, never the openid.
    assert "民政局 王科员" in rows and "staff · 民政工作人员" in rows
    assert "oResidentA" not in html and "居民" in rows
    assert f'href="/admin/orders?q={order.number}"' in html
    assert f'href="/admin/applications/{record.id}"' in html
    # Objects by their own names: the application's reference, the signed-in account.
    assert record.reference in rows and "admin（系统管理员）" in rows


def test_an_organisation_user_is_shown_with_the_organisation(auth, client):
    audit.record("org1", "order.accept", "order:DD20240101-0001",
                 before={"state": "dispatched"}, after={"state": "in_service"})
    db.session.commit()
    auth.login("admin")
    rows = _rows(text(client.get("/admin/audit?actor=org1")))
    assert "阳光为老 李社工" in rows and "阳光为老服务中心" in rows
    assert "待接单" in rows and "服务中" in rows and "接单" in rows


def test_changes_are_field_by_field_not_whole_records(auth, client):
    audit.record("admin", "organization.update", "organization:1",
                 before={"name": "旧名称", "contact_phone": "0571-1", "categories": ["meal"],
                         "active": True},
                 after={"name": "新名称", "contact_phone": "0571-1", "categories": ["meal"],
                        "active": False})
    db.session.commit()
    auth.login("admin")
    html = text(client.get("/admin/audit?action=organization.update"))
    rows = _rows(html)
    assert re.search(r"名称\s*：\s*旧名称\s*→\s*新名称", rows)
    assert re.search(r"启用\s*：\s*是\s*→\s*否", rows)
    assert "联系电话" not in rows and "服务类别" not in rows  # unchanged fields stay out
    assert "{" not in rows and "&#34;" not in html[html.index('data-testid="audit"'):]


def test_a_guide_edit_shows_only_the_field_typed_into(auth, client):
    from test_admin_knowledge import _guide_form
    auth.login("staff")
    client.post("/admin/knowledge/guides/MZ01", data=_guide_form("MZ01", fee="全程免费。"))
    auth.logout()
    auth.login("admin")
    rows = _rows(text(client.get("/admin/audit?kind=guide&object=MZ01")))
    assert "修改办事指南" in rows and "收费标准" in rows and "全程免费。" in rows
    assert "所需材料" not in rows and "办理流程" not in rows


def test_filters_by_person_date_object_and_action_and_paging_keeps_them(auth, client):
    order = gen_order()
    for _ in range(60):
        audit.record("staff", "order.view_phone", f"order:{order.number}")
    early = audit.record("org1", "order.accept", "order:DD20200101-0009")
    early.at = datetime(2020, 1, 1, 17, 0)  # 2020-01-02 01:00 in China
    db.session.commit()
    auth.login("admin")
    page = text(client.get(f"/admin/audit?actor=staff&object={order.number}"))
    assert "共 60 条" in page and "第 1 / 2 页" in page
    following = re.search(r'href="([^"]+)" rel="next"', page).group(1)
    assert "actor=staff" in following and f"object={order.number}" in following
    assert "第 2 / 2 页" in text(client.get(following.replace("&amp;", "&")))
    assert "共 1 条" in text(client.get("/admin/audit?since=2020-01-02&until=2020-01-02"))
    assert "暂无符合条件" in text(client.get("/admin/audit?since=2020-01-01&until=2020-01-01"))
    assert "共 1 条" in text(client.get("/admin/audit?kind=order&object=DD20200101-0009"))
    assert "共 1 条" in text(client.get("/admin/audit?object=dd20200101-0009"))
    by_action = text(client.get("/admin/audit?action=order.view_phone"))
    assert "共 60 条" in by_action and "查看完整电话" in by_action
    logins = _rows(text(client.get("/admin/audit?action=login")))
    assert "登录成功" in logins and "查看完整电话" not in logins


def test_an_application_is_found_by_its_reference(auth, client):
    record = _application()
    auth.login("admin")
    page = text(client.get(f"/admin/audit?object={record.reference}"))
    assert "提交预申请" in _rows(page) and "共 1 条" in page


def test_audit_page_shows_times_in_china_time(auth, client):
    entry = audit.record("system", "test.time")
    entry.at = datetime(2024, 1, 1, 16, 30)
    db.session.commit()
    auth.login("admin")
    page = text(client.get("/admin/audit?action=test.time"))
    assert "2024-01-02 00:30:00" in page and "系统" in _rows(page)


HOSTILE = "<script>alert(1)</script>"


def test_hostile_text_in_any_field_is_escaped(auth, client):
    audit.record(HOSTILE, HOSTILE, f"order:{HOSTILE}", before={HOSTILE: "<b>x</b>"},
                 after={HOSTILE: '"><img src=x onerror=alert(1)>', "reason": HOSTILE})
    db.session.commit()
    auth.login("admin")
    html = text(client.get("/admin/audit"))
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    body = text(client.get("/admin/audit.csv"))
    assert HOSTILE in body  # a CSV is data, not markup: Excel shows it as typed


def test_csv_has_the_same_filters_masked_values_and_is_audited(auth, client):
    order = gen_order()
    audit.record("staff", "order.reject", f"order:{order.number}", before={"state": "submitted"},
                 after={"state": "rejected", "reason": "=HYPERLINK(\"x\") 打13812345678"})
    audit.record("staff", "calendar.set", "day:2024-10-01", after={"kind": "off", "note": "国庆"})
    db.session.commit()
    auth.login("admin")
    response = client.get(f"/admin/audit.csv?kind=order&object={order.number}")
    assert response.is_streamed and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "时间（北京时间）" and len(rows) == 3  # submit and reject, not the calendar
    reject = next(r for r in rows if r[4] == "order.reject")
    assert reject[3] == "审核不通过" and reject[5] == "居民点单" and reject[6] == order.number
    assert "待审单 → 未通过" in reject[7] and "13812345678" not in reject[7]
    assert audit_actions("export.audit") == ["export.audit"]
    entry = db.session.scalars(db.select(AuditEntry).filter_by(action="export.audit")).one()
    assert entry.after == {"kind": "order", "object": order.number}


def test_only_admins_see_the_audit_log(auth, client):
    auth.login("staff")
    assert client.get("/admin/audit").status_code == 403
    assert client.get("/admin/audit.csv").status_code == 403


def _recorded_codes() -> tuple[set[str], set[str], set[str]]:
    """Action codes the source records: literal ones, the fixed part of built ones, reveals."""
    literal, built, reveals = set(), set(), set()
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in ("tests", "bench", "migrations") or ".venv" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "revealed":
                kind, fields = node.args[0].value, ast.literal_eval(node.args[1])
                reveals |= {f"{kind}.view_{field}" for field in fields}
            if not (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "record"
                    and getattr(node.func.value, "id", None) == "audit" and len(node.args) >= 2):
                continue
            code = node.args[1]
            if isinstance(code, ast.JoinedStr):
                built.add(code.values[0].value if isinstance(code.values[0], ast.Constant) else "")
            literal |= {c.value for c in ast.walk(code) if isinstance(c, ast.Constant)
                        and isinstance(c.value, str) and c not in getattr(code, "values", [])}
    return literal, built, reveals


def test_every_recorded_action_has_a_chinese_name():
    from admin.dashboard.exports import EXPORTS
    from conversations.operations import RESOLUTIONS
    from orders.texts import EVENT_LABELS
    from orders.transitions import EVENTS
    literal, built, reveals = _recorded_codes()
    assert literal and not [c for c in literal if not audit_labels.is_named(c)]
    families = {
        "order.": set(EVENTS) | {"staff_alert", "remind", "escalate", "due_soon", "rating_reminder",
                                 "rating_timeout", "accept_timeout", "follow_up"},
        "missed.": set(RESOLUTIONS), "export.": set(EXPORTS) | {"audit"},
        "knowledge.": {f"{e}.{v}" for e in ("guide", "faq", "synonym", "word")
                       for v in ("create", "update", "delete", "restore")},
        "": reveals,  # admin.reveal: <kind>.view_<field> for every page that reveals
    }
    assert len(reveals) >= 6
    assert built <= set(families), built
    for prefix in built:
        for rest in families[prefix]:
            assert audit_labels.is_named(prefix + rest), prefix + rest
    assert set(EVENTS) <= set(EVENT_LABELS)


def test_order_steps_are_recorded_under_the_account(auth, client):
    order = gen_order()
    auth.login("staff")
    client.post(f"/admin/orders/{order.id}/approve", data={"version": order.version})
    entry = db.session.scalars(db.select(AuditEntry).filter_by(action="order.approve")).one()
    submit = db.session.scalars(db.select(AuditEntry).filter_by(action="order.submit")).one()
    assert entry.actor == "staff" and submit.actor == "resident:oResidentA"


def test_audit_rows_keep_masked_values_masked(auth, client):
    audit.record("staff", "order.reject", "order:DD20240101-0001",
                 before={"state": "submitted"}, after={"state": "rejected", "phone": "13812345678",
                                                        "reason": "住和平路12号的居民重复下单"})
    db.session.commit()
    auth.login("admin")
    page = text(client.get("/admin/audit"))
    assert "13812345678" not in page and "138****5678" in page and "和平路12号" not in page
