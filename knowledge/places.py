"""Where an item is handled, with coordinates, for "附近哪里能办" (knowledge/data/places.yaml)."""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import yaml

PLACES_FILE = Path(__file__).resolve().parent / "data" / "places.yaml"


@lru_cache(maxsize=1)
def _table() -> dict:
    return yaml.safe_load(PLACES_FILE.read_text(encoding="utf-8")) or {}


def places_for(code: str | None) -> list[dict]:
    """The item's own offices, or the street service centres that take most items."""
    table = _table()
    return list(table.get(code or "") or table.get("default") or [])


def distance_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance (haversine), good to metres at a city's scale."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def nearest(code: str | None, lat: float, lng: float) -> tuple[dict, float] | None:
    """The closest office for the item and its distance in km."""
    ranked = sorted(((distance_km(lat, lng, p["lat"], p["lng"]), p) for p in places_for(code)),
                    key=lambda pair: pair[0])
    if not ranked:
        return None
    km, place = ranked[0]
    return place, km
