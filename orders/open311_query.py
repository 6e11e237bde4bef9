"""GET requests' filters as GeoReport v2 defines them, plus paging."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, UTC

from core import calendar
from orders.models import OPEN_STATES, Order

# The spec's default window and the longest range a single query may span.
WINDOW = timedelta(days=90)
PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
STATUSES = ("open", "closed")


class BadQuery(ValueError):
    """A parameter the spec does not allow; its text is the error's description."""


@dataclass(frozen=True)
class Page:
    number: int
    size: int

    @property
    def offset(self) -> int:
        """Rows before this page."""
        return (self.number - 1) * self.size


def comma_list(value: str | None) -> list[str]:
    """`a,b, c` -> [a, b, c]: the spec lets several values be given comma-delimited."""
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def page(args) -> Page:
    """`page` (from 1) and `page_size` (1 to MAX_PAGE_SIZE, PAGE_SIZE by default)."""
    number = _positive(args.get("page"), "page", 1)
    size = _positive(args.get("page_size"), "page_size", PAGE_SIZE)
    if size > MAX_PAGE_SIZE:
        raise BadQuery(f"page_size may be at most {MAX_PAGE_SIZE}")
    return Page(number, size)


def _positive(value: str | None, name: str, default: int) -> int:
    if value is None or value == "":
        return default
    if not value.isascii() or not value.isdigit() or int(value) < 1 or len(value) > 9:
        raise BadQuery(f"{name} must be a whole number from 1")
    return int(value)


def filtered(query, args, now: datetime | None = None):
    """service_code, status and the start_date/end_date window (last 90 days by default)."""
    codes = comma_list(args.get("service_code"))
    if codes:
        query = query.where(Order.category.in_(codes))
    start, end = window(args.get("start_date"), args.get("end_date"), now)
    query = query.where(Order.created_at >= start)
    if end is not None:
        query = query.where(Order.created_at <= end)
    statuses = set(comma_list(args.get("status")))
    if statuses - set(STATUSES):
        raise BadQuery("status must be open, closed, or both comma-separated")
    if len(statuses) == 1:
        open_ = Order.state.in_(OPEN_STATES)
        query = query.where(open_ if "open" in statuses else ~open_)
    return query


def window(start_text: str | None, end_text: str | None,
           now: datetime | None = None) -> tuple[datetime, datetime | None]:
    """The requested_datetime range: at most 90 days, the latest 90 when not given."""
    start, end = parse_date(start_text, "start_date"), parse_date(end_text, "end_date")
    if start is None:
        start = (end or now or datetime.now(UTC).replace(tzinfo=None)) - WINDOW
    if end is not None and end < start:
        raise BadQuery("end_date is before start_date")
    if end is not None and end - start > WINDOW:
        raise BadQuery("start_date to end_date may not span more than 90 days")
    return start, end


def parse_date(value: str | None, name: str) -> datetime | None:
    """ISO 8601 (w3c) to naive UTC; a time without a zone is Beijing time."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadQuery(f"{name} is not a date: use ISO 8601 (w3c) format, "
                       "e.g. 2026-11-01T00:00:00+08:00") from exc
    if parsed.tzinfo is None:
        return calendar.from_china(parsed)
    return parsed.astimezone(UTC).replace(tzinfo=None)
