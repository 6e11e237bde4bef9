"""Order words for templates: state, category and close-kind labels, and lateness."""
from __future__ import annotations

from datetime import datetime

from admin import texts as admin_texts
from admin.blueprint import bp
from admin.masking import mask
from orders import categories, texts


@bp.app_template_filter("order_state")
def order_state(state: str) -> str:
    return texts.STATE_LABELS.get(state, state)


@bp.app_template_filter("order_category")
def order_category(code: str) -> str:
    """The short label (助洁), as staff and organisations say it."""
    return categories.short(code)


@bp.app_template_filter("close_kind")
def close_kind(kind: str) -> str:
    return texts.CLOSE_KIND_LABELS.get(kind, texts.OUTCOME_LABELS.get(kind, kind))


@bp.app_template_filter("order_source")
def order_source(source: str) -> str:
    return admin_texts.ORDER_SOURCES.get(source, source)


@bp.app_template_test("overdue")
def overdue(order, now: datetime) -> bool:
    """Past its deadline while someone still owes a step (terminal orders have none)."""
    return order.due_at is not None and order.due_at < now


def volunteer_name(entry, full: bool = False) -> str:
    """One volunteer of an order as staff read it: a picked one by name, a typed one marked.

    Volunteers are residents: the name is masked (admin.masking) unless the page
    shows it in full after an audited reveal (`full`).
    """
    if isinstance(entry, dict):
        name = str(entry.get("name") or "")
        name = name if full else mask(name, "name")
        return name if entry.get("id") else f"{name}（非登记志愿者）"
    return str(entry) if full else mask(entry, "name")


@bp.app_template_filter("volunteer_names")
def volunteer_names(entries, full: bool = False) -> str:
    """An order's volunteers, 、-separated, masked unless `full`."""
    return "、".join(volunteer_name(e, full) for e in entries or [])
