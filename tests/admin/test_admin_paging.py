"""Admin lists page through every row (they used to stop silently at 200), keeping their filters."""
import csv
import io
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from admin_helpers import text
from order_helpers import flashes, org_id
from paging_helpers import (
    MANY,
    gen_applications,
    gen_appointments,
    gen_orders,
    gen_tickets,
    gen_volunteers,
    page_links,
    walk,
)

from admin.paging import PER_PAGE
from core.audit import utcnow

ORDER = r'data-number="(DD\w+-\d{4})"'
LAST_PAGE = -(-MANY // PER_PAGE)


def numbers(prefix: str, count: int = MANY) -> list[str]:
    return [f"{prefix}-{i:04d}" for i in range(1, count + 1)]


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_order_queue_reaches_every_order_in_queue_order(auth, client):
    late = gen_orders(2, prefix="DDLATE", now=utcnow() - timedelta(days=10))
    gen_orders(MANY)
    gen_orders(3, prefix="DDAPPR", state="pending_dispatch")
    auth.login("staff")
    seen, urls = walk(client, "/admin/orders?state=submitted", ORDER)
    assert seen == [o.number for o in late] + numbers("DDPG")  # overdue first, nothing twice
    assert len(urls) == LAST_PAGE
    assert all(query(url)["state"] == ["submitted"] for url in urls[1:])
    page_with_201 = text(client.get(f"/admin/orders?state=submitted&page={200 // PER_PAGE + 1}"))
    assert 'data-number="DDPG-0199"' in page_with_201  # row 201: after the two overdue ones
    assert f"共 {MANY + 2} 条" in page_with_201


def test_pager_shows_total_numbers_and_the_current_page(auth, client):
    gen_orders(MANY)
    auth.login("staff")
    page = text(client.get("/admin/orders?state=submitted&page=2"))
    assert f"共 {MANY} 条 · 第 2 / {LAST_PAGE} 页" in page
    assert '<span class="current" aria-current="page">2</span>' in page
    links = page_links(page)
    assert links[0] == "/admin/orders?state=submitted"  # 上一页: page 1 needs no number
    assert f"/admin/orders?page={LAST_PAGE}&state=submitted" in links
    assert "上一页" in page and "下一页" in page


@pytest.mark.parametrize("raw", ["abc", "0", "-3", "1.5", ""])
def test_garbage_page_shows_the_first_page(auth, client, raw):
    gen_orders(MANY)
    auth.login("staff")
    response = client.get(f"/admin/orders?state=submitted&page={raw}")
    assert response.status_code == 200
    page = text(response)
    assert 'data-number="DDPG-0001"' in page and 'aria-current="page">1</span>' in page


@pytest.mark.parametrize("raw", ["999", "99999999999999999999999"])
def test_page_past_the_end_shows_the_last_page(auth, client, raw):
    gen_orders(MANY)
    auth.login("staff")
    response = client.get(f"/admin/orders?state=submitted&page={raw}")
    assert response.status_code == 200
    page = text(response)
    assert f'data-number="DDPG-{MANY:04d}"' in page
    assert f'aria-current="page">{LAST_PAGE}</span>' in page
    assert any(f"已显示最后一页（第 {LAST_PAGE} 页）" in f for f in flashes(page))


def test_empty_list_past_the_end_is_a_normal_empty_page(auth, client):
    auth.login("staff")
    response = client.get("/admin/orders?state=submitted&page=7")
    assert response.status_code == 200
    assert "没有“待审单”的订单。" in text(response) and "共 0 条" in text(response)


def test_org_pages_through_only_its_own_orders(auth, client):
    mine = gen_orders(MANY, prefix="DDORG1", state="dispatched", organization_id=org_id("org1"))
    gen_orders(60, prefix="DDORG2", state="dispatched", organization_id=org_id("org2"))
    gen_orders(5, prefix="DDNONE")  # submitted, not yet anyone's
    auth.login("org1")
    seen, urls = walk(client, "/admin/org/", ORDER)
    assert seen == [o.number for o in mine]
    first = text(client.get("/admin/org/"))
    assert f'共 <strong data-count="org_active">{MANY}</strong> 单' in first and f"共 {MANY} 条" in first
    assert all(url.startswith("/admin/org/") for url in urls)


def test_application_queue_pages_keep_every_filter(auth, client):
    gen_applications(MANY, status="submitted", community="幸福社区")
    gen_applications(5, prefix="SQOTHER", status="approved", community="幸福社区")
    auth.login("staff")
    url = "/admin/applications?status=submitted&service=MZ07&community=幸福社区&q=SQPG"
    seen, urls = walk(client, url, r"SQ\w+-\d{4}")
    assert seen == numbers("SQPG")[::-1]  # newest first, the oldest on the last page
    assert len(urls) == LAST_PAGE
    for later in urls[1:]:
        assert query(later) == {"status": ["submitted"], "service": ["MZ07"],
                                "community": ["幸福社区"], "q": ["SQPG"],
                                "page": [query(later)["page"][0]]}
    assert f"共 {MANY} 条" in text(client.get(url))


def test_appointments_in_one_slot_page_without_repeats(auth, client):
    day = date.today() + timedelta(days=3)
    gen_appointments(MANY, day)
    gen_appointments(4, day + timedelta(days=1), prefix="YYNEXT")
    auth.login("staff")
    seen, urls = walk(client, f"/admin/appointments?day={day.isoformat()}&status=booked", r"YY\w+-\d{4}")
    assert seen == numbers("YYPG")
    assert all(query(url)["day"] == [day.isoformat()] for url in urls[1:])
    assert 'value="booked" selected' in text(client.get(urls[-1]))


def test_handoff_and_volunteer_queues_page_within_their_status(auth, client):
    gen_tickets(MANY)
    gen_tickets(3, status="closed")
    pending = gen_volunteers(MANY)
    gen_volunteers(3, status="approved")
    auth.login("staff")
    # 待回复: the longest waiting first (these have no message time: oldest ticket first).
    tickets, urls = walk(client, "/admin/handoffs?status=waiting", r"工单主题PG\d{4}")
    assert len(tickets) == MANY and len(set(tickets)) == MANY and tickets[0] == "工单主题PG0001"
    assert all(query(url)["status"] == ["waiting"] for url in urls[1:])
    # Names are masked (志*******): a row is told by its reveal link's id.
    people, urls = walk(client, "/admin/volunteers?status=pending", r"show=phone:(\d+)")
    assert len(people) == MANY and len(set(people)) == MANY and people[-1] == str(pending[0].id)
    assert all(query(url)["status"] == ["pending"] for url in urls[1:])


def test_csv_exports_hold_every_row_not_one_page(auth, client):
    gen_orders(MANY)
    gen_applications(MANY)
    auth.login("staff")
    for kind in ("orders", "applications"):
        body = client.get(f"/admin/export/{kind}.csv").data.decode("utf-8-sig")
        assert len(list(csv.reader(io.StringIO(body)))) == MANY + 1  # and the header


def test_acting_on_a_row_returns_to_the_same_page_and_filters(auth, client):
    gen_volunteers(MANY)
    appointment = gen_appointments(1, date.today() + timedelta(days=3))[0]
    auth.login("staff")
    back = "/admin/volunteers?status=pending&page=3"
    response = client.post("/admin/volunteers/1/review", data={"decision": "approve", "next": back})
    assert response.headers["Location"] == back
    response = client.post(f"/admin/appointments/{appointment.id}/done",
                           data={"next": "https://evil.example/admin/appointments"})
    assert response.headers["Location"] == "/admin/appointments"  # never off-site
    assert 'name="next" value="/admin/volunteers?status=pending&amp;page=3"' in text(client.get(back))
