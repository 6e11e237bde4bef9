"""Readers for answers residents give in forms: a yes in dialect, numbers said in groups,
pinyin times, an address after a pause, menu words."""
from __future__ import annotations

import pytest

from bot.menus import leaves_for_menu
from handlers import form_reading as reading
from handlers import order_reading as said


@pytest.mark.parametrize("text", [
    "要得", "中嘞", "得嘞", "冇问题", "冇問題", "好嘅", "可以可以", "行行行", "没毛病", "好额", "係",
    "莫得问题", "对头", "妥了", "可以噻", "就这么整", "那就这样办吧", "照这个来",
    # a yes in clauses, with a courtesy or a dialect opening
    "好额，确认", "中 就这么整 确认", "没问题，谢谢", "好的，麻烦你们了，提交吧", "嗯，就按这个来"])
def test_a_natural_yes_in_dialects_is_a_confirmation(text):
    assert reading.affirmed(text)


@pytest.mark.parametrize("text", [
    "确认，但是地址改一下", "不确认", "确认吗", "好像不对", "改一下 确认", "等一下", "算了",
    "谢谢", "就这", "这个", "好的，时间改成明天上午", "先别提交"])
def test_a_change_a_denial_or_a_question_is_no_confirmation(text):
    assert not reading.affirmed(text)


@pytest.mark.parametrize("text, phone", [
    ("一五零，一二三四，九八七六", "15012349876"),
    ("电话是幺三七、零零零零、四四四四", "13700004444"),
    ("138-0000-1111", "13800001111"),
    ("一八六 二三四五 六七八九", "18623456789"),
    # an address's number before the phone is not a group of it
    ("和平里6栋102，13100001234", "13100001234"),
])
def test_a_number_said_in_groups_is_one_phone(text, phone):
    assert said.phone_in(text) == phone


def test_groups_that_make_no_phone_stay_as_said():
    assert said.phone_in("102，1310，000，1234") == ""
    assert reading.spoken_digits("两三天，一两个") == "两三天，一两个"


@pytest.mark.parametrize("text, expected", [
    ("mingtian shangwu 10dian, dianhua 13100001234",
     {"preferred_time": "明天上午10点", "phone": "13100001234"}),
    ("houtian xiawu liangdian", {"preferred_time": "后天下午两点"}),
    ("dizhi: 和平里小区6栋102", {"address": "和平里小区6栋102"}),
])
def test_order_details_typed_in_pinyin_are_read(text, expected):
    assert said.details(text, []) == expected


def test_pinyin_that_is_not_an_order_word_is_left_as_typed():
    # only whole runs of order and request words are read: no guessed characters in the need
    assert said.compact("xiu dianshiji") == "xiudianshiji"
    assert said.compact("laoren tui jiao bu hao") == "laorentuijiaobuhao"


def test_a_request_in_pinyin_made_of_request_words_is_read():
    # the request words are the pinyin reader's function words (想, 约, 上门, 理发)
    assert said.compact("xiang yue shangmen lifa") == "想约上门理发"


def test_a_pause_ends_the_need_before_the_address():
    assert said.details("送餐 幸福路6号 明天中午", [])["address"] == "幸福路6号"
    assert said.details("和平里 小区 6栋 102", [])["address"] == "和平里小区6栋102"


@pytest.mark.parametrize("text", ["返回主菜单", "回首页", "我要回到主菜单", "菜单", "回到开始", "返回菜单"])
def test_going_back_to_the_menu(text):
    assert leaves_for_menu(text)


@pytest.mark.parametrize("text", ["返回", "上一步", "主菜单里没有低保吗", "和平路菜市场旁边", "首页村3号"])
def test_not_going_back_to_the_menu(text):
    assert not leaves_for_menu(text)


@pytest.mark.parametrize("text, kind", [
    ("唔要喇", "end"), ("覅要了", "end"), ("我问问家里人再说", "pause"), ("跟老伴商量商量再定吧", "pause")])
def test_leaving_in_dialect_and_putting_off(text, kind):
    assert reading.leave_cue(text) == kind


@pytest.mark.parametrize("text", ["你再说一遍", "不要辣的", "我要", "不要钱吗"])
def test_not_leaving(text):
    assert reading.leave_cue(text) is None
