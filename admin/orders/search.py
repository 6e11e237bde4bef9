"""The orders list's search box and filters, read from the query string."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from flask import request

from accounts.models import Organization
from core import calendar
from core.extensions import db
from orders import categories
from orders.search import SORTS, OrderFilter, communities_in_use

# An order number or its start as staff type it: DD20261123-0001, DD20261202, dd2026.
NUMBER = re.compile(r"^[A-Za-z]{2}[\d-]+$")
PHONE_TAIL = re.compile(r"^\d{4}$")
FILTER_ARGS = ("q", "category", "community", "org", "overdue", "rating", "since", "until")
RATINGS = {"low": "差评（≤2 星）", "unresolved": "未解决", "followup": "差评或未解决"}


def _day(name: str) -> datetime | None:
    """A YYYY-MM-DD date, Beijing time, as the UTC instant it starts at; garbage is ignored."""
    try:
        return calendar.from_china(datetime.strptime(request.args.get(name, "").strip(), "%Y-%m-%d"))
    except ValueError:
        return None


def read_filter(query: str) -> OrderFilter:
    """The filter the list's form sent; `query` is the search box, not an order number."""
    until = _day("until")
    org = request.args.get("org", type=int)
    rating = request.args.get("rating", "")
    number = bool(NUMBER.match(query))
    return OrderFilter(
        keyword="" if number or PHONE_TAIL.match(query) else query[:50],
        number=query[:50] if number else "",
        phone_tail=query if PHONE_TAIL.match(query) else "",
        category=request.args.get("category", "") if request.args.get("category") in categories.codes() else "",
        community=request.args.get("community", "")[:64], organization_id=org,
        overdue=request.args.get("overdue") == "1",
        rating=rating if rating in RATINGS else "",
        since=_day("since"), until=until + timedelta(days=1) if until else None)


def read_sort() -> tuple[str, bool]:
    """(column, descending) from ?sort=created or ?sort=-created."""
    sort = request.args.get("sort", "")
    column = sort.lstrip("-")
    return (column, sort.startswith("-")) if column in SORTS else ("", False)


def kept_args() -> dict:
    """The filters to carry into tab, page and sort links."""
    return {k: request.args.get(k) for k in FILTER_ARGS if request.args.get(k)}


def choices() -> dict:
    """What the filter selects offer."""
    orgs = db.session.execute(db.select(Organization.id, Organization.name)
                              .order_by(Organization.name)).all()
    return {"categories": categories.labels(), "communities": communities_in_use(),
            "organizations": orgs, "ratings": RATINGS}
