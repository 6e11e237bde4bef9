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
