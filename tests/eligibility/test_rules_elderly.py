"""The elder's items by self-care (自理 / 半失能 / 失能): 适老化改造, 养老服务补贴 tiers, 特困 照料护理,
公办养老机构, and 护理补贴; boundaries at, under and over each line."""
from __future__ import annotations

import pytest

from eligibility import rules, texts
from eligibility.assess import assess
from eligibility.household import Household


def finding(h: Household, th: dict, item: str):
    return next((f for f in assess(h, th) if f.item == item), None)


def alone(**kw) -> Household:
    base = dict(size=1, hukou=True, oldest=82, disability=0, income=1200, rigid=0, assets_over=False,
                supporter=True, care="self")
    return Household(**{**base, **kw})


def couple(pp: int = 1200, **kw) -> Household:
    """Two people, the elder and a spouse or grown child, `pp` yuan a month each."""
    base = dict(size=2, hukou=True, oldest=65, child=False, disability=0, income=2 * pp, rigid=0,
                assets_over=False, care="self")
    return Household(**{**base, **kw})


# -- MZ10 适老化改造 ------------------------------------------------------------------------
@pytest.mark.parametrize("pp, verdict", [(1499, "likely"), (1500, "unlikely"), (1501, "unlikely")])
def test_adaptation_needs_a_low_income_household(th, pp, verdict):
    f = finding(alone(income=pp), th, "MZ10")
    assert f.verdict == verdict
    if verdict == "unlikely":
        assert f.reasons == (texts.ELDER_NOT_POOR,)
    else:
        assert "80岁以上老人" in f.reasons[0] and "每户最高约5000元" in f.reasons[0]


@pytest.mark.parametrize("age, verdict", [(79, "unlikely"), (80, "likely"), (81, "likely")])
def test_adaptation_from_80_without_frailty(th, age, verdict):
    f = finding(couple(oldest=age), th, "MZ10")
    assert f.verdict == verdict
    if verdict == "unlikely":
        assert f.reasons[0] == "面向80岁以上、失能或有残疾证的老人"


@pytest.mark.parametrize("age, verdict", [(59, None), (60, "likely"), (61, "likely")])
def test_adaptation_for_a_frail_elder_from_60(th, age, verdict):
    f = finding(couple(oldest=age, care="full"), th, "MZ10")
    assert (f and f.verdict) == verdict
    if f:
        assert "低保或低收入家庭的失能老人" in f.reasons[0]


def test_adaptation_for_a_disabled_elder_and_whose_certificate_it_is(th):
    f = finding(alone(oldest=65, disability=3), th, "MZ10")
    assert f.verdict == "likely" and "持残疾证老人" in f.reasons[0]
    # In a family the certificate may be another adult's: worth asking, not promised.
    assert finding(couple(disability=3), th, "MZ10").verdict == "possible"
    child = couple(size=3, income=3600, child=True, parents="present", disability=2, disabled_child=True)
    assert finding(child, th, "MZ10").verdict == "unlikely"


def test_adaptation_with_self_care_unknown_hukou_assets_and_an_edited_amount(th):
    assert finding(couple(care=None), th, "MZ10").reasons == (texts.ADAPT_MAYBE,)
    assert finding(alone(hukou=False), th, "MZ10").reasons == (texts.NEEDS_HUKOU,)
    assert finding(alone(assets_over=True), th, "MZ10").verdict == "unlikely"
    th["adaptation_amount"] = 6000
    assert "每户最高约6000元" in finding(alone(), th, "MZ10").reasons[0]


# -- MZ08 养老服务补贴: the amount by 失能 grade --------------------------------------------
@pytest.mark.parametrize("care, text", [
    ("self", "独居老人，每月约200元服务额度"), ("mild", "轻度失能老人，每月约300元服务额度"),
    ("moderate", "中度失能老人，每月约500元服务额度"),
    ("partly", "半失能老人，每月约300—500元服务额度，按评估结果定档"),
    ("full", "失能老人，每月约800元服务额度，按评估结果定档"),
])
def test_service_subsidy_tiers(th, care, text):
    f = finding(alone(oldest=70, care=care), th, "MZ08")
    assert f.verdict == "likely" and text in f.reasons[0]


def test_service_subsidy_for_a_frail_elder_under_80_in_a_family(th):
    assert finding(couple(care="self"), th, "MZ08").reasons == ("面向80岁以上、独居或失能（含半失能）的老人",)
    assert finding(couple(care="full"), th, "MZ08").verdict == "likely"
    assert finding(couple(pp=1499, care="full"), th, "MZ08").verdict == "likely"
    assert finding(couple(pp=1500, care="full"), th, "MZ08").reasons == (texts.ELDER_NOT_POOR,)
    unknown = finding(alone(care=None), th, "MZ08")
    assert unknown.reasons[1] == "经能力评估失能的，额度更高（最高约800元）"


# -- MZ02 特困: 照料护理 by self-care --------------------------------------------------------
@pytest.mark.parametrize("care, text", [
    ("self", "生活全自理每月约130元"), ("mild", "部分自理每月约520元"), ("partly", "部分自理每月约520元"),
    ("full", "完全不能自理每月约1040元"), (None, "全自理约130元、部分自理约520元、完全不能自理约1040元"),
])
def test_tekun_care_tiers(th, care, text):
    f = finding(alone(oldest=70, income=999, supporter=False, care=care), th, "MZ02")
    assert f.verdict == "likely" and "基本生活费每月约1300元" in f.reasons[1] and text in f.reasons[1]
    assert (texts.TEKUN_INSTITUTION in f.reasons) == (care == "full")


# -- MZ12 公办养老机构, MZ09 居家养老 --------------------------------------------------------
def test_nursing_home_for_frail_elders_the_poor_first(th):
    assert finding(couple(care="full"), th, "MZ12").reasons[-1] == texts.NURSING_HOME_PRIORITY
    not_poor = finding(couple(pp=3000, care="partly"), th, "MZ12")
    assert not_poor.reasons == ("半失能老人可以申请入住公办养老机构，按能力评估安排照护",)
    assert finding(couple(care="self"), th, "MZ12") is None
    assert finding(couple(oldest=59, care="full"), th, "MZ12") is None


def test_home_care_offered_to_a_frail_elder_under_80(th):
    assert finding(couple(care="partly"), th, "MZ09").reasons == (texts.HOME_CARE, texts.HOME_CARE_FRAIL)
    assert finding(couple(care="self"), th, "MZ09") is None


# -- MZ13 护理补贴 needs long-term care ---------------------------------------------------
def test_care_allowance_and_self_care(th):
    manages = finding(alone(oldest=40, disability=1, care="self", income=3000), th, "MZ13")
    assert manages.verdict == "possible" and "生活能自理的以评估为准" in manages.reasons[0]
    cared = finding(alone(oldest=40, disability=1, care="full", income=3000), th, "MZ13")
    assert cared.verdict == "likely" and "护理补贴每月约150元" in cared.reasons[0]
    # In a family the self-care answer is the elder's: a disabled child keeps the allowance.
    child = couple(size=3, income=9000, child=True, parents="present", disability=2, disabled_child=True)
    assert finding(child, th, "MZ13").verdict == "likely"


def test_rising_tiers_are_checked():
    raw = rules.defaults()
    with pytest.raises(rules.BadThreshold, match="应从低到高"):
        rules.validate({**raw, "elderly_service_mild": 900})
    with pytest.raises(rules.BadThreshold):
        rules.validate({**raw, "tekun_care_full": 100})
