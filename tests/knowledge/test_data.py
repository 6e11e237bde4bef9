"""The knowledge data files are complete and fit WeChat."""
import pytest

from knowledge.models import ASPECTS
from knowledge.snapshot import read_catalog, read_files

DATA = read_files()
CATALOG = read_catalog()
MONEY_ITEMS = {"MZ01", "MZ02", "MZ03", "MZ04", "MZ05", "MZ07", "MZ08", "MZ10", "MZ13", "MZ14",
               "MZ15", "MZ16", "MZ27"}


def test_every_catalogue_item_has_a_guide():
    assert set(DATA["guides"]) == set(CATALOG["items"])


@pytest.mark.parametrize("code", sorted(CATALOG["items"]))
def test_guide_is_complete_and_short_enough(code):
    guide = DATA["guides"][code]
    assert guide["name"] == CATALOG["items"][code]["name"]
    required = [a for a in ASPECTS if a != "standard"]
    for aspect in required:
        assert (guide.get(aspect) or "").strip(), f"{code} lacks {aspect}"
    if code in MONEY_ITEMS:
        assert (guide.get("standard") or "").strip(), f"{code} lacks standard"
    for aspect in ASPECTS:
        assert len((guide.get(aspect) or "").encode()) < 1800, f"{code}.{aspect} too long for WeChat"
    assert guide["aliases"], code


def test_faq_entries_point_at_real_items_and_aspects():
    assert len(DATA["faq"]) >= 40
    ids = [entry["id"] for entry in DATA["faq"]]
    assert len(ids) == len(set(ids))
    for entry in DATA["faq"]:
        assert entry["service"] in (None, *CATALOG["items"]), entry["id"]
        assert entry["aspect"] in (None, *ASPECTS), entry["id"]
        assert len(entry["alternates"]) >= 2, entry["id"]


def test_lexicon_and_referrals():
    assert all(k != v and len(k) > 1 for k, v in DATA["synonyms"].items())
    assert len(DATA["referrals"]) >= 10
    assert all("12345" in r["reply"] for r in DATA["referrals"])
