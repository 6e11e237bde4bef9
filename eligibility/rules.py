"""The items' conditions as data: the YAML beside the guides, with staff's saved thresholds on top."""
from __future__ import annotations

import copy
import functools
from pathlib import Path

import yaml

from core.settings import get_setting, set_setting

DATA = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "eligibility.yaml"
SETTING = "eligibility"
# The figures staff edit, with the bounds a saved value must keep (a typo such as
# 低保标准 10 or a 倍数 of 15 would point every household the wrong way).
BOUNDS = {
    "dibao_standard": (100, 10000), "low_income_multiple": (1, 3), "asset_limit": (0, 1000000),
    "expenditure_income_line": (100, 50000), "elderly_age": (50, 80), "child_age": (14, 20),
    "living_allowance": (0, 10000), "orphan_amount": (0, 10000), "unattended_amount": (0, 10000),
    "hardship_child_amount": (0, 10000), "elderly_service_amount": (0, 10000),
    "elderly_service_mild": (0, 10000), "elderly_service_moderate": (0, 10000),
    "elderly_service_severe": (0, 10000), "tekun_basic": (0, 20000), "tekun_care_self": (0, 10000),
    "tekun_care_partly": (0, 10000), "tekun_care_full": (0, 20000), "adaptation_amount": (0, 100000),
    "funeral_basic_amount": (0, 50000), "funeral_extra_amount": (0, 50000), "eco_burial_amount": (0, 50000),
    "funeral_claim_months": (1, 36),
}
# Tiers that rise with the need for care: a lower tier above a higher one is a typo.
RISING = (("elderly_service_amount", "elderly_service_mild", "elderly_service_moderate", "elderly_service_severe"),
          ("tekun_care_self", "tekun_care_partly", "tekun_care_full"))


class BadThreshold(ValueError):
    """A threshold staff typed that cannot be used; the message says why, in Chinese."""


@functools.cache
def _data() -> dict:
    with DATA.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def defaults() -> dict:
    """The sample thresholds from the data file."""
    return copy.deepcopy(_data()["thresholds"])


def items() -> dict:
    """Per item code: the rule's inputs, the rule in words and the office."""
    return _data()["items"]


def thresholds() -> dict:
    """The thresholds in force: the saved ones over the file's defaults."""
    merged = defaults()
    merged.update(get_setting(SETTING, {}) or {})
    merged["care_grades"] = {int(k): v for k, v in merged["care_grades"].items()}
    return merged


def validate(values: dict) -> dict:
    """Checked, normalised thresholds; BadThreshold names the first problem."""
    from eligibility import texts

    out: dict = {}
    for key, (low, high) in BOUNDS.items():
        value = values[key]
        if not isinstance(value, int | float) or not low <= value <= high:
            raise BadThreshold(texts.BAD_RANGE.format(label=texts.LABELS[key], low=low, high=high))
        out[key] = value
    for keys in RISING:
        if any(out[a] > out[b] for a, b in zip(keys, keys[1:], strict=False)):
            raise BadThreshold(texts.BAD_ORDER.format(labels="、".join(texts.LABELS[k] for k in keys)))
    tiers = sorted(values["age_tiers"], key=lambda t: t["from"])
    if not tiers or any(not 60 <= t["from"] <= 120 or t["amount"] < 0 for t in tiers) or \
            len({t["from"] for t in tiers}) != len(tiers):
        raise BadThreshold(texts.BAD_TIERS)
    out["age_tiers"] = [{"from": int(t["from"]), "amount": t["amount"]} for t in tiers]
    grades = {int(k): v for k, v in values["care_grades"].items()}
    if not grades or any(k not in (1, 2, 3, 4) or v < 0 for k, v in grades.items()):
        raise BadThreshold(texts.BAD_GRADES)
    out["care_grades"] = {str(k): v for k, v in sorted(grades.items())}
    return out


def save(values: dict) -> dict:
    """Validate and store the thresholds in the caller's transaction; returns what was stored."""
    checked = validate(values)
    set_setting(SETTING, checked)
    return checked
