"""Order categories: the kinds of help residents can order (service catalogue)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def labels() -> dict[str, str]:
    """Category code -> full label, from the bureau's published catalogue."""
    from knowledge.snapshot import read_catalog

    return dict(read_catalog()["order_categories"])


def short(code: str | None) -> str:
    """The label before its parenthesis: 助洁（打扫卫生、洗衣） -> 助洁."""
    label = labels().get(code or "", code or "")
    return label.split("（")[0]


def codes() -> list[str]:
    return list(labels())
