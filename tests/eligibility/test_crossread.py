"""Reading one message against every open question (eligibility.crossread)."""
import pytest

from eligibility import crossread
from eligibility.household import Household


@pytest.mark.parametrize("key, text, filled, current", [
    ("hukou", "82了", {"oldest": 82}, None),
    ("hukou", "我都八十多了", {"oldest": 80}, None),
    ("assets_over", "能自己吃饭穿衣", {"care": "self"}, None),
    ("oldest", "没有残疾证", {"disability": 0}, None),
    ("disability", "每月1200", {"income": 1200}, None),
    ("disability", "没有，每月一千二", {"income": 1200}, 0),
    ("size", "我82了，一个人住，每月一千二", {"oldest": 82, "income": 1200}, 1),
    ("income", "看病三万，学费一万", {"rigid": 40000}, None),
    # what only the question asked can take
    ("hukou", "82", {}, None),
    ("hukou", "看病每月一千", {}, None),
    ("hukou", "孩子三岁了", {}, None),
    ("hukou", "没有", {}, False),
    ("size", "三口人，我们老两口带孙子", {}, 3),
    ("parents", "爸爸坐牢，妈妈二级残疾", {}, "both_unable"),
])
def test_clauses_go_to_the_question_they_answer(th, key, text, filled, current):
    h = Household(size=None if key == "size" else 3)
    taken = crossread.take(key, text, h, th)
    assert {k: getattr(h, k) for k in taken.others} == filled
    assert getattr(h, key) == current and taken.current is (current is not None)


def test_a_bare_yes_or_no_the_reader_cannot_take_is_flagged(th):
    assert crossread.take("care", "没有", Household(size=1), th).bare
    assert crossread.take("disability", "有", Household(size=1), th).bare
    assert not crossread.take("hukou", "没有", Household(size=1), th).bare


def test_a_digit_answers_the_numbered_options_only(th):
    h = Household(size=1)
    assert crossread.choose("care", "3", h) and h.care == "full"
    assert crossread.choose("disability", "0", h) and h.disability == 0
    assert not crossread.choose("hukou", "7", h) and h.hukou is None
    assert "1. 是" in crossread.numbered("hukou", "您是本市户口吗？（回复“是”或“不是”）")
