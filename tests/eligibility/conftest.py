"""The rules' sample thresholds, as the app reads them (care grades keyed by number)."""
from __future__ import annotations

import pytest

from eligibility import rules


@pytest.fixture
def th() -> dict:
    merged = rules.defaults()
    merged["care_grades"] = {int(k): v for k, v in merged["care_grades"].items()}
    return merged
