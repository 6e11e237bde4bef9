"""assess(household) -> findings: every item the household may qualify for, and why."""
from __future__ import annotations

import functools

from eligibility import checks, checks_elderly, checks_people, texts
from eligibility.household import Finding, Household
from knowledge.snapshot import read_catalog

# In the order residents read them: money for living first, then age, disability, children,
# and a funeral last. Every catalogue item with a 补助标准 in its guide has a rule (tested).
RULES = (
    ("MZ01", checks.dibao), ("MZ04", checks.low_income), ("MZ05", checks.expenditure),
    ("MZ02", checks.tekun), ("MZ03", checks.temporary),
    ("MZ07", checks_elderly.elderly_allowance), ("MZ08", checks_elderly.elderly_service),
    ("MZ09", checks_elderly.home_care), ("MZ10", checks_elderly.home_adaptation),
    ("MZ12", checks_elderly.nursing_home), ("MZ13", checks_people.disability),
    ("MZ14", checks_people.orphan), ("MZ15", checks_people.unattended),
    ("MZ16", checks_people.hardship_child), ("MZ27", checks_people.funeral),
)
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
    for code, rule in RULES:
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
