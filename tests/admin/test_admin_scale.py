"""Admin list pages at scale: the bench's data, every list page answers with a bounded number of
SQL statements (no query per row) and under 200 KB. bench/admin_scale.py has the timings."""
import pytest
from sqlalchemy import event

from bench.admin_fill import fill
from bench.admin_scale import PAGES, TARGET_KB
from core.extensions import db

# Sign-in check, session, notice count and the page's own queries (the dashboard has 14):
# never one per row.
MOST_STATEMENTS = 15


@pytest.fixture
def filled(seeded):
    facts = fill(orders=600, applications=60, messages=1500)
    return facts["fill"]


def test_every_list_page_has_a_bounded_number_of_queries_and_size(filled, auth, client):
    sent = []

    def count(*args):
        sent.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        for who in ("staff", "org1", "admin"):
            auth.login(who)
            for _, label, path in (page for page in PAGES if page[0] == who):
                path = path.format(**filled)
                sent.clear()
                response = client.get(path)
                assert response.status_code == 200, (label, path)
                assert len(sent) <= MOST_STATEMENTS, (label, path, len(sent))
                assert len(response.data) <= TARGET_KB * 1024, (label, path, len(response.data))
            auth.logout()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
