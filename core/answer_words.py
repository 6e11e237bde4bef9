"""Yes and no as residents answer a question: one table of words, two ways to read them.

Every place that asks a yes/no question (a form's summary and its closed steps, cancelling
an order, using the location just shared, a rating's "解决了吗", a yes/no form field, the
eligibility interview) reads the answer with these words plus the words of its own
question ("确认取消", "解决了", "本市"):

- `whole`: the message is nothing but yes words, each perhaps followed by particles and
  stops ("对对对", "好嘞", "是的呀。", "ok吧"), as a short answer to a question is.
- `leading`: the answer starts with one ("是的，我是本市户籍"), for questions whose
  answers run on. Only the words that cannot start anything else lead (`YES_LEADING`,
  `NO_LEADING`); a no word that begins a yes word ("没" in "没错", "没问题") does not
  count as no there.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

# Yes in the forms residents use, dialect and spoken ones included.
YES = ("是", "是的", "对", "对的", "没错", "嗯", "嗯呐", "恩", "好", "好的", "好嘞", "好滴", "行", "可以",
       "同意", "确认", "确定", "没问题", "没毛病", "中", "中嘞", "要得", "得嘞", "妥", "成", "ok", "yes")
NO = ("否", "不是", "不对", "没有", "没", "无", "不", "不用", "不要", "不行", "不需要", "no")
# The words that begin an answer and nothing else ("好" begins "好像没有", "行" "行不通").
YES_LEADING = ("是", "对", "没错", "嗯", "恩", "确认", "同意", "yes")
NO_LEADING = ("否", "不", "没", "无", "no")
# What may follow a word: particles ("是的呀", "好嘞", "行吧") and stops.
PARTICLES = "吧啊呀了的嘞哈呗哦噢喔"
STOPS = "。.!！~…，,"


def _either(words: Iterable[str]) -> str:
    # Longest first, so "确认提交" is not read as "确认" and a leftover.
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def whole(*words: Iterable[str], alone: Iterable[str] = ()) -> re.Pattern:
    """The message is a run of these words, each perhaps followed by particles; or one
    of `alone` ("1", "2": a numbered answer) by itself."""
    tail = f"[{PARTICLES}{STOPS}]*"
    pattern = rf"^(?:(?:{_either(w for group in words for w in group)}){tail})+$"
    alone = tuple(alone)
    if alone:
        pattern += rf"|^(?:{_either(alone)})[{STOPS}]*$"
    return re.compile(pattern, re.I)


def leading(*words: Iterable[str], alone: Iterable[str] = (), unless: Iterable[str] = ()) -> re.Pattern:
    """The message starts with one of these words, or is one of `alone` ("y", "n"); a word
    that only begins one of `unless` (the other answer's words: "没" of "没错") does not
    count there."""
    unless = tuple(unless)
    parts = []
    for word in sorted({w for group in words for w in group}, key=lambda w: (-len(w), w)):
        longer = [u[len(word):] for u in unless if u.startswith(word) and u != word]
        guard = f"(?!{_either(longer)})" if longer else ""
        parts.append(re.escape(word) + guard)
    parts += [re.escape(word) + "$" for word in alone]
    return re.compile(rf"^(?:{'|'.join(parts)})", re.I)
