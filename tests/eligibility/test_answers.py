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


@pytest.mark.parametrize("text, level", [
    ("能自己吃饭穿衣", "self"), ("都能自理", "self"), ("自己能照顾自己", "self"), ("能", "self"),
    ("身体挺好的", "self"), ("能力完好", "self"), ("要人照顾", "partly"), ("有些要人帮", "partly"),
    ("还能自己走，就是洗澡要人帮", "partly"), ("不能自己洗澡", "partly"), ("半失能", "partly"),
    ("半自理", "partly"), ("有时候要人扶", "partly"), ("轻度失能", "mild"), ("评估是中度失能", "moderate"),
    ("卧床", "full"), ("卧床，离不开人", "full"), ("瘫在床上", "full"), ("不能自理", "full"), ("不能", "full"),
    ("失能了", "full"), ("重度失能", "full"), ("老年痴呆，不认人", "full"), ("随便", None),
])
def test_self_care_in_everyday_and_assessment_words(text, level):
    assert answers.care(text) == level


@pytest.mark.parametrize("text, months", [
    ("上个月", 1), ("三个月前", 3), ("两个多月了", 2), ("半年前", 6), ("半年多", 7), ("大半年了", 8),
    ("前几天", 0), ("刚走", 0), ("半个月前", 0), ("去年", 12), ("前年", 24), ("一年多", 13), ("两年前", 24),
    ("去年十月", 8), ("今年三月", 3), ("好多年了", 36), ("说不上来", None),
])
def test_how_long_ago(text, months):
    assert answers.months_ago(text, this_month=6) == months


def test_a_death_said_in_passing_is_heard_but_not_in_the_parents_answer():
    from eligibility.interview import read

    h = Household()
    assert read("size", "老伴上个月走了，现在就我一个人", h, {}) and h.size == 1
    assert h.loss is True and h.loss_months == 1
    h = Household(size=3, child=True)
    assert read("parents", "他爸妈都去世了", h, {}) and h.parents == "orphan" and h.loss is None


def test_self_care_said_with_the_age_is_taken():
    from eligibility.interview import read

    h = Household(size=3)
    assert read("oldest", "我妈八十了，卧床好几年了", h, {}) and h.oldest == 80 and h.care == "full"
    h = Household(size=3)
    assert read("oldest", "奶奶七十五", h, {}) and h.care is None


def test_self_care_and_a_death_are_asked_only_when_they_can_change_the_result(th):
    asked = ["size", "hukou", "oldest", "child", "disability", "income", "rigid", "assets_over"]
    family = dict(size=3, hukou=True, child=False, disability=0, income=3000, rigid=0, assets_over=False)
    assert next_question(Household(oldest=0, **family), th, asked) is None  # nobody 60+
    assert next_question(Household(oldest=72, **family), th, asked) == "care"
    assert next_question(Household(oldest=72, care="full", **family), th, asked) is None  # said with the age
    assert next_question(Household(oldest=0, loss=True, **family), th, asked) == "loss_months"
    assert next_question(Household(oldest=0, loss=True, loss_months=1, **family), th, asked) is None


@pytest.mark.parametrize("text, death", [
    ("老伴上个月走了，现在就我一个人", True), ("我爸前年去世了", True), ("老伴没了", True), ("老伴刚走", True),
    ("丈夫去年就不在了", True), ("儿子走了，去外地打工了", False), ("我妈工作没了", False),
    ("老伴走了，去女儿家住了", False), ("三口人", False),
])
def test_a_death_in_everyday_words(text, death):
    assert bool(answers.DEATH.search(text)) is death


@pytest.mark.parametrize("text", ["没有失能", "不卧床，能自己走", "不用人照顾"])
def test_self_care_said_as_a_negation(text):
    assert answers.care(text) == "self"
