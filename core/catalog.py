"""The bureau's published catalogue as plain, immutable data: the one copy every package reads.

knowledge/data/catalog.yaml lists the service items (their mode and, for the items
residents fill in chat, the form's title), the item categories, and the kinds of help
residents order (label, deadline class, the residents' words that name each). Forms,
order categories, deadlines, volunteer skills, the demo organisations and the
understanding all read it here, so adding an order category is one entry in that file.
It lives in core because packages on every layer read it; it imports nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

PATH = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "catalog.yaml"
DEFAULT_DEADLINES = "standard"


@dataclass(frozen=True)
class Item:
    """One published service item (MZxx)."""

    code: str
    name: str
    category: str
    mode: str  # apply, appointment, register or guide
    audience: str = ""
    # The form's title in chat, for items residents fill in (every mode but guide).
    title: str = ""
    # Only for registered volunteers whose registration was approved; their record fills the form.
    volunteers_only: bool = False


@dataclass(frozen=True)
class OrderCategory:
    """One kind of help residents order (居民点单)."""

    code: str
    label: str
    # The class of allowances per stage in orders.deadlines.DEFAULT_SLA.
    deadlines: str = DEFAULT_DEADLINES
    # One of the services 居家和社区养老服务 offers (助餐、助洁、助浴、助医、助急、助行).
    home_care: bool = False
    # The residents' words that name it: (pattern, weight) on normalised text (intents.cues).
    cues: tuple[tuple[str, float], ...] = ()

    @property
    def short(self) -> str:
        """The label before its parenthesis: 助洁（打扫卫生、洗衣） -> 助洁."""
        return self.label.split("（")[0]


@dataclass(frozen=True)
class Catalog:
    """Items by code, item categories by key, order categories by code (in the file's order)."""

    items: dict[str, Item]
    categories: dict[str, str]
    order_categories: dict[str, OrderCategory] = field(default_factory=dict)
    # The most asked items' codes, in the order the welcome menu's 办事指南 lists them.
    common_items: tuple[str, ...] = ()

    def with_mode(self, *modes: str) -> list[Item]:
        return [item for item in self.items.values() if item.mode in modes]

    @property
    def register_item(self) -> str:
        """The code of the item registered in chat (志愿者注册)."""
        return next(item.code for item in self.items.values() if item.mode == "register")

    @property
    def volunteer_record_item(self) -> str:
        """The code of the item only approved volunteers ask for (their service record)."""
        return next(item.code for item in self.items.values() if item.volunteers_only)

    def order_labels(self) -> dict[str, str]:
        return {code: c.label for code, c in self.order_categories.items()}

    def order_code(self, short: str) -> str | None:
        """The order category a short name (助餐) stands for."""
        return next((c.code for c in self.order_categories.values() if c.short == short), None)


def _item(row: dict) -> Item:
    return Item(code=row["code"], name=row["name"], category=row["category"], mode=row["mode"],
                audience=row.get("for", ""), title=row.get("title", ""),
                volunteers_only=bool(row.get("volunteers_only")))


def _order_category(code: str, row) -> OrderCategory:
    if isinstance(row, str):  # a bare label: no cue words, standard deadlines
        return OrderCategory(code, row)
    return OrderCategory(code, row["label"], deadlines=row.get("deadlines") or DEFAULT_DEADLINES,
                         home_care=bool(row.get("home_care")),
                         cues=tuple((str(p), float(w)) for p, w in row.get("cues") or ()))


def load(path: Path = PATH) -> Catalog:
    """The catalogue in a file (a copy in a test, or an export directory's)."""
    with Path(path).open(encoding="utf-8") as handle:
        return from_data(yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def from_data(data: dict) -> Catalog:
    """The catalogue from the file's parsed YAML."""
    return Catalog(items={row["code"]: _item(row) for row in data["items"]},
                   categories=dict(data["categories"]),
                   order_categories={code: _order_category(code, row)
                                     for code, row in (data.get("order_categories") or {}).items()},
                   common_items=tuple(data.get("common_items") or ()))


@lru_cache(maxsize=1)
def _shipped() -> Catalog:
    return load(PATH)


def current() -> Catalog:
    """The catalogue the project ships (read once per process; call through the module)."""
    return _shipped()
