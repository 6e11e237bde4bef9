"""One rule per item: (verdict, reasons, calculation) for a household, or None where it does not apply."""
from __future__ import annotations

from fractions import Fraction

from eligibility import texts as t
from eligibility.household import Household, yuan

Result = tuple[str, list[str], str] | None
SEVERE = (1, 2)


def _means(h: Household, limit_pp: Fraction, th: dict) -> str | None:
    """likely / possible / unlikely for income under a per-person line, assets considered."""
    pp = h.per_person()
    if pp is None:
        return "possible"
    return "unlikely" if pp >= limit_pp else assets_verdict(h)


def assets_verdict(h: Household) -> str:
    """Income already passes: the assets decide."""
    if h.assets_over:
        return "unlikely"
    return "possible" if h.assets_over is None or h.hukou is None else "likely"


def _assets(h: Household, th: dict, reasons: list[str]) -> None:
    if h.assets_over:
        reasons.append(t.ASSETS_OVER.format(limit=th["asset_limit"]))
    elif h.assets_over is None:
        reasons.append(t.ASSETS_UNKNOWN)


def _hukou(h: Household) -> Result:
    return ("unlikely", [t.NEEDS_HUKOU], "") if h.hukou is False else None


def low_line(th: dict) -> Fraction:
    """The 低收入 line per person: 低保标准 × 倍数."""
    return Fraction(str(th["dibao_standard"])) * Fraction(str(th["low_income_multiple"]))


def poor(h: Household, th: dict) -> bool | None:
    """A 低保 or 低收入 household by income and assets (None while unknown)."""
    pp = h.per_person()
    if pp is None or h.assets_over is None:
        return None if (pp is None or pp < low_line(th)) and not h.assets_over else False
    return pp < low_line(th) and not h.assets_over


def below_dibao(h: Household, th: dict) -> bool | None:
    """Income under the 低保 standard and assets not over (None while unknown)."""
    pp = h.per_person()
    if h.assets_over or (pp is not None and pp >= th["dibao_standard"]):
        return False
    return None if pp is None or h.assets_over is None else True


def dibao(h: Household, th: dict) -> Result:
    """MZ01: income per person below the standard, assets within the limit."""
    std, pp = th["dibao_standard"], h.per_person()
    if _hukou(h):
        return _hukou(h)
    if pp is None:
        return "possible", [], ""
    if pp >= std:
        return "unlikely", [t.NOT_BELOW_DIBAO.format(pp=yuan(pp), std=std)], ""
    reasons = [t.BELOW_DIBAO.format(pp=yuan(pp), std=std, gap=round((std - pp) * h.size))]
    _assets(h, th, reasons)
    return _means(h, Fraction(std), th), reasons, reasons[0]


def low_income(h: Household, th: dict) -> Result:
    """MZ04: at or above the standard, below standard × multiple."""
    std, mult, pp = th["dibao_standard"], th["low_income_multiple"], h.per_person()
    line = low_line(th)
    if pp is not None and pp < std:
        return None
    if _hukou(h):
        return _hukou(h)
    if pp is None:
        return "possible", [], ""
    args = {"pp": yuan(pp), "std": std, "line": yuan(line), "mult": mult}
    if pp >= line:
        return "unlikely", [t.NOT_LOW_INCOME.format(**args)], t.NOT_LOW_INCOME.format(**args)
    reasons = [t.LOW_INCOME.format(**args)]
    _assets(h, th, reasons)
    return _means(h, line, th), reasons, reasons[0]


def expenditure(h: Household, th: dict) -> Result:
    """MZ05: income after rigid expenditure per person below the standard."""
    std, line, pp = th["dibao_standard"], th["expenditure_income_line"], h.per_person()
    if pp is not None and pp < std:
        return None
    if pp is None:
        return "possible", [], ""
    if pp >= line:
        return "unlikely", [t.OVER_LINE.format(pp=yuan(pp), line=line)], ""
    per = h.rigid_per_person()
    if per is None:
        return "possible", [t.RIGID_UNKNOWN], ""
    if not h.rigid:
        return "unlikely", [t.NOT_BELOW_DIBAO.format(pp=yuan(pp), std=std)], ""
    adjusted = pp - per
    below = adjusted < std
    calc = t.RIGID_CALC.format(pp=yuan(pp), rigid=h.rigid, n=h.size, per=yuan(per),
                               adjusted=yuan(adjusted), cmp="低于" if below else "不低于", std=std)
    if not below:
        return "unlikely", [calc], calc
    calc += t.RIGID_GAP.format(gap=round((std - adjusted) * h.size))
    reasons = [calc]
    _assets(h, th, reasons)
    verdict = "possible" if h.hukou is False and not h.assets_over else assets_verdict(h)
    if h.hukou is False:
        reasons.append(t.RESIDENCE_OK)
    return verdict, reasons, calc


def temporary(h: Household, th: dict) -> Result:
    """MZ03: heavy rigid expenditure above the 低保 line: 急难 help is worth asking for."""
    pp, per = h.per_person(), h.rigid_per_person()
    if pp is None or per is None or pp < th["dibao_standard"] or not h.rigid:
        return None
    return ("possible", [t.TEMPORARY], "") if pp - per < th["dibao_standard"] else None


def tekun(h: Household, th: dict) -> Result:
    """MZ02: a person alone, unable to work, without income or anyone to support them."""
    if not h.alone or h.oldest is None:
        return None
    unable = h.oldest >= th["elderly_age"] or h.oldest < 16 or h.disability in SEVERE
    if not unable:
        return None
    if _hukou(h):
        return _hukou(h)
    pp, std = h.per_person(), th["dibao_standard"]
    if pp is not None and pp >= std:
        return "unlikely", [t.NOT_BELOW_DIBAO.format(pp=yuan(pp), std=std)], ""
    if h.supporter:
        return "unlikely", [t.HAS_SUPPORTER], ""
    if h.supporter is None or pp is None:
        return "possible", [t.SUPPORTER_UNKNOWN], ""
    reasons = [t.TEKUN, _tekun_amount(h, th)]
    if h.care == "full":
        reasons.append(t.TEKUN_INSTITUTION)
    _assets(h, th, reasons)
    return _means(h, Fraction(std), th), reasons, ""


def _tekun_amount(h: Household, th: dict) -> str:
    """基本生活费 and the 照料护理 tier by self-care (全自理 / 部分自理 / 完全不能自理), or all three."""
    level = None if h.care is None else "self" if h.care == "self" else "full" if h.care == "full" else "partly"
    if level is None:
        care = t.TEKUN_CARE_ALL.format(self=th["tekun_care_self"], partly=th["tekun_care_partly"],
                                       full=th["tekun_care_full"])
    else:
        care = t.TEKUN_CARE.format(level=t.TEKUN_LEVELS[level], amount=th[f"tekun_care_{level}"])
    return t.TEKUN_AMOUNT.format(basic=th["tekun_basic"], care=care)
