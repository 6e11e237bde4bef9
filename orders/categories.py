"""Order categories: the kinds of help residents can order (the catalogue's order_categories)."""
from __future__ import annotations

from core import catalog


def labels() -> dict[str, str]:
    """Category code -> full label, from the bureau's published catalogue."""
    return catalog.current().order_labels()


def short(code: str | None) -> str:
    """The label before its parenthesis: 助洁（打扫卫生、洗衣） -> 助洁."""
    category = catalog.current().order_categories.get(code or "")
    return category.short if category else code or ""


def codes() -> list[str]:
    return list(catalog.current().order_categories)


def deadline_class(code: str) -> str:
    """The class of allowances the category's deadlines follow (orders.deadlines)."""
    category = catalog.current().order_categories.get(code)
    return category.deadlines if category else catalog.DEFAULT_DEADLINES
