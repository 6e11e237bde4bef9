"""Validators for form answers: each takes the resident's text and returns a clean value.

A wrong answer raises Invalid with a plain-Chinese explanation of what is wrong
and what a right answer looks like; the dialog shows it and asks again.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core import answer_words, calendar
from forms import texts

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
NAME = re.compile(r"^[\u4e00-\u9fa5]+([·•][\u4e00-\u9fa5]+)*$")
# Everyday words that are Chinese and short enough to pass for a name ("谢谢", "我要申请低保").
NOT_NAME = re.compile(r"^(我|俺|你|您|要|想|请|帮|不|没|好|是|对|嗯|恩|啊|哦|呃|什么|怎么|为什么|继续|等|算了|取消|"
                      r"知道|明白|可以|行|谢谢|还|就|这|在吗|喂|菜单|人工)")
ADDRESS_MARK = re.compile(r"路|街|道|巷|号|村|小区|栋|幢|单元|室|弄|组|苑|园|区|镇|乡|里|楼")
SEPARATORS = re.compile(r"[,，、;；\s/和]+")
RELATIVE_DAYS = {"今天": 0, "明天": 1, "后天": 2, "大后天": 3}
WEEKDAYS = "一二三四五六日"


class Invalid(ValueError):
    """An answer we cannot accept; str() is the explanation for the resident."""


@dataclass(frozen=True)
class IdInfo:
    """What a resident ID number tells us."""

    birth: date
    age: int
    sex: str  # "男" or "女"


def clean(text: str) -> str:
    """Full-width to half-width, trimmed: residents type on phone keyboards."""
    return unicodedata.normalize("NFKC", text or "").strip().strip("。.！!")


def chinese_name(text: str, options=None) -> str:
    """2 to 20 Chinese characters, with · for names like 买买提·吐尔逊."""
    value = re.sub(r"\s+", "", clean(text))
    if re.search(r"[0-9]", value):
        raise Invalid(texts.NAME_DIGITS)
    if not NAME.match(value) or not 2 <= len(value) <= 20:
        raise Invalid(texts.NAME_BAD)
    if NOT_NAME.match(value):
        raise Invalid(texts.NAME_NOT_NAME)
    return value


def mobile(text: str, options=None) -> str:
    """A mainland mobile number: 11 digits starting 13-19, optional +86."""
    value = re.sub(r"[\s\-()（）]", "", clean(text))
    value = re.sub(r"^(\+?86)(?=1\d{10}$)", "", value)
    if not value.isdigit():
        raise Invalid(texts.MOBILE_BAD)
    if len(value) != 11:
        raise Invalid(texts.MOBILE_LENGTH.format(n=len(value)))
    if not re.match(r"^1[3-9]\d{9}$", value):
        raise Invalid(texts.MOBILE_BAD)
    return value


def id_check_digit(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=False)) % 11]


def resident_id(text: str, options=None) -> str:
    """An 18-digit resident ID with a valid birth date and GB 11643 check digit."""
    value = re.sub(r"\s+", "", clean(text)).upper()
    if len(value) != 18:
        raise Invalid(texts.ID_LENGTH.format(n=len(value)))
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise Invalid(texts.ID_CHARS)
    if value[0] not in "12345678":
        raise Invalid(texts.ID_REGION)
    try:
        birth = datetime.strptime(value[6:14], "%Y%m%d").date()
    except ValueError:
        raise Invalid(texts.ID_BIRTH) from None
    if birth > today() or birth.year < 1890:
        raise Invalid(texts.ID_BIRTH)
    if id_check_digit(value[:17]) != value[17]:
        raise Invalid(texts.ID_CHECKSUM)
    return value


def disability_cert(text: str, options=None) -> str:
    """A 第二代残疾人证 number: the holder's 18-digit ID, then 残疾类别 (1–7) and 等级 (1–4)."""
    value = re.sub(r"\s+", "", clean(text)).upper()
    if len(value) != 20:
        raise Invalid(texts.CERT_LENGTH.format(n=len(value)))
    try:
        resident_id(value[:18])
    except Invalid as why:
        raise Invalid(texts.CERT_ID.format(why=why)) from None
    if value[18] not in "1234567" or value[19] not in "1234":
        raise Invalid(texts.CERT_TAIL)
    return value


def id_info(value: str, on: date | None = None) -> IdInfo:
    """Birth date, age in whole years and sex from a valid ID number."""
    on = on or today()
    birth = datetime.strptime(value[6:14], "%Y%m%d").date()
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return IdInfo(birth=birth, age=age, sex="男" if int(value[16]) % 2 else "女")


def address(text: str, options=None) -> str:
    """A street address down to the door number."""
    value = clean(text)
    if len(value) < 5 or not re.search(r"[\u4e00-\u9fa5]", value):
        raise Invalid(texts.ADDRESS_SHORT)
    if len(value) > 100:
        raise Invalid(texts.TOO_LONG.format(n=100))
    if not ADDRESS_MARK.search(value):
        raise Invalid(texts.ADDRESS_BAD)
    return value


def free_text(text: str, options=None) -> str:
    """A short description in the resident's words."""
    value = clean(text)
    if len(value) < 2:
        raise Invalid(texts.TEXT_SHORT)
    if len(value) > 200:
        raise Invalid(texts.TOO_LONG.format(n=200))
    return value


def whole_number(text: str, options=None) -> int:
    """A count such as household size: 1 to 99."""
    value = clean(text).rstrip("人口个位")
    if not value.isdigit() or not 1 <= int(value) <= 99:
        raise Invalid(texts.NUMBER_BAD)
    return int(value)


def choice(text: str, options) -> str:
    """One of the offered options, by number or by (part of) its name."""
    value = clean(text).rstrip("、")
    if value.isdigit() and 1 <= int(value) <= len(options):
        return options[int(value) - 1]
    exact = [o for o in options if value and (value == o or value in o or o in value)]
    if len(exact) == 1:
        return exact[0]
    # An option named without the word all options share, inside a sentence ("在新华那边" for 新华社区).
    stems = _stems(list(options))
    named = [o for o, stem in zip(options, stems, strict=True) if len(stem) >= 2 and stem in value]
    if len(named) == 1:
        return named[0]
    raise Invalid(texts.CHOICE_BAD)


def _stems(options: list[str]) -> list[str]:
    """The options without the ending they all share (幸福社区, 和平社区 → 幸福, 和平)."""
    if len(options) < 2:
        return list(options)
    shared = 0
    while shared < min(map(len, options)) and len({o[len(o) - shared - 1] for o in options}) == 1:
        shared += 1
    return [o[:len(o) - shared] if shared else o for o in options]


def choices(text: str, options) -> list[str]:
    """Several of the offered options: "1、3" or names separated by commas."""
    parts = [p for p in SEPARATORS.split(clean(text)) if p]
    if len(parts) == 1 and parts[0].isdigit() and len(parts[0]) > 1 and \
            all(1 <= int(c) <= len(options) for c in parts[0]):
        parts = list(parts[0])  # "135" typed without separators
    picked = []
    for part in parts:
        value = choice(part, options)
        if value not in picked:
            picked.append(value)
    if not picked:
        raise Invalid(texts.CHOICE_BAD)
    return picked


# A yes/no field's answers start with yes or no (core.answer_words); "y" and "n" only alone.
YES_NO = (answer_words.leading(answer_words.YES_LEADING, ("有", "好", "行", "可以", "要", "需要", "ok", "1"),
                               alone=("y",), unless=answer_words.NO),
          answer_words.leading(answer_words.NO_LEADING, ("别", "2"), alone=("n",), unless=answer_words.YES))


def yes_no(text: str, options=None) -> str:
    """是 or 否."""
    value = clean(text)
    # "不是" and "没有" before "是" and "有": the no-words start with a yes-word's negation.
    if YES_NO[1].match(value):
        return "否"
    if YES_NO[0].match(value):
        return "是"
    raise Invalid(texts.YES_NO_BAD)


def day(text: str, options=None) -> str:
    """A date: 2026-11-25, 11月25日, 明天, 周三, or the number of an offered date."""
    value = clean(text).replace(" ", "")
    if options and value.isdigit() and 1 <= int(value) <= len(options):
        return options[int(value) - 1]
    parsed = parse_day(value)
    if parsed is None:
        raise Invalid(texts.DATE_BAD)
    if options is not None and parsed.isoformat() not in options:
        raise Invalid(texts.DATE_NOT_OPEN)
    return parsed.isoformat()


def parse_day(value: str) -> date | None:
    """Read a resident's date; None when it is not one."""
    base = today()
    if value in RELATIVE_DAYS:
        return base + timedelta(days=RELATIVE_DAYS[value])
    m = re.match(r"^(?:下)?(?:周|星期|礼拜)([一二三四五六日天])$", value)
    if m:
        target = WEEKDAYS.index(m.group(1).replace("天", "日"))
        ahead = (target - base.weekday()) % 7 or 7
        return base + timedelta(days=ahead + (7 if value.startswith("下") and ahead < 7 else 0))
    m = re.match(r"^(?:(\d{4})[年\-/.])?(\d{1,2})[月\-/.](\d{1,2})[日号]?$", value)
    if not m:
        return None
    year = int(m.group(1)) if m.group(1) else base.year
    try:
        parsed = date(year, int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    if not m.group(1) and parsed < base:
        parsed = parsed.replace(year=year + 1)  # "1月5日" said in December means next year
    return parsed


def clock(text: str, options) -> str:
    """A time of day among the offered ones: "9点", "下午2点", "14:00" or its number."""
    value = clean(text).replace(" ", "")
    if value.isdigit() and 1 <= int(value) <= len(options) and int(value) <= 8:
        return options[int(value) - 1]
    m = re.match(r"^(上午|早上|中午|下午|晚上)?(\d{1,2})(?:[:：点时](\d{1,2}|半)?)?(?:分)?$", value)
    if not m:
        raise Invalid(texts.TIME_BAD)
    hour = int(m.group(2))
    minute = 30 if m.group(3) == "半" else int(m.group(3) or 0)
    if m.group(1) in ("下午", "晚上") and hour < 12:
        hour += 12
    picked = f"{hour:02d}:{minute:02d}"
    if picked not in options:
        raise Invalid(texts.TIME_NOT_OPEN)
    return picked


def today() -> date:
    """Today's date in China time (core.calendar), not the server's zone."""
    return calendar.today()


# Each takes the answer and the options offered, and returns the clean value.
VALIDATORS: dict[str, Callable[..., object]] = {
    "name": chinese_name, "mobile": mobile, "id_number": resident_id, "address": address,
    "disability_cert": disability_cert,
    "text": free_text, "number": whole_number, "choice": choice, "choices": choices,
    "community": choice, "yes_no": yes_no, "date": day, "time": clock,
}
