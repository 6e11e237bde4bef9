from core import audit
from core.extensions import db

from admin_helpers import text


def test_audit_page_lists_entries_with_before_and_after(auth, client):
    audit.record("admin", "organization.update", "organization:1",
                 before={"name": "旧名称"}, after={"name": "新名称"})
    db.session.commit()
    auth.login("admin")
    page = text(client.get("/admin/audit"))
    assert "organization.update" in page and "旧名称" in page and "新名称" in page
    assert "login.success" in page


def test_audit_page_is_paginated_and_filterable(auth, client):
    for i in range(60):
        audit.record("system", "test.bulk", f"item:{i}")
    db.session.commit()
    auth.login("admin")
    first = text(client.get("/admin/audit"))
    assert "第 1 / 2 页" in first and "item:59" in first and "item:0<" not in first
    second = text(client.get("/admin/audit?page=2"))
    assert "item:0<" in second
    filtered = text(client.get("/admin/audit?action=login"))
    assert "login.success" in filtered and "test.bulk" not in filtered


def test_audit_page_shows_times_in_china_time(auth, client):
    from datetime import datetime

    entry = audit.record("system", "test.time")
    entry.at = datetime(2024, 1, 1, 16, 30)
    db.session.commit()
    auth.login("admin")
    assert "2024-01-02 00:30:00" in text(client.get("/admin/audit?action=test.time"))
