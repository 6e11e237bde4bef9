"""A plain, immutable copy of the knowledge base for understanding.

Understanding runs with no database session (`flask nlu predict` runs with no
server), so it works on a Snapshot read from the data files or the database.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from core import catalog as core_catalog

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Snapshot:
    """Guides by code, FAQ entries, lexicon and referrals, as plain data."""

    guides: dict[str, dict]
    faq: list[dict] = field(default_factory=list)
    synonyms: dict[str, str] = field(default_factory=dict)
    words: list[tuple[str, int, str]] = field(default_factory=list)
    referrals: list[dict] = field(default_factory=list)
    version: str = "files"


def _load_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_catalog(data_dir: Path = DATA_DIR) -> dict:
    """The bureau's published catalogue: items by code, and order categories' labels.

    core.catalog holds the same file as typed data (with each entry's attributes).
    """
    catalog = _load_yaml(data_dir / "catalog.yaml")
    return {"items": {item["code"]: item for item in catalog["items"]},
            "categories": catalog["categories"],
            "order_categories": core_catalog.from_data(catalog).order_labels(),
            "order_category_names": catalog.get("order_category_names") or {},
            "order_guide": catalog.get("order_guide")}


def read_files(data_dir: Path = DATA_DIR, catalog_dir: Path | None = None) -> dict:
    """The raw data files as dicts, in the shape `flask seed` loads."""
    items = read_catalog(catalog_dir or data_dir)["items"]
    guides = {}
    for path in sorted((data_dir / "guides").glob("MZ*.yaml")):
        guide = _load_yaml(path)
        item = items[guide["code"]]
        # The catalogue is authoritative for what the bureau published.
        guide.update(name=item["name"], category=item["category"], mode=item["mode"])
        guides[guide["code"]] = guide
    lexicon = _load_yaml(data_dir / "lexicon.yaml") if (data_dir / "lexicon.yaml").exists() else {}
    return {
        "guides": guides,
        "faq": _load_yaml(data_dir / "faq.yaml") if (data_dir / "faq.yaml").exists() else [],
        "synonyms": dict((lexicon or {}).get("synonyms") or {}),
        "words": [tuple(w) for w in (lexicon or {}).get("words") or []],
        "referrals": (_load_yaml(data_dir / "referrals.yaml")
                      if (data_dir / "referrals.yaml").exists() else []),
    }


def from_files(data_dir: Path = DATA_DIR) -> Snapshot:
    """Snapshot of the repository's data files (no database needed)."""
    return Snapshot(**read_files(data_dir))
