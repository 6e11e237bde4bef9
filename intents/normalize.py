"""Text normalisation: width, traditional characters, punctuation, numbers."""
from __future__ import annotations

import re
import unicodedata

from opencc import OpenCC

# The official OpenCC (C++): a few microseconds a message, so every text goes through it.
_t2s = OpenCC("t2s")

_NOISE = re.compile(r"[^\w\u4e00-\u9fff?？]+", re.UNICODE)
_QUESTION = re.compile(r"[?？]|吗|呢|么$|不$|没$")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = re.compile(r"([一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九]百[零一二三四五六七八九十]*)(?=[岁周天个年月日])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\ufeff]")


def _cn_to_int(word: str) -> str:
    if "百" in word:
        hundreds, _, rest = word.partition("百")
        value = _DIGITS[hundreds] * 100
        rest = rest.lstrip("零")
        if rest:
            value += int(_cn_to_int(rest)) if "十" in rest else _DIGITS.get(rest, 0)
        return str(value)
    tens, _, ones = word.partition("十")
    return str((_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0))


def to_simplified(text: str) -> str:
    """Traditional → simplified."""
    return _t2s.convert(text) if text else text


def normalize(text: str) -> tuple[str, bool]:
    """Cleaned text (simplified, half-width, lower case, no punctuation) and a question flag."""
    text = _CONTROL.sub("", unicodedata.normalize("NFKC", text or "")).lower()
    text = to_simplified(text)
    question = bool(_QUESTION.search(text.strip()))
    text = _CN_NUMBER.sub(lambda m: _cn_to_int(m.group(1)), text)
    text = _NOISE.sub(" ", text).replace("?", " ").replace("？", " ")
    return " ".join(text.split()), question


# Words that make a message a question even without a question mark or 吗.
_ASKING = re.compile(r"怎么|怎样|如何|什么|为什么|为啥|哪|多少|多久|几[点天号个岁时]|能不能|可不可以|"
                     r"是不是|有没有|行不行|是否|咋|算不算|够不够|属不属于|符不符合|要不要|用不用|需不需要")


def looks_like_question(text: str) -> bool:
    """Whether the message asks something (a form answer such as a name or 确认 does not)."""
    text = to_simplified(unicodedata.normalize("NFKC", text or "")).strip()
    return bool(_QUESTION.search(text) or _ASKING.search(text))
