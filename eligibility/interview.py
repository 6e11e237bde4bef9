"""The interview: which question to ask next (only one whose answer can change the result), and reading answers."""
from __future__ import annotations

import re
from dataclasses import replace

from core import calendar
from eligibility import answers
from eligibility.assess import assess
from eligibility.household import CARE, PARENTS, Household

# loss_months is asked only once a resident has mentioned a death (MZ27 reads nothing else
# without `loss`), right after the answer that mentioned it; never a question out of the blue.
# Self-care comes late: once income and 赡养 are known it often cannot change anything.
ORDER = ("size", "loss_months", "hukou", "oldest", "child", "parents", "disability", "disabled_child",
         "income", "rigid", "assets_over", "supporter", "care")
OTHER_CITY = re.compile(r"外地|外省|外市|不是本|非本|老家|没有本市|没有本地")
CHILD_WORDS = re.compile(r"孩子|儿子|女儿|娃|小孩|孙子|孙女|外孙|闺女|宝宝")
ADULT_WORDS = re.compile(r"我|老人|爷爷|奶奶|老伴|爱人|丈夫|妻子|老公|老婆|父亲|母亲|爸|妈")
PARENT_WORDS = [
    ("orphan", re.compile(r"都(去世|过世|不在|走|没)了?|双亡|都死|父母.{0,2}(去世|过世|不在了)|都失踪")),
    ("one_gone", re.compile(r"(一个|一方|爸|妈|父亲|母亲).{0,6}(去世|过世|不在了|没了|失踪).{0,10}(服刑|坐牢|重病|残疾|失联|联系不上|改嫁|不管)")),
    ("both_unable", re.compile(r"服刑|坐牢|监狱|重病|重残|残疾|失联|联系不上|戒毒")),
    ("other", re.compile(r"打工|外地|在外|离婚|不管")),
    ("present", re.compile(r"都在|健在|挺好|正常|都有|能照顾|我们(自己)?(带|照顾)")),
]


def _samples(key: str, h: Household, th: dict) -> list:
    """Representative answers to a question: enough to see whether it can change a verdict."""
    std, line = th["dibao_standard"], th["expenditure_income_line"]
    low = std * th["low_income_multiple"]
    n = h.size or 1
    if key == "oldest":
        return [10, 25, 65] + [t["from"] for t in th["age_tiers"]] + ([] if h.alone else [0])
    if key == "parents":
        return list(PARENTS)
    if key == "disability":
        return [0, 1, 2, 3, 4]
    if key == "income":
        per_person = [0, std / 2, std, (std + low) / 2, low, (low + line) / 2, line, line * 2]
        return [round(p * n) for p in per_person]
    if key == "rigid":
        return [0, 1, round(12 * n * line)]
    if key == "care":
        return list(CARE)
    if key == "loss_months":
        return [0, th["funeral_claim_months"], th["funeral_claim_months"] + 1]
    return [True, False]


def matters(key: str, h: Household, th: dict) -> bool:
    """Whether some answer to `key` gives other findings than another answer or none."""
    first = None
    for value in [None] + _samples(key, h, th):
        outcome = _key(assess(replace(h, **{key: value}), th))
        if first is None:
            first = outcome
        elif outcome != first:
            return True  # the rest of the samples cannot make it matter less
    return False


def _key(findings) -> tuple:
    return tuple((f.item, f.verdict, f.reasons) for f in findings)


def next_question(h: Household, th: dict, asked: list[str]) -> str | None:
    """The first unasked question whose answer can change the result; None when done."""
    for key in ORDER:
        if key in asked or getattr(h, key) is not None:
            continue
        if key == "size" or matters(key, h, th):
            return key
    return None


def read(key: str, text: str, h: Household, th: dict, aside: bool = False) -> bool:
    """Take `text` as the answer to `key`; False when it is not one we can use.

    `aside`: the text was said out of turn (crossread), and what it says in passing is read
    once for the whole message instead.
    """
    value = parse(key, text, h, th)
    if value is None:
        return False
    setattr(h, key, value)
    if key == "disability" and value and CHILD_WORDS.search(text):
        h.disabled_child = True
    elif key == "disability" and value and ADULT_WORDS.search(text):
        h.disabled_child = False
    if not aside:
        in_passing(key, text, h)
    return True


def in_passing(key: str, text: str, h: Household) -> None:
    """What an answer says besides its question: the elder's self-care, a death in the family.

    Self-care is taken only from the answer about the elder (the oldest's age), where it is
    theirs. The parents question asks about death by design: there it is the child's case.
    """
    if key == "oldest" and h.care is None and answers.FRAIL_MENTION.search(text):
        h.care = answers.care(text)
    if key not in ("parents", "loss_months") and not h.loss and answers.DEATH.search(text):
        h.loss = True
        h.loss_months = answers.months_ago(text, calendar.today().month)


def parse(key: str, text: str, h: Household, th: dict):
    """The value `text` gives `key`, None when it gives none."""
    text = text.strip()
    if key == "size":
        return answers.count(text)
    if key == "oldest":
        return _oldest(text, h)
    if key == "parents":
        return _parents(text)
    if key == "disability":
        return _grade(text)
    if key == "income":
        return answers.amount(text, monthly=True)
    if key == "rigid":
        return answers.amount(text)
    if key == "assets_over":
        return _assets(text, h, th)
    if key == "care":
        return answers.care(text)
    if key == "loss_months":
        return answers.months_ago(text, calendar.today().month)
    if key == "hukou" and OTHER_CITY.search(text):
        return False
    return answers.yes_no(text)


def _oldest(text: str, h: Household) -> int | None:
    found = answers.age(text)
    if found is not None:
        return found
    return 0 if not h.alone and answers.yes_no(text) is False else None


def _parents(text: str) -> str | None:
    if text.isdigit() and 1 <= int(text) <= len(PARENTS):
        return ("present", "orphan", "one_gone", "both_unable", "other")[int(text) - 1]
    return next((case for case, pattern in PARENT_WORDS if pattern.search(text)), None)


def _grade(text: str) -> int | None:
    if answers.yes_no(text) is False or answers.NONE.match(text):
        return 0
    found = re.search(r"([一二三四1-4])级", text) or re.fullmatch(r"([1-4])", text)
    if found is None:
        return None
    return {"一": 1, "二": 2, "三": 3, "四": 4}.get(found.group(1)) or int(found.group(1))


def _assets(text: str, h: Household, th: dict) -> bool | None:
    said = answers.yes_no(text)
    if said is not None and not answers.numbers(text):
        return said
    total = answers.amount(text)  # a figure is the household's savings, compared per person
    return None if total is None else total / (h.size or 1) > th["asset_limit"]
