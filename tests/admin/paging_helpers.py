"""gen_* builders for long lists, and walking a list page by page through its own links.

Paging tests need hundreds of rows; going through the domain operations for each
would make them slow and prove nothing more, so these insert rows directly.
"""
from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta

from applications.models import Application, Appointment
from core.audit import utcnow
from core.extensions import db
from handoff.models import Ticket
from orders.models import Order
from volunteers.models import Volunteer
from tests.helpers import wx

# Past the old silent cap of 200 rows.
MANY = 205


def gen_orders(count: int, prefix: str = "DDPG", now: datetime | None = None, **fields) -> list[Order]:
    """`count` orders numbered PREFIX-0001…, due one hour apart from `now` on."""
    now = now or utcnow()
    fields.setdefault("state", "submitted")
    orders = [Order(number=f"{prefix}-{i:04d}", category="cleaning", address="幸福社区和平路12号",
                    community="幸福社区", phone="13800138000", resident=wx("oResidentA"),
                    created_at=now, updated_at=now, due_at=now + timedelta(hours=i), **fields)
              for i in range(1, count + 1)]
    db.session.add_all(orders)
    db.session.commit()
    return orders


def gen_applications(count: int, prefix: str = "SQPG", **fields) -> list[Application]:
    """`count` pre-applications with references PREFIX-0001…, oldest first."""
    rows = [Application(reference=f"{prefix}-{i:04d}", resident=wx(f"o{prefix}{i}"), service="MZ07",
                        title="高龄津贴", name="张三", id_masked="3201**********1234",
                        idempotency_key=f"{prefix}-{i}", **fields)
            for i in range(1, count + 1)]
    db.session.add_all(rows)
    db.session.commit()
    return rows


def gen_appointments(count: int, day: date, prefix: str = "YYPG", **fields) -> list[Appointment]:
    """`count` bookings on one day and in one slot, so only the id tells them apart."""
    rows = [Appointment(reference=f"{prefix}-{i:04d}", resident=wx(f"o{prefix}{i}"), service="MZ17",
                        title="婚姻登记", name="李四", day=day, time="09:00", seat=i,
                        idempotency_key=f"{prefix}-{i}", **fields)
            for i in range(1, count + 1)]
    db.session.add_all(rows)
    db.session.commit()
    return rows


def gen_tickets(count: int, status: str = "open") -> list[Ticket]:
    rows = [Ticket(resident=wx(f"oTicket{i}"), subject=f"工单主题PG{i:04d}", status=status)
            for i in range(1, count + 1)]
    db.session.add_all(rows)
    db.session.commit()
    return rows


def gen_volunteers(count: int, status: str = "pending") -> list[Volunteer]:
    rows = [Volunteer(resident=wx(f"oVolunteer{status}{i}"), name=f"志愿者PG{i:04d}",
                      phone="13900001111", id_masked="x", id_number_enc="", status=status)
            for i in range(1, count + 1)]
    db.session.add_all(rows)
    db.session.commit()
    return rows


def next_link(page: str) -> str | None:
    """The 下一页 link of a list page, if it has one."""
    found = re.search(r'<a href="([^"]+)" rel="next">下一页</a>', page)
    return html.unescape(found.group(1)) if found else None


def page_links(page: str) -> list[str]:
    """Every link in a page's pager, unescaped."""
    pager = page[page.index('data-testid="pager"'):]
    pager = pager[:pager.index("</nav>")]
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', pager)]


def walk(client, url: str, pattern: str) -> tuple[list[str], list[str]]:
    """Follow 下一页 from `url` to the end: every match of `pattern` in order, and the URLs seen."""
    found, urls = [], []
    while url:
        urls.append(url)
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        found += re.findall(pattern, page)
        url = next_link(page)
        assert len(urls) < 50, "the pager never ends"
    return found, urls
