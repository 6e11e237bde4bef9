"""Order categories: the kinds of help residents can order (the catalogue's order_categories)."""
from __future__ import annotations

from functools import lru_cache

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


@lru_cache(maxsize=1)
def names() -> dict[str, list[str]]:
    """Category code -> the names residents use for it (助医: 陪诊, 代配药…)."""
    from knowledge.snapshot import read_catalog

    return {code: list(words or []) for code, words in read_catalog()["order_category_names"].items()}


def display(code: str) -> str:
    """The label with the everyday names it lacks: 法律咨询援助（法律援助、法律咨询）."""
    label = labels().get(code, code)
    head, _, inside = label.partition("（")
    parts = [p for p in inside.rstrip("）").split("、") if p]
    parts += [n for n in names().get(code, []) if n not in label and n not in parts]
    return f"{head}（{'、'.join(parts)}）" if parts else head


@lru_cache(maxsize=1)
def guide_item() -> str | None:
    """The guide item that explains ordering (its questions are the order dialog's context)."""
    from knowledge.snapshot import read_catalog

    return read_catalog()["order_guide"]
