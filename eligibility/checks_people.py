"""Rules by who is in the household: elderly, disabled members, children."""
from __future__ import annotations

from fractions import Fraction

from eligibility import texts as t
from eligibility.checks import SEVERE, Result, _hukou
from eligibility.household import Household


def _poor(h: Household, th: dict) -> bool | None:
    """A 低保 or 低收入 household by income and assets (None while unknown)."""
    pp = h.per_person()
    if pp is None or h.assets_over is None:
        return None if (pp is None or pp < _low_line(th)) and not h.assets_over else False
    return pp < _low_line(th) and not h.assets_over


def _low_line(th: dict) -> Fraction:
    return Fraction(str(th["dibao_standard"])) * Fraction(str(th["low_income_multiple"]))


def _tier(age: int, th: dict) -> tuple[str, int] | None:
    """The 高龄津贴 band an age falls in ("80—89岁") and its amount."""
    tiers = sorted(th["age_tiers"], key=lambda x: x["from"])
    for i, tier in enumerate(tiers):
        upper = tiers[i + 1]["from"] if i + 1 < len(tiers) else None
        if age >= tier["from"] and (upper is None or age < upper):
            band = f"{tier['from']}—{upper - 1}岁" if upper else f"{tier['from']}岁以上"
            return band, tier["amount"]
    return None


def elderly_allowance(h: Household, th: dict) -> Result:
    """MZ07: 本市户籍, 80 or older, by age band."""
    if h.oldest is None or h.oldest < th["elderly_age"]:
        return None
    tier = _tier(h.oldest, th)
    if tier is None:
        start = min(x["from"] for x in th["age_tiers"])
        return "unlikely", [t.ELDER_LATER.format(age=h.oldest, start=start)], ""
    if _hukou(h):
        return _hukou(h)
    reason = t.ELDER_TIER.format(age=h.oldest, band=tier[0], amount=tier[1])
    return "likely" if h.hukou else "possible", [reason], ""


def elderly_service(h: Household, th: dict) -> Result:
    """MZ08: a 低保 / 低收入 household's elderly member who is 80+ or lives alone."""
    if h.oldest is None or h.oldest < th["elderly_age"]:
        return None
    if _hukou(h):
        return _hukou(h)
    poor = _poor(h, th)
    if poor is False:
        return "unlikely", [t.ELDER_NOT_POOR], ""
    start = min(x["from"] for x in th["age_tiers"])
    if h.oldest < start and not h.alone:
        return ("possible", [t.ELDER_SERVICE_MAYBE], "") if poor else None
    what = "独居" if h.alone else f"{start}岁以上"
    reason = t.ELDER_SERVICE.format(what=what, amount=th["elderly_service_amount"])
    return ("likely" if poor and h.hukou else "possible"), [reason], ""


def home_care(h: Household, th: dict) -> Result:
    """MZ09: services at home for an elderly person who is 80+ or alone."""
    start = min(x["from"] for x in th["age_tiers"])
    if h.oldest is None or h.oldest < th["elderly_age"] or not (h.alone or h.oldest >= start):
        return None
    return "possible", [t.HOME_CARE], ""


def disability(h: Household, th: dict) -> Result:
    """MZ13: care allowance for grades 1–2; living allowance in a 低保 household."""
    if not h.disability:
        return None
    if _hukou(h):
        return _hukou(h)
    reasons = []
    amount = th["care_grades"].get(h.disability)
    if amount is not None:
        reasons.append(t.CARE.format(grade=t.GRADE_NAMES[h.disability], amount=amount))
    pp = h.per_person()
    dibao = None if pp is None else pp < th["dibao_standard"] and not h.assets_over
    if dibao:
        reasons.append(t.LIVING.format(amount=th["living_allowance"]))
    if not reasons:
        return ("possible", [], "") if dibao is None else ("unlikely", [t.DISABLED_NO], "")
    sure = h.hukou and (amount is not None or h.assets_over is False)
    return ("likely" if sure else "possible"), reasons, ""


def orphan(h: Household, th: dict) -> Result:
    """MZ14: a child whose parents have both died or are missing."""
    return _child_item(h, ("orphan",), t.ORPHAN.format(amount=th["orphan_amount"]))


def unattended(h: Household, th: dict) -> Result:
    """MZ15: a child whose parents cannot care for it (重残、重病、服刑、失联…)."""
    return _child_item(h, ("one_gone", "both_unable"), t.UNATTENDED.format(amount=th["unattended_amount"]))


def _child_item(h: Household, cases: tuple[str, ...], reason: str) -> Result:
    if not h.has_child():
        return None
    if h.parents is None:
        return "possible", [t.CHILD_UNKNOWN], ""
    if h.parents not in cases:
        return None
    if _hukou(h):
        return _hukou(h)
    return ("likely" if h.hukou else "possible"), [reason], ""


def hardship_child(h: Household, th: dict) -> Result:
    """MZ16: a disabled child, or a child of a 低保 / 低收入 household (not an orphan's case)."""
    if not h.has_child() or h.parents in ("orphan", "one_gone", "both_unable"):
        return None
    extra = [t.RESIDENCE_OK] if h.hukou is False else []
    if h.disability and h.disabled_child is not False:
        reason = t.HARDSHIP_DISABLED.format(amount=th["hardship_child_amount"])
        sure = h.disabled_child and h.disability in SEVERE and h.hukou
        return ("likely" if sure else "possible"), [reason] + extra, ""
    poor = _poor(h, th)
    if poor is False:
        return None
    return "possible", [t.HARDSHIP_POOR] + extra, ""
