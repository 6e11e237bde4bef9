"""Every catalogue item with money involved has a rule; 惠民殡葬补贴 (MZ27) with its boundaries."""
from __future__ import annotations

import pytest

from eligibility import rules, texts
from eligibility.assess import CHECKS, assess, names
from eligibility.assess import rules as checks_by_item
from eligibility.household import Household
from forms.definitions import SELF_CARE
from knowledge.snapshot import read_catalog, read_files


def test_every_item_with_a_subsidy_standard_has_a_rule_a_name_and_an_office():
    money = {code for code, guide in read_files()["guides"].items() if (guide.get("standard") or "").strip()}
    covered = {code for code, _ in checks_by_item()}
    assert money <= covered, sorted(money - covered)
    for code in covered:
        assert names()[code] and rules.items()[code]["office"] and rules.items()[code]["rule"]


def test_every_check_is_named_by_exactly_one_catalogue_item():
    named = [item["eligibility"]["check"] for item in read_catalog()["items"].values() if item.get("eligibility")]
    assert sorted(named) == sorted(CHECKS), "each eligibility check belongs to one catalogue item"
    assert len(checks_by_item()) == len(CHECKS)


def test_every_threshold_has_a_label_and_bounds_that_hold_the_sample_value():
    for key, (low, high) in rules.BOUNDS.items():
        assert texts.LABELS[key] and low <= rules.defaults()[key] <= high, key
    rules.validate(rules.defaults())


def test_self_care_words_match_the_forms_options():
    assert set(texts.CARE_FORM.values()) <= set(SELF_CARE)


def bereaved(**kw) -> Household:
    base = dict(size=1, hukou=True, oldest=68, disability=0, income=900, rigid=0, assets_over=False,
                supporter=True, care="self", loss=True, loss_months=1)
    return Household(**{**base, **kw})


def funeral(h: Household, th: dict):
    return next((f for f in assess(h, th) if f.item == "MZ27"), None)


@pytest.mark.parametrize("months, verdict", [(0, "possible"), (5, "possible"), (6, "possible"),
                                             (7, "unlikely"), (None, "possible")])
def test_funeral_claim_within_six_months_of_cremation(th, months, verdict):
    f = funeral(bereaved(loss_months=months), th)
    assert f.verdict == verdict
    if verdict == "unlikely":
        assert f.reasons == ("事后申请要在火化后6个月内提出，时间已经过了",)
    else:
        assert "最高约1500元" in f.reasons[0] and "火化后6个月内可以申请" in f.reasons[0]
        assert f.reasons[-1] == "树葬、海葬等生态安葬另有奖补约1000元"


@pytest.mark.parametrize("pp, assets_over, extra", [(999, False, True), (1000, False, False),
                                                    (1001, False, False), (500, True, False)])
def test_funeral_extra_waiver_for_the_poor(th, pp, assets_over, extra):
    f = funeral(bereaved(income=pp, assets_over=assets_over), th)
    assert ("低保、特困等困难群众另可加免约1000元" in f.reasons) is extra


def test_funeral_only_when_a_death_was_said_and_needs_hukou(th):
    assert funeral(bereaved(loss=None, loss_months=None), th) is None
    assert funeral(bereaved(hukou=False), th).reasons == (texts.FUNERAL_HUKOU,)


def test_funeral_figures_staff_edit_move_the_line(th):
    th.update(funeral_claim_months=12, funeral_basic_amount=2000)
    f = funeral(bereaved(loss_months=7), th)
    assert f.verdict == "possible" and "最高约2000元" in f.reasons[0] and "12个月内" in f.reasons[0]
    assert funeral(bereaved(loss_months=13), th).verdict == "unlikely"


def test_the_admin_form_shows_every_figure_once():
    shown = [key for _, keys in texts.THRESHOLD_GROUPS for key in keys]
    assert sorted(shown) == sorted([*rules.BOUNDS, "age_tiers", "care_grades"])
