"""Natural answers and the interview's choice of questions."""
import pytest

from eligibility import answers, rules
from eligibility.household import Household
from eligibility.interview import next_question


@pytest.mark.parametrize("text, value", [
    ("八十二", 82), ("一个月两千来块", 2000), ("两千五", 2500), ("一万二", 12000), ("1.2万", 12000),
    ("四万", 40000), ("一百零五", 105), ("看病三万，学费一万", 40000), ("没有", 0), ("1200元", 1200),
    ("没工作", 0), ("没多少，一千来块", 1000), ("我两千，老伴一千五", 3500), ("十二个月看病两万", 20000),
    ("月收入五千", 5000),
])
def test_amounts(text, value):
    assert answers.amount(text) == value


def test_yearly_income_made_monthly():
    assert answers.amount("一年三万", monthly=True) == 2500


@pytest.mark.parametrize("text, value", [("三口人", 3), ("就我一个人", 1), ("老两口", 2),
                                         ("我们一家四口", 4), ("三口人，我们老两口带孙子", 3), ("随便", None)])
def test_counts(text, value):
    assert answers.count(text) == value


@pytest.mark.parametrize("text, value", [("是", True), ("不是", False), ("没有", False), ("外地户口", False),
                                         ("嗯，是的", True), ("不知道啊", None)])
def test_yes_no(text, value):
    assert answers.yes_no(text) == value


def test_questions_that_cannot_change_the_result_are_skipped():
    th = rules.defaults()
    th["care_grades"] = {int(k): v for k, v in th["care_grades"].items()}
    h = Household(size=1, hukou=True, oldest=25, disability=0, income=0)
    # Below 低保: rigid costs cannot change anything; a 25-year-old alone has no 赡养 question.
    assert next_question(h, th, ["size", "hukou", "oldest", "disability", "income"]) == "assets_over"
    h.assets_over = False
    assert next_question(h, th, ["size", "hukou", "oldest", "disability", "income", "assets_over"]) is None


@pytest.mark.parametrize("text, value", [("户口在外地", False), ("是本地户口", True), ("老家的户口", False)])
def test_hukou_in_everyday_words(text, value):
    from eligibility.interview import read

    h = Household(size=1)
    assert read("hukou", text, h, {}) and h.hukou is value
