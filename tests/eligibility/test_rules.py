"""The rules of every item with money involved, boundaries included (at, one yuan over and under)."""
from __future__ import annotations

import pytest

from eligibility import rules
from eligibility.assess import assess
from eligibility.household import Household


def verdicts(h: Household, th: dict) -> dict[str, str]:
    return {f.item: f.verdict for f in assess(h, th)}


def finding(h: Household, th: dict, item: str):
    return next(f for f in assess(h, th) if f.item == item)


def single(**kw) -> Household:
    base = dict(size=1, hukou=True, oldest=40, disability=0, rigid=0, assets_over=False, supporter=True)
    return Household(**{**base, **kw})


@pytest.mark.parametrize("income, dibao, low", [
    (999, "likely", None), (1000, "unlikely", "likely"), (1001, "unlikely", "likely"),
    (1499, "unlikely", "likely"), (1500, "unlikely", "unlikely"), (1501, "unlikely", "unlikely"),
])
def test_dibao_and_low_income_lines(th, income, dibao, low):
    v = verdicts(single(income=income), th)
    assert v["MZ01"] == dibao and v.get("MZ04") == low


def test_dibao_per_person_and_the_gap(th):
    h = Household(size=3, hukou=True, oldest=0, child=False, disability=0, income=2999, assets_over=False)
    f = finding(h, th, "MZ01")
    assert f.verdict == "likely" and "月人均收入999.67元" in f.reasons[0] and "约1元" in f.reasons[0]
    assert verdicts(Household(size=3, hukou=True, oldest=0, child=False, disability=0, income=3000,
                              assets_over=False), th)["MZ01"] == "unlikely"


def test_assets_and_hukou_rule_out(th):
    assert verdicts(single(income=500, assets_over=True), th)["MZ01"] == "unlikely"
    assert verdicts(single(income=1200, assets_over=True), th)["MZ04"] == "unlikely"
    assert verdicts(single(income=500, hukou=False), th)["MZ01"] == "unlikely"


def test_low_income_multiple_edited_moves_the_line(th):
    th["low_income_multiple"] = 2
    assert verdicts(single(income=1999), th)["MZ04"] == "likely"
    assert verdicts(single(income=2000), th)["MZ04"] == "unlikely"


def _family(income: int, rigid: int, **kw) -> Household:
    return Household(size=3, hukou=True, oldest=0, child=False, disability=0, income=income, rigid=rigid,
                     assets_over=False, **kw)


def test_expenditure_calculation_text(th):
    f = finding(_family(5400, 40000), th, "MZ05")
    assert f.verdict == "likely"
    assert f.calculation.startswith("1800元 − 刚性支出40000元÷12÷3人（1111.11元）= 688.89元，低于低保标准1000元")
    assert "按差额每月约933元" in f.calculation


@pytest.mark.parametrize("rigid, verdict", [
    # income 1800 per person, 3 people: at 28,800 a year the rest is exactly 1000 per person.
    (28799, "unlikely"), (28800, "unlikely"), (28801, "likely"),
])
def test_expenditure_boundary_at_the_standard(th, rigid, verdict):
    assert verdicts(_family(5400, rigid), th)["MZ05"] == verdict


@pytest.mark.parametrize("income, verdict", [(11997, "likely"), (12000, "unlikely"), (12003, "unlikely")])
def test_expenditure_needs_income_under_the_line(th, income, verdict):
    # 3 people; 3999 / 4000 / 4001 per person against the 4000 line, with huge medical costs.
    assert verdicts(_family(income, 200000), th)["MZ05"] == verdict


def test_expenditure_not_offered_below_dibao_and_assets_count(th):
    assert "MZ05" not in verdicts(_family(2997, 40000), th)  # 999 per person: 低保 first
    assert verdicts(_family(5400, 40000, ).__class__(**{**_family(5400, 40000).as_dict(),
                                                       "assets_over": True}), th)["MZ05"] == "unlikely"


def test_expenditure_for_a_resident_without_hukou_is_possible(th):
    h = _family(5400, 40000)
    h.hukou = False
    assert verdicts(h, th)["MZ05"] == "possible"


@pytest.mark.parametrize("age, verdict, amount", [
    (79, "unlikely", None), (80, "likely", "100"), (89, "likely", "100"), (90, "likely", "200"),
    (99, "likely", "200"), (100, "likely", "500"), (104, "likely", "500"),
])
def test_elderly_allowance_bands(th, age, verdict, amount):
    f = finding(single(oldest=age, income=3000), th, "MZ07")
    assert f.verdict == verdict
    if amount:
        assert f"每月约{amount}元" in f.reasons[0]


def test_elderly_allowance_needs_hukou(th):
    assert verdicts(single(oldest=85, income=3000, hukou=False), th)["MZ07"] == "unlikely"


@pytest.mark.parametrize("income, alone, age, verdict", [
    (1499, True, 70, "likely"), (1500, True, 70, "unlikely"), (1499, False, 80, "likely"),
    (1499, False, 79, "possible"), (1499, False, 59, None),
])
def test_elderly_service_subsidy(th, income, alone, age, verdict):
    size = 1 if alone else 2
    h = Household(size=size, hukou=True, oldest=age, child=False, disability=0, income=income * size,
                  rigid=0, assets_over=False, supporter=True)
    assert verdicts(h, th).get("MZ08") == verdict


@pytest.mark.parametrize("grade, income, verdict, text", [
    (1, 3000, "likely", "护理补贴每月约150元"), (2, 3000, "likely", "护理补贴每月约120元"),
    (3, 3000, "unlikely", "护理补贴面向一、二级"), (3, 999, "likely", "生活补贴每月约110元"),
    (4, 1000, "unlikely", "生活补贴面向低保家庭"),
])
def test_disability_allowances(th, grade, income, verdict, text):
    f = finding(single(disability=grade, income=income), th, "MZ13")
    assert f.verdict == verdict and text in "；".join(f.reasons)


def _child(parents: str, **kw) -> Household:
    base = dict(size=3, hukou=True, oldest=70, child=True, parents=parents, disability=0, income=6000,
                rigid=0, assets_over=False)
    return Household(**{**base, **kw})


def test_orphan_and_unattended_children(th):
    assert verdicts(_child("orphan"), th)["MZ14"] == "likely"
    assert "每月约1500元" in finding(_child("orphan"), th, "MZ14").reasons[0]
    assert "MZ15" not in verdicts(_child("orphan"), th)
    for case in ("one_gone", "both_unable"):
        assert verdicts(_child(case), th)["MZ15"] == "likely" and "MZ14" not in verdicts(_child(case), th)
    assert verdicts(_child("orphan", hukou=False), th)["MZ14"] == "unlikely"
    assert not {"MZ14", "MZ15", "MZ16"} & set(verdicts(_child("present"), th))


def test_hardship_child(th):
    assert verdicts(_child("present", disability=2, disabled_child=True), th)["MZ16"] == "likely"
    assert verdicts(_child("present", disability=3, disabled_child=True), th)["MZ16"] == "possible"
    assert verdicts(_child("present", income=4497), th)["MZ16"] == "possible"  # 1499 per person
    assert "MZ16" not in verdicts(_child("present", income=4500), th)


@pytest.mark.parametrize("kw, verdict", [
    (dict(oldest=70, income=999, supporter=False), "likely"),
    (dict(oldest=70, income=1000, supporter=False), "unlikely"),
    (dict(oldest=70, income=999, supporter=True), "unlikely"),
    (dict(oldest=59, income=0, supporter=False, disability=2), "likely"),
    (dict(oldest=59, income=0, supporter=False), None),
])
def test_tekun(th, kw, verdict):
    assert verdicts(single(**kw), th).get("MZ02") == verdict


def test_next_steps_numbered_over_the_offered_items(th):
    findings = assess(single(oldest=82, income=1200), th)
    offered = [f for f in findings if f.verdict != "unlikely"]
    assert [f.next_step for f in offered] == [f"回复{n}在这里预申请" for n in range(1, len(offered) + 1)]
    assert all(not f.next_step for f in findings if f.verdict == "unlikely")


def test_thresholds_validation(th):
    raw = rules.defaults()
    assert rules.validate(raw)["dibao_standard"] == 1000
    for key, bad in (("dibao_standard", 0), ("low_income_multiple", 0.5), ("child_age", 30)):
        with pytest.raises(rules.BadThreshold):
            rules.validate({**raw, key: bad})
    with pytest.raises(rules.BadThreshold):
        rules.validate({**raw, "care_grades": {5: 100}})
