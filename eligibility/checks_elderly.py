"""Rules for the household's elder: 高龄津贴, 养老服务补贴, 居家养老, 适老化改造, 公办养老机构.

The elder is the oldest member (a single person: themself); `care` is their self-care as the
interview heard it, which the bureau's 老年人能力评估 later grades.
"""
from __future__ import annotations

from eligibility import texts as t
from eligibility.checks import Result, _hukou, poor
from eligibility.household import Household


def _start(th: dict) -> int:
    """高龄: the first 高龄津贴 band's age (80)."""
    return min(x["from"] for x in th["age_tiers"])


def _elder(h: Household, th: dict) -> bool:
    return h.oldest is not None and h.oldest >= th["elderly_age"]


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
    if not _elder(h, th):
        return None
    tier = _tier(h.oldest or 0, th)
    if tier is None:
        return "unlikely", [t.ELDER_LATER.format(age=h.oldest, start=_start(th))], ""
    if _hukou(h):
        return _hukou(h)
    reason = t.ELDER_TIER.format(age=h.oldest, band=tier[0], amount=tier[1])
    return "likely" if h.hukou else "possible", [reason], ""


def _service_amount(care: str, th: dict) -> str:
    """MZ08's monthly amount for a frail elder: by the 能力评估 grade, a range while only 半失能 is known."""
    if care == "partly":
        return f"{th['elderly_service_mild']}—{th['elderly_service_moderate']}"
    return str(th[{"mild": "elderly_service_mild", "moderate": "elderly_service_moderate",
                   "full": "elderly_service_severe"}[care]])


def elderly_service(h: Household, th: dict) -> Result:
    """MZ08: a 低保 / 低收入 household's elder who is 80+, lives alone or is 失能; the amount by 失能 grade."""
    if not _elder(h, th):
        return None
    if _hukou(h):
        return _hukou(h)
    needy = poor(h, th)
    if needy is False:
        return "unlikely", [t.ELDER_NOT_POOR], ""
    verdict = "likely" if needy and h.hukou else "possible"
    if h.frail():
        what = t.FRAIL_NAMES[h.care or "full"]
        amount = _service_amount(h.care or "full", th)
        tail = t.FRAIL_BY_ASSESSMENT if h.care in ("partly", "full") else ""
        return verdict, [t.ELDER_SERVICE.format(what=what, amount=amount) + tail], ""
    start = _start(th)
    if (h.oldest or 0) >= start or h.alone:
        what = "独居" if h.alone else f"{start}岁以上"
        reasons = [t.ELDER_SERVICE.format(what=what, amount=th["elderly_service_amount"])]
        if h.care is None:
            reasons.append(t.ELDER_SERVICE_MORE.format(top=th["elderly_service_severe"]))
        return verdict, reasons, ""
    if h.care is None:
        return ("possible", [t.ELDER_SERVICE_MAYBE], "") if needy else None
    return ("unlikely", [t.ELDER_SERVICE_WHO.format(start=start)], "") if needy else None


def home_care(h: Household, th: dict) -> Result:
    """MZ09: services at home for an elder who is 80+, alone or frail (they come first)."""
    if not _elder(h, th) or not (h.alone or (h.oldest or 0) >= _start(th) or h.frail()):
        return None
    return "possible", [t.HOME_CARE] + ([t.HOME_CARE_FRAIL] if h.frail() else []), ""


def _elder_disabled(h: Household) -> bool | None:
    """Whether the 残疾证 is the elder's: sure for a single person, unknown when another adult may hold it."""
    if not h.disability:
        return False
    if h.alone:
        return True
    return False if h.disabled_child else None


def home_adaptation(h: Household, th: dict) -> Result:
    """MZ10: 适老化改造 for an elder of a 特困 / 低保 / 低收入 household who is 80+, 失能 or disabled."""
    if not _elder(h, th):
        return None
    if _hukou(h):
        return _hukou(h)
    needy = poor(h, th)
    if needy is False:
        return "unlikely", [t.ELDER_NOT_POOR], ""
    start, frail, disabled = _start(th), h.frail(), _elder_disabled(h)
    if (h.oldest or 0) >= start:
        what = f"{start}岁以上"
    elif frail:
        what = t.FRAIL_NAMES[h.care or "full"]
    elif disabled:
        what = "持残疾证"
    elif frail is False and disabled is False:
        return ("unlikely", [t.ADAPT_WHO.format(start=start)], "") if needy else None
    else:
        return ("possible", [t.ADAPT_MAYBE], "") if needy else None
    reason = t.ADAPT.format(what=what, amount=th["adaptation_amount"])
    return ("likely" if needy and h.hukou else "possible"), [reason], ""


def nursing_home(h: Household, th: dict) -> Result:
    """MZ12: a 失能 or 半失能 elder may move into a 公办养老机构; 低保 / 低收入 households come first."""
    if not _elder(h, th) or not h.frail():
        return None
    reasons = [t.NURSING_HOME.format(what=t.FRAIL_NAMES[h.care or "full"])]
    if poor(h, th):
        reasons.append(t.NURSING_HOME_PRIORITY)
    return "possible", reasons, ""
