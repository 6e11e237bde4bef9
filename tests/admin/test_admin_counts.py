"""/admin/counts.json: the queue counters pages refresh without a reload, scoped to who asks."""
from __future__ import annotations

import re
from datetime import timedelta

from accounts.sessions import AdminSession
from core.audit import utcnow
from core.extensions import db
from tests.admin.admin_helpers import text
from tests.admin.order_helpers import APPROVE, DISPATCH_ORG1, gen_order, move, org_id
from tests.admin.paging_helpers import gen_applications, gen_tickets


def _counts(client, want: str = ""):
    response = client.get("/admin/counts.json", query_string={"want": want} if want else {})
    return response.status_code, response.get_json()


def test_staff_get_the_application_and_ticket_queues(auth, client):
    gen_applications(2, status="submitted")
    gen_applications(1, prefix="SQNEED", status="need_info")
    gen_tickets(3)
    gen_tickets(1, status="closed")
    auth.login("staff")
    status, data = _counts(client)
    assert status == 200 and {"notices", "orders", "applications", "tickets"} <= set(data)
    assert data["applications"]["submitted"] == 2 and data["applications"]["need_info"] == 1
    assert data["applications"]["approved"] == 0 and data["applications"]["all"] == 3
    assert data["tickets"] == {"waiting": 3, "answered": 0, "closed": 1}
    # A page asks only for what it shows.
    assert set(_counts(client, "tickets,notices")[1]) == {"tickets", "notices"}


def test_an_organisation_sees_only_its_own_counts(auth, client):
    gen_applications(2, status="submitted")
    gen_tickets(2)
    mine = move(gen_order(), APPROVE, DISPATCH_ORG1)
    other = move(gen_order(), APPROVE, ("dispatch", "staff", {"organization_id": "org2"}))
    assert mine.organization_id == org_id("org1") != other.organization_id
    auth.login("org1")
    status, data = _counts(client)
    assert status == 200 and set(data) == {"notices", "org_active", "org_states"}
    assert data["org_active"] == 1 and data["notices"] == 1  # its own dispatch, not org2's
    assert sum(data["org_states"].values()) == 1  # org2's order is in none of its tabs
    # Asking for the bureau's queues by name gets nothing of them.
    assert _counts(client, "applications,tickets,orders")[1] == {}


def test_signed_out_is_a_401_not_a_login_page(client):
    status, data = _counts(client)
    assert status == 401 and data == {"error": "signed_out"}


def _seen_at():
    db.session.expire_all()
    return db.session.scalar(db.select(AdminSession.seen_at))


def test_polling_does_not_keep_an_idle_session_alive(app, auth, client):
    auth.login("staff")
    idle = app.config["ADMIN_IDLE_SECONDS"]
    # Nobody has touched the page for a while, but its script polls every 30 s.
    db.session.execute(db.update(AdminSession).values(seen_at=utcnow() - timedelta(seconds=idle - 60)))
    db.session.commit()
    before = _seen_at()
    assert _counts(client)[0] == 200
    assert _seen_at() == before
    db.session.execute(db.update(AdminSession).values(seen_at=utcnow() - timedelta(seconds=idle + 1)))
    db.session.commit()
    assert _counts(client) == (401, {"error": "signed_out"})
    login = client.get("/admin/")
    assert login.status_code == 302 and "长时间未操作" in text(client.get(login.headers["Location"]))


def test_the_queue_pages_carry_their_counters_and_the_script(auth, client):
    gen_applications(2, status="submitted")
    gen_tickets(1)
    auth.login("staff")
    page = text(client.get("/admin/applications?community=幸福社区"))
    assert re.search(r'data-count="applications.submitted">2<', page)
    assert re.search(r'data-count="applications.all">2<', page)
    assert "counts.js" in page and 'data-url="/admin/counts.json"' in page
    # A status tab keeps the other filters.
    (href,) = re.findall(r'href="([^"]+)"[^>]*>\s*需补充材料 <span', page)
    assert "status=need_info" in href and "community=" in href and "service=" not in href
    page = text(client.get("/admin/handoffs"))
    assert re.search(r'data-count="tickets.waiting" data-testid="count-waiting">1<', page) and "counts.js" in page
