"""Order figures on the dashboard, and the orders and ratings CSV exports."""
import csv
import io
from datetime import timedelta

from admin_helpers import audit_actions, text
from order_helpers import ACCEPT_ORG1, APPROVE, DISPATCH_ORG1, PHONE, gen_order, move

from core.audit import utcnow


def _served(hours: float, score: int, resolved: bool, comment: str = ""):
    """An order org1 completed `hours` after it was dispatched, then rated."""
    start = utcnow() - timedelta(days=2)
    order = move(gen_order(now=start), APPROVE, DISPATCH_ORG1, now=start)
    move(order, ACCEPT_ORG1, ("complete", "org1", {"notes": "完成", "hours": 1, "volunteers": []}),
         now=start + timedelta(hours=hours))
    return move(order, ("rate", "resident", {"score": score, "resolved": resolved,
                                             "comment": comment}),
                now=start + timedelta(hours=hours + 1))


def _data():
    late = gen_order(now=utcnow() - timedelta(days=10))
    landline = gen_order(phone="0571-88886666", address="光明社区5号楼", community="光明社区")
    _served(3, 2, False, "联系我 13912345678，没有打扫干净")
    _served(5, 4, True)
    return late, landline


def _csv(client, kind: str) -> tuple[bytes, list[list[str]]]:
    response = client.get(f"/admin/export/{kind}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return response.data, list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_dashboard_shows_orders_by_state_and_organisation_records(auth, client):
    _data()
    auth.login("staff")
    page = text(client.get("/admin/"))
    # messages, hours, orders by state and ratings (no applications, so no chart of them)
    assert page.count("<svg viewBox") == 4 and 'aria-label="各社会组织平均评分' in page
    orders = page[page.index('data-testid="chart-orders"'):page.index('data-testid="chart-hours"')]
    assert "办理中 <strong>2</strong> 单" in orders and ">1</strong> 单。" in orders
    assert "已超时：1" in orders  # the bar's tooltip
    assert '<span class="badge bad">1</span>' in orders and "待审单" in orders
    records = page[page.index('data-testid="org-records"'):]
    row = records[records.index("阳光为老服务中心"):records.index("</tr>",
                                                          records.index("阳光为老服务中心"))]
    for cell in ('"完成单数">2<', '"评价数">2<', '"平均评分">3.0<', '"问题已解决">50%<',
                 '"完成用时">4 小时<'):
        assert cell in row, cell
    assert "安康助医服务社" in records and "各社会组织平均评分" in page


def test_dashboard_without_orders(auth, client):
    auth.login("staff")
    page = text(client.get("/admin/"))
    assert "还没有居民点单" in page and "还没有居民评价" in page


def test_orders_csv_is_masked_and_audited(auth, client):
    late, landline = _data()
    auth.login("staff")
    body, rows = _csv(client, "orders")
    assert body.startswith(b"\xef\xbb\xbf") and b"\r\n" in body
    assert rows[0][:3] == ["单号", "服务类别", "状态"] and len(rows) == 5
    by_number = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    first = by_number[late.number]
    assert first["电话"] == "138****8000" and first["地址"] == "幸福社区和平路**号*栋"
    assert first["是否超时"] == "是" and first["状态"] == "待审单" and first["来源"] == "微信公众号"
    assert by_number[landline.number]["电话"] == "057*-****6666"
    assert by_number[landline.number]["是否超时"] == "否"
    decoded = body.decode("utf-8-sig")
    assert PHONE not in decoded and "88886666" not in decoded and "oResidentA" not in decoded
    assert "阳光为老服务中心" in decoded and "已评价" in decoded
    assert audit_actions("export.") == ["export.orders"]


def test_ratings_csv_masks_phone_numbers_in_comments(auth, client):
    _data()
    auth.login("staff")
    body, rows = _csv(client, "ratings")
    assert body.startswith(b"\xef\xbb\xbf")
    assert rows[0] == ["单号", "服务类别", "服务组织", "评分", "问题是否解决", "评价内容", "评价时间"]
    assert [row[3] for row in rows[1:]] == ["2", "4"]
    assert rows[1][2] == "阳光为老服务中心" and rows[1][4] == "未解决"
    assert rows[1][5] == "联系我 139****5678，没有打扫干净"
    assert "13912345678" not in body.decode("utf-8-sig")
    assert audit_actions("export.") == ["export.ratings"]


def test_order_exports_need_staff(auth, client):
    auth.login("org1")
    assert client.get("/admin/export/orders.csv").status_code == 403
    assert client.get("/admin/export/ratings.csv").status_code == 403
