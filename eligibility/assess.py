"""assess(household) -> findings: every item the household may qualify for, and why."""
from __future__ import annotations

import functools
from collections.abc import Callable

from eligibility import checks, checks_elderly, checks_people, texts
from eligibility.household import Finding, Household
from knowledge.snapshot import read_catalog

# In the order residents read them: money for living first, then age, disability, children,
# and a funeral last. Which item each check is for is the catalogue's `eligibility.check`;
# every catalogue item with a 补助标准 in its guide has one (tested).
CHECKS = {
    "dibao": checks.dibao, "low_income": checks.low_income, "expenditure": checks.expenditure,
    "tekun": checks.tekun, "temporary": checks.temporary,
    "elderly_allowance": checks_elderly.elderly_allowance,
    "elderly_service": checks_elderly.elderly_service, "home_care": checks_elderly.home_care,
    "home_adaptation": checks_elderly.home_adaptation, "nursing_home": checks_elderly.nursing_home,
    "disability": checks_people.disability, "orphan": checks_people.orphan,
    "unattended": checks_people.unattended, "hardship_child": checks_people.hardship_child,
    "funeral": checks_people.funeral,
}


@functools.cache
def rules() -> tuple[tuple[str, Callable], ...]:
    """(item code, check) in reading order, for the catalogue items that name a check."""
    named = {item["eligibility"]["check"]: code for code, item in read_catalog()["items"].items()
             if item.get("eligibility")}
    unknown = set(named) - set(CHECKS)
    if unknown:
        raise ValueError(f"catalogue names unknown eligibility checks: {sorted(unknown)}")
    return tuple((named[name], check) for name, check in CHECKS.items() if name in named)


@functools.cache
def names() -> dict[str, str]:
    """Each assessed item's short name in the report (the catalogue's `eligibility.short`)."""
    return {code: item["eligibility"]["short"] for code, item in read_catalog()["items"].items()
            if item.get("eligibility")}


VERDICTS = ("likely", "possible", "unlikely")


@functools.cache
def modes() -> dict[str, str]:
    """Each item's mode in the published catalogue (apply, appointment, guide…)."""
    return {code: item["mode"] for code, item in read_catalog()["items"].items()}


def next_step(code: str, number: int, offices: dict) -> str:
    """What to do: apply or book here in chat (by the catalogue's mode), else which office."""
    mode = modes().get(code)
    if mode == "apply":
        return texts.NEXT_APPLY.format(n=number)
    if mode == "appointment":
        return texts.NEXT_BOOK.format(n=number)
    return texts.NEXT_OFFICE.format(office=offices.get(code, {}).get("office", "街道便民服务中心"))


def assess(household: Household, thresholds: dict, offices: dict | None = None) -> list[Finding]:
    """Findings for the items that concern this household, likely ones first.

    Pure: the thresholds come in (eligibility.rules.thresholds() in the app).
    Next steps are numbered across the likely and possible findings, in order.
    """
    found = []
    for code, rule in rules():
        result = rule(household, thresholds)
        if result is not None:
            verdict, why, calculation = result
            found.append((code, verdict, tuple(why), calculation))
    found.sort(key=lambda f: VERDICTS.index(f[1]))
    findings, number = [], 0
    for code, verdict, reasons, calculation in found:
        step = ""
        if verdict != "unlikely":
            number += 1
            step = next_step(code, number, offices or {})
        findings.append(Finding(code, verdict, reasons, calculation, step))
    return findings
