"""One unit of work per request: a response of 400 or more keeps nothing the view wrote."""
from __future__ import annotations

import pytest
from flask import abort, redirect

from core import audit
from core.audit import AuditEntry
from core.extensions import db


def _writes_then(status: int):
    def view(*args, **kwargs):
        audit.record("tester", "unit.write", "unit:1")
        db.session.flush()
        if status >= 400:
            abort(status)
        return redirect("/admin/")
    return view


def _entries() -> int:
    db.session.rollback()
    return db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "unit.write"))


@pytest.mark.parametrize("endpoint, path", [
    ("admin.dashboard", "/admin/"),
    ("open311.list_requests", "/open311/v2/requests.json"),
    ("simulator.outbox", "/api/chat/outbox"),
])
@pytest.mark.parametrize("status", [400, 403, 404, 409, 422])
def test_a_view_that_wrote_then_refused_leaves_nothing(app, client, endpoint, path, status):
    app.view_functions[endpoint] = _writes_then(status)
    assert client.get(path).status_code == status
    assert _entries() == 0


@pytest.mark.parametrize("endpoint, path", [("admin.dashboard", "/admin/"),
                                            ("simulator.outbox", "/api/chat/outbox")])
def test_a_view_that_wrote_and_succeeded_is_committed_once(app, client, endpoint, path):
    app.view_functions[endpoint] = _writes_then(302)
    assert client.get(path).status_code == 302
    assert _entries() == 1


def test_a_view_that_raised_leaves_nothing(app, client):
    def view():
        audit.record("tester", "unit.write", "unit:1")
        db.session.flush()
        raise RuntimeError("midway")

    app.view_functions["admin.dashboard"] = view
    app.config["PROPAGATE_EXCEPTIONS"] = False  # the 500 page, as in production
    assert client.get("/admin/").status_code == 500
    assert _entries() == 0
