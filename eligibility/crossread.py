"""Reading one message against every open question: answers given out of order, several facts at once.

A message is cut into clauses. A clause that names another question's topic (its cue) and not
the current one's, and that exactly one open question's reader can take, is that question's
answer; every other clause is the answer to the question asked. A clause with no cue ("没有",
a bare number) only ever answers the question asked, and one that two open questions could
take is not stored for either.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from eligibility import answers, interview
from eligibility import texts as t
from eligibility.household import Household

CLAUSE = re.compile(r"[，,。；;！!？?、\s]+")
NUMERAL = r"[\d零〇一二两三四五六七八九十]"
# The words that say which question a clause answers. Only questions that make sense on their
# own are read out of turn: not the child's parents, nor which member holds the certificate.
CUES = {
    "size": re.compile(r"口人|" + NUMERAL + r"口|几口|一家|一个人|就我|独居|自己住|老两口|两口子"),
    "hukou": re.compile(r"户口|户籍|本地人|本市人|外地人"),
    "oldest": re.compile(r"岁|" + NUMERAL + r"多?了|今年\s*" + NUMERAL + r"|年纪|高寿"),
    "child": re.compile(r"孩子|未成年|小孩|孙子|孙女|外孙"),
    "disability": re.compile(r"残疾|残联|[一二三四1-4]级"),
    "income": re.compile(r"收入|工资|养老金|退休金|每月|每个月|一个月|月薪|月入|挣|赚"),
    "rigid": re.compile(r"看病|医药|药费|住院|手术|医疗|学费|上学|护理费|康复|自费|自付"),
    "assets_over": re.compile(r"存款|积蓄|存了|理财|储蓄|存折|存的钱"),
    "supporter": re.compile(r"赡养|子女|儿子|女儿|儿女|闺女"),
    "care": re.compile(r"自理|吃饭|穿衣|洗澡|上厕所|卧床|瘫|失能|离不开人|要人照顾|要人帮|照顾自己|拐杖|轮椅"),
}
# Questions never read out of turn still keep the clauses about their own topic when asked
# ("妈妈二级残疾" answering the parents question is about the parents, not the household's certificate).
OWN_CUES = {
    "parents": re.compile(r"爸|妈|父|母|双亡|失踪|服刑|坐牢|监狱|失联"),
    "disabled_child": re.compile(r"孩子|儿子|女儿|小孩|娃|大人|老人|我|他|她"),
    "loss_months": re.compile(r"月|年|天|前|周|星期|礼拜"),
}
ADULT_AGE = 18  # an age read out of turn is the speaker's or an elder's, never a child's


YES_NO = ((1, "是", True), (2, "不是", False))
HAVE = ((1, "有", True), (2, "没有", False))
# A closed question's options, as numbers a digit answers once they are shown (after two misses,
# or at once for a bare yes/no the question's reader cannot take). The grades keep their own digits.
OPTIONS: dict[str, tuple[tuple[int, str, object], ...]] = {
    "hukou": YES_NO, "child": HAVE, "disabled_child": YES_NO, "supporter": HAVE,
    "assets_over": ((1, "超过", True), (2, "没超过", False)),
    "disability": ((0, "没有残疾证", 0), (1, "一级", 1), (2, "二级", 2), (3, "三级", 3), (4, "四级", 4)),
    "care": ((1, "能自理", "self"), (2, "有些要人帮（半失能）", "partly"), (3, "卧床或离不开人（失能）", "full")),
}
DIGIT = re.compile(r"^第?(\d)[个项号]?[。.]?$")


def choose(key: str, text: str, h: Household) -> bool:
    """A digit answering the numbered options shown for `key`; False when it is not one of them."""
    found = DIGIT.match(text.strip())
    value = next((v for n, _, v in OPTIONS.get(key, ()) if found and n == int(found.group(1))), None)
    if value is None:
        return False
    setattr(h, key, value)
    return True


@dataclass
class Taken:
    """What one message gave: the current question's answer, others filled, or neither."""

    current: bool = False
    unsure: bool = False
    others: list[str] = field(default_factory=list)
    bare: bool = False  # a bare yes/no that the current question's reader cannot take


def _reads(key: str, clause: str, h: Household, th: dict) -> bool:
    if key == "oldest":  # out of turn, only a named adult age counts ("没有" is not "no elder")
        found = answers.age(clause)
        return found is not None and found >= ADULT_AGE and not interview.CHILD_WORDS.search(clause)
    return interview.parse(key, clause, h, th) is not None


def _owner(key: str, clause: str, h: Household, th: dict) -> str:
    """The question a clause answers: another open one only if it alone can take it."""
    own = OWN_CUES.get(key) or CUES.get(key)
    if own is not None and own.search(clause):
        return key
    others = [k for k, cue in CUES.items()
              if k != key and getattr(h, k) is None and cue.search(clause) and _reads(k, clause, h, th)]
    return others[0] if len(others) == 1 else key


def take(key: str, text: str, h: Household, th: dict) -> Taken:
    """Read `text` against the question asked (`key`) and every open question; fill `h`."""
    clauses = [c for c in CLAUSE.split(text.strip()) if c]
    owned: dict[str, list[str]] = {}
    for clause in clauses:
        owned.setdefault(_owner(key, clause, h, th), []).append(clause)
    taken = Taken()
    for other, parts in owned.items():
        if other != key and interview.read(other, "，".join(parts), h, th, aside=True):
            taken.others.append(other)
    rest = text if not taken.others else "，".join(owned.get(key, []))
    if rest:
        taken.unsure = key != "size" and bool(answers.UNSURE.search(rest))
        taken.current = not taken.unsure and interview.read(key, rest, h, th, aside=True)
        taken.bare = not taken.current and not taken.unsure and answers.yes_no(rest) is not None
    interview.in_passing(key, text, h)
    return taken


def noted(keys: list[str], h: Household) -> str:
    """The facts read out of turn, said back briefly: "好的，记下了：82岁、每月收入约1200元。"."""
    facts = []
    for key in keys:
        value = getattr(h, key)
        if key == "care":
            facts.append(t.CARE_NOTED[value])
            continue
        none, some = t.NOTED_FACTS[key]
        said = value != 1 if key == "size" else bool(value)  # a household of one is "一个人住"
        grade = t.GRADE_NAMES.get(value, "") if key == "disability" else ""
        facts.append(some.format(v=value, grade=grade) if said else none)
    return t.NOTED.format(facts="、".join(facts))


def numbered(key: str, question: str) -> str:
    """The question with its options as numbers (when it has them) and the way out."""
    question = re.sub(r"（[^（）]*）$", "", question) if key in OPTIONS else question
    lines = [question] + ([t.CHOOSE] if key in OPTIONS else [])
    lines += [t.OPTION.format(n=n, label=label) for n, label, _ in OPTIONS.get(key, ())]
    return "\n".join(lines + [t.WAY_OUT])
