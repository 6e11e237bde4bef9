"""What the interview learns about a household, and what the rules conclude."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from fractions import Fraction

PARENTS = ("present", "orphan", "one_gone", "both_unable", "other")
# How the elder (a single person: themself) gets by day to day, from 能自理 to 失能; "partly" is
# 半失能 without the 能力评估 grade (轻度 or 中度), the others name it.
CARE = ("self", "mild", "moderate", "partly", "full")


@dataclass
class Household:
    """Answers so far; None is "not asked" (or not needed)."""

    size: int | None = None
    hukou: bool | None = None
    oldest: int | None = None  # the oldest member's age; a single person's own age; 0 = nobody 60+
    child: bool | None = None  # a member under 18
    parents: str | None = None  # the child's parents, one of PARENTS
    disability: int | None = None  # highest 残疾等级 in the household, 0 = none
    disabled_child: bool | None = None  # the disabled member is the child
    income: int | None = None  # the household's total income per month, 元
    rigid: int | None = None  # medical after insurance + education + disability care, last 12 months, 元
    assets_over: bool | None = None  # 人均金融资产 over the limit
    supporter: bool | None = None  # someone able to support a single elderly / disabled person
    care: str | None = None  # the elder's self-care, one of CARE (a single person's own)
    loss: bool | None = None  # a death in the family was mentioned (never asked outright)
    loss_months: int | None = None  # how long ago, in months

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Household:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in names})

    @property
    def alone(self) -> bool:
        return self.size == 1

    def has_child(self) -> bool | None:
        # A household of one is an adult's: a child alone is a case for a person, not a chat.
        return False if self.size == 1 else self.child

    def frail(self) -> bool | None:
        """半失能 or 失能 (None while not known)."""
        return None if self.care is None else self.care != "self"

    def per_person(self) -> Fraction | None:
        if self.income is None or not self.size:
            return None
        return Fraction(self.income, self.size)

    def rigid_per_person(self) -> Fraction | None:
        if self.rigid is None or not self.size:
            return None
        return Fraction(self.rigid, 12 * self.size)


@dataclass(frozen=True)
class Finding:
    """One item's verdict for a household, with why and what to do next."""

    item: str
    verdict: str  # likely, possible or unlikely
    reasons: tuple[str, ...]
    calculation: str = ""
    next_step: str = ""


def yuan(value: Fraction | int | float) -> str:
    """An amount as residents read it: whole yuan without decimals, else two places."""
    value = Fraction(value).limit_denominator(10000)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}"
