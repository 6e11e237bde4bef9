"""Every validator: accepted forms, rejected forms and the explanation given."""
from datetime import date, timedelta

import pytest

from core import calendar
from forms import validators as v
from tests.helpers import gen_id, mistype, years_ago


def test_name_accepts_chinese_and_minority_separator():
    assert v.chinese_name(" 张三 ") == "张三"
    assert v.chinese_name("买买提·吐尔逊") == "买买提·吐尔逊"


@pytest.mark.parametrize("text, hint", [("张3", "数字"), ("Tom", "汉字"), ("张", "汉字")])
def test_name_rejects(text, hint):
    with pytest.raises(v.Invalid, match=hint):
        v.chinese_name(text)


def test_mobile():
    assert v.mobile("138 1234 5678") == "13812345678"
    assert v.mobile("+8613812345678") == "13812345678"
    assert v.mobile("１３８１２３４５６７８") == "13812345678"  # full-width keyboard
    with pytest.raises(v.Invalid, match="11 位"):
        v.mobile("1381234567")
    with pytest.raises(v.Invalid):
        v.mobile("12812345678")


def test_resident_id_check_digit_and_derived_facts():
    good = gen_id("19410315", "123")
    assert v.resident_id(good.lower()) == good
    info = v.id_info(good, on=date(2026, 11, 23))
    assert info.birth == date(1941, 3, 15) and info.age == 85 and info.sex == "男"
    assert v.id_info(gen_id("19900101", "124")).sex == "女"
    # The standard's own example: 11010519491231002X.
    assert v.resident_id("11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize("bad, hint", [
    ("3201021941031512", "18 位"), ("32010219410315123A", "最后一位"),
    ("920102194103151231", "地区码"), (gen_id("19411315")[:17] + "0", "出生日期"),
])
def test_resident_id_rejects(bad, hint):
    with pytest.raises(v.Invalid, match=hint):
        v.resident_id(bad)


def test_resident_id_mistyped_digit_fails_the_check():
    with pytest.raises(v.Invalid, match="校验"):
        v.resident_id(mistype(gen_id("19410315")))


def test_resident_id_rejects_future_birth():
    future = (calendar.today() + timedelta(days=30)).strftime("%Y%m%d")
    with pytest.raises(v.Invalid, match="出生日期"):
        v.resident_id(gen_id(future))


def test_age_counts_the_birthday():
    assert v.id_info(gen_id(years_ago(80))).age == 80
    assert v.id_info(gen_id(years_ago(80) + timedelta(days=1))).age == 79


def test_address():
    assert v.address("幸福路12号3栋201室") == "幸福路12号3栋201室"
    with pytest.raises(v.Invalid, match="太短"):
        v.address("幸福")
    with pytest.raises(v.Invalid, match="路名"):
        v.address("我家在那边的那个")


def test_choice_and_choices():
    options = ["幸福社区", "和平社区", "光明社区"]
    assert v.choice("2", options) == "和平社区"
    assert v.choice("光明", options) == "光明社区"
    with pytest.raises(v.Invalid):
        v.choice("4", options)
    assert v.choices("1、3", options) == ["幸福社区", "光明社区"]
    assert v.choices("13", options) == ["幸福社区", "光明社区"]
    assert v.choices("和平，幸福", options) == ["和平社区", "幸福社区"]


def test_dates():
    today = calendar.today()
    assert v.parse_day("明天") == today + timedelta(days=1)
    assert v.parse_day("2030-01-05") == date(2030, 1, 5)
    assert v.parse_day(f"{today.month}月{today.day}日") == today
    assert v.parse_day("下周一").weekday() == 0
    assert v.parse_day("2月30日") is None
    open_days = [(today + timedelta(days=2)).isoformat()]
    assert v.day("1", open_days) == open_days[0]
    with pytest.raises(v.Invalid, match="不能预约"):
        v.day("明天", open_days)
    with pytest.raises(v.Invalid, match="没看懂"):
        v.day("过几天", open_days)


def test_times():
    options = ["09:00", "10:00", "14:00"]
    assert v.clock("1", options) == "09:00"
    assert v.clock("上午9点", options) == "09:00"
    assert v.clock("下午2点", options) == "14:00"
    assert v.clock("14:00", options) == "14:00"
    with pytest.raises(v.Invalid, match="没有可约"):
        v.clock("11点", options)
    with pytest.raises(v.Invalid, match="没看懂"):
        v.clock("中饭后", options)


def test_other_kinds():
    assert v.whole_number("3人") == 3
    assert v.yes_no("是的") == "是" and v.yes_no("不能") == "否"
    with pytest.raises(v.Invalid):
        v.free_text("a")
