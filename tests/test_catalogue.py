"""The catalogue is the one source: forms, order categories, deadlines, cues and the seed agree with it."""
import pytest
import yaml

from accounts import seed
from core import catalog
from forms import definitions
from forms.definitions import FIELDS, FORMS, SKILL_CATEGORIES, build_forms
from intents import cues
from orders import categories, deadlines
from tests.helpers import wx

CATALOG = catalog.current()


def test_every_item_residents_fill_in_has_its_form_mode_and_title():
    filled = {item.code: item for item in CATALOG.with_mode("apply", "appointment", "register")}
    assert set(FORMS) == set(filled) == set(FIELDS)
    for code, form in FORMS.items():
        assert (form.mode, form.title) == (filled[code].mode, filled[code].title)
        assert form.volunteers_only == filled[code].volunteers_only
    assert not [item.code for item in CATALOG.with_mode("guide") if item.title]


def test_order_categories_agree_everywhere():
    codes = list(CATALOG.order_categories)
    assert categories.codes() == codes
    assert list(cues.ORDER_CATEGORIES) == codes and all(cues.ORDER_CATEGORIES.values())
    assert sorted(SKILL_CATEGORIES.values()) == sorted(codes)
    assert FORMS[CATALOG.register_item].field("skills").options == tuple(SKILL_CATEGORIES)
    home_care = [c.short for c in CATALOG.order_categories.values() if c.home_care]
    assert list(FORMS["MZ09"].field("services").options) == home_care
    used = {c.deadlines for c in CATALOG.order_categories.values()}
    assert used <= set(deadlines.DEFAULT_SLA) | {catalog.DEFAULT_DEADLINES}
    assert set(deadlines.DEFAULT_SLA) - {"default"} <= used  # no class left behind


def test_seed_and_understanding_name_only_catalogue_keys():
    codes = set(CATALOG.order_categories)
    assert {code for _, cats, _, _ in seed.DEMO_ORGS for code in cats} <= codes
    assert {code for _, cats, _, _ in seed.demo_orgs() for code in cats} == codes
    assert CATALOG.register_item in FORMS and FORMS[CATALOG.volunteer_record_item].volunteers_only
    assert set(cues.POPULATIONS) <= set(CATALOG.categories)
    assert {item.category for item in CATALOG.items.values()} <= set(CATALOG.categories)
    # The welcome menu's most asked items are published items, each once.
    assert CATALOG.common_items and set(CATALOG.common_items) <= set(CATALOG.items)
    assert len(set(CATALOG.common_items)) == len(CATALOG.common_items)


def test_a_form_for_an_item_the_catalogue_does_not_fill_fails_the_build(tmp_path):
    data = yaml.safe_load(catalog.PATH.read_text(encoding="utf-8"))
    data["items"][5]["mode"] = "apply"  # MZ06 becomes an online item, with no fields written
    with pytest.raises(LookupError, match="MZ06"):
        build_forms(catalog.from_data(data))


@pytest.fixture
def with_new_category(tmp_path, monkeypatch):
    """A copy of the catalogue with one more order category, in use for the test."""
    data = yaml.safe_load(catalog.PATH.read_text(encoding="utf-8"))
    data["order_categories"]["letters"] = {
        "label": "代写代读（代写书信、读报念信）", "deadlines": "complete_2_days",
        "cues": [["代写|写信|写封信|读报|念报纸|念信", 3]]}
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    copy = catalog.load(path)
    monkeypatch.setattr(catalog, "current", lambda: copy)
    return copy


def test_adding_an_order_category_is_one_entry_in_the_catalogue(app, with_new_category):
    from admin.forms import category_choices
    from intents.understand import Understander
    from knowledge.snapshot import from_files
    from orders.operations import submit_order
    from orders.transitions import Actor

    assert categories.labels()["letters"].startswith("代写代读") and categories.short("letters") == "代写代读"
    assert deadlines.sla("letters", "complete") == {"working_days": 2}
    assert deadlines.sla("letters", "review") == {"working_days": 1}
    forms = build_forms(with_new_category)
    assert "代写代读" in forms[with_new_category.register_item].field("skills").options
    assert "代写代读" not in forms["MZ09"].field("services").options  # not a home-care service
    assert any("letters" in cats for _, cats, _, _ in seed.demo_orgs())
    assert ("letters", categories.labels()["letters"]) in category_choices()  # organisations' form
    order = submit_order(Actor.for_resident(wx("o-letters")), category="letters",
                         description="帮忙写封信", address="幸福社区1栋101")
    assert order.state == "submitted" and order.due_at is not None
    u = Understander(from_files()).understand("能不能派个人来帮我写封信")
    assert (u.intent, u.category) == ("order", "letters")
    assert definitions.FORMS is FORMS  # the shipped forms are untouched by the copy
