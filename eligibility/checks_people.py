"""Rules by who is in the household: disabled members, children, a member who has died."""
from __future__ import annotations

from eligibility import texts as t
from eligibility.checks import SEVERE, Result, _hukou, below_dibao, poor
from eligibility.household import Household


def disability(h: Household, th: dict) -> Result:
    """MZ13: care allowance for grades 1–2; living allowance in a 低保 household."""
    if not h.disability:
        return None
    if _hukou(h):
        return _hukou(h)
    reasons = []
    amount = th["care_grades"].get(h.disability)
    # 护理补贴 is for those who need long-term care: a single person who said they manage alone
    # is left to the assessment (in a family, the self-care answer is the elder's, not theirs).
    cared = not (h.alone and h.care == "self")
    if amount is not None:
        text = t.CARE if cared else t.CARE_SELF
        reasons.append(text.format(grade=t.GRADE_NAMES[h.disability], amount=amount))
    pp = h.per_person()
    dibao = None if pp is None else pp < th["dibao_standard"] and not h.assets_over
    if dibao:
        reasons.append(t.LIVING.format(amount=th["living_allowance"]))
    if not reasons:
        return ("possible", [], "") if dibao is None else ("unlikely", [t.DISABLED_NO], "")
    sure = h.hukou and ((amount is not None and cared) or (bool(dibao) and h.assets_over is False))
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
    if poor(h, th) is False:
        return None
    return "possible", [t.HARDSHIP_POOR] + extra, ""


def funeral(h: Household, th: dict) -> Result:
    """MZ27: a member who died (only when the resident said so): 基本殡葬服务 waived, more for the poor.

    The 殡仪馆 usually waives the fees at the counter; what is left to apply for afterwards must
    be within the months after cremation the city allows.
    """
    if not h.loss:
        return None
    if h.hukou is False:
        return "unlikely", [t.FUNERAL_HUKOU], ""
    months = th["funeral_claim_months"]
    if h.loss_months is not None and h.loss_months > months:
        return "unlikely", [t.FUNERAL_LATE.format(months=months)], ""
    reasons = [t.FUNERAL.format(amount=th["funeral_basic_amount"], months=months)]
    if below_dibao(h, th) is not False:
        reasons.append(t.FUNERAL_EXTRA.format(amount=th["funeral_extra_amount"]))
    reasons.append(t.ECO_BURIAL.format(amount=th["eco_burial_amount"]))
    return "possible", reasons, ""
