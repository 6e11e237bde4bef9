"""Natural answers to the interview's questions: "八十二", "三口人", "一个月两千来块", "不是"."""
from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "k": 1000, "K": 1000, "万": 10000, "w": 10000, "W": 10000}
RUN = re.compile(r"\d+(?:\.\d+)?[\d零〇一二两俩三四五六七八九十百千万kKwW]*|[零〇一二两俩三四五六七八九十百千万]+")
TOKEN = re.compile(r"\d+(?:\.\d+)?|[零〇一二两俩三四五六七八九]|[十百千万kKwW]")
# Phrases whose numerals are not the answer ("一个月两千" is 2000, not 1).
NOT_AMOUNTS = re.compile(r"一个月|每个月|每月|一月|月收入|一年|每年|全年|年收入|一家|一共|一起|一块儿|"
                         r"十二个月|12个月|一级|二级|三级|四级|[1-4]级|一下|一点")
PER_YEAR = re.compile(r"一年|每年|全年|年收入|年薪")
NONE = re.compile(r"^(没有|没|无|零|0|都没有|没啥|没什么|一分没有|没收入|没有收入|没花|没花钱|不花钱)")
NO = re.compile(r"^(不是|不|没有|没|无|否|非|外地|外省|不在|不超过|没超过|没那么多|不到|都没有|没了)")
YES = re.compile(r"^(是|是的|对|对的|有|嗯|恩|本市|本地|超过|超了|算|当然|没错|yes|y)", re.I)
UNSURE = re.compile(r"不知道|不清楚|不确定|说不好|不好说|不记得|记不清|搞不清|不太懂")
ONE = re.compile(r"独居|一个人|就我(自己)?一?个?|我自己|自己住|光棍|单身")
TWO = re.compile(r"两口子|老两口|俩人|我们俩|我俩")


def _value(run: str) -> float:
    """One numeral run as a number: 八十二 → 82, 两千五 → 2500, 一万二 → 12000, 1.2万 → 12000."""
    total, section, current, last_unit, after_zero = 0.0, 0.0, 0.0, 0, False
    for token in TOKEN.findall(run):
        if token in DIGITS:
            after_zero = after_zero or token in ("零", "〇")
            current = DIGITS[token]
        elif token in UNITS:
            unit = UNITS[token]
            if unit == 10000:
                total += (section + current) * unit
                section, current = 0.0, 0.0
            else:
                section += (current or (1 if unit == 10 else 0)) * unit
                current = 0.0
            last_unit, after_zero = unit, False
        else:
            current = float(token)
    # "两千五", "一万二": a trailing digit counts in the next unit down.
    if current and last_unit >= 10 and not after_zero and run[-1] in DIGITS:
        current *= last_unit / 10
    return total + section + current


def numbers(text: str) -> list[float]:
    """Every amount or count in a message, left to right."""
    cleaned = NOT_AMOUNTS.sub(" ", text)
    return [_value(run) for run in RUN.findall(cleaned) if TOKEN.search(run)]


def amount(text: str, monthly: bool = False) -> int | None:
    """A sum of money (several parts are added up); a yearly figure made monthly if asked."""
    text = text.strip()
    found = numbers(text)
    if not found:  # "没多少，一千来块" is 1000: a figure wins over the leading 没
        return 0 if NONE.match(text) else None
    total = sum(found)
    if monthly and PER_YEAR.search(text):
        total /= 12
    return round(total)


def count(text: str) -> int | None:
    """A household size: "三口人", "就我一个", "老两口"."""
    found = [n for n in numbers(ONE.sub(" ", TWO.sub(" ", text))) if n == int(n)]
    if found:
        return int(found[0]) if 1 <= found[0] <= 20 else None
    if ONE.search(text):
        return 1
    return 2 if TWO.search(text) else None


def age(text: str) -> int | None:
    """The oldest age named: "八十二", "爷爷七十二，奶奶七十" → 72."""
    found = [int(n) for n in numbers(text) if 0 < n <= 120]
    return max(found) if found else None


def yes_no(text: str) -> bool | None:
    """是 / 不是, 有 / 没有, in their everyday forms."""
    text = text.strip().lstrip("嗯，, ")
    if UNSURE.search(text):
        return None
    if NO.match(text):
        return False
    if YES.match(text):
        return True
    return None
