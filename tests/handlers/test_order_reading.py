"""Reading an order from residents' own sentences: details, yes at the summary, changes."""
from __future__ import annotations

import pytest

from handlers import order_reading as said

COMMUNITIES = ["幸福社区", "和平社区", "光明社区", "新华社区"]


@pytest.mark.parametrize("text, expected", [
    # voice text without punctuation: every span still found
    ("明天上午来给我爸理发 光明社区3栋 电话13912345678",
     {"preferred_time": "明天上午", "address": "光明社区3栋", "phone": "13912345678"}),
    ("后天下午给我妈助浴和平社区2栋101电话幺三八零零幺三八零零零",
     {"preferred_time": "后天下午", "address": "和平社区2栋101", "phone": "13800138000"}),
    # traditional characters are read (and kept) simplified
    ("家裡燈泡壞了，想請師傅上門維修，地址光明社區3棟502", {"address": "光明社区3栋502"}),
    # a community the bureau does not list: a place word with its numbers
    ("阳光小区12栋3单元402，这礼拜六上午", {"address": "阳光小区12栋3单元402", "preferred_time": "这礼拜六上午"}),
    ("能不能每天中午送个饭，地址是人民路88号", {"address": "人民路88号", "preferred_time": "每天中午"}),
    ("下午三点以后", {"preferred_time": "下午三点以后"}),
    ("越快越好", {"preferred_time": "越快越好"}),
    # a door number is not a date, a need is not an address
    ("幸福路12号3栋201", {"address": "幸福路12号3栋201"}),
    ("家里老人需要有人上门打扫卫生", {}),
])
def test_details_in_one_sentence(text, expected):
    assert said.details(text, COMMUNITIES) == expected


def test_the_need_is_what_is_left():
    text = "明天上午来给我爸理发 光明社区3栋 电话13912345678"
    assert said.need_in(text, said.details(text, COMMUNITIES)) == "来给我爸理发"


@pytest.mark.parametrize("text", ["确认", "中", "中嘞", "好嘞", "行", "对的", "没问题", "確認", "對",
                                  "是的", "对对对就这样提交吧", "嗯呐", "确认无误", "OK"])
def test_yes_in_any_dialect_or_script(text):
    assert said.affirmed(text)


@pytest.mark.parametrize("text", ["中不中", "不行", "不对", "确认一下地址", "不是", "好像不对"])
def test_not_yes(text):
    assert not said.affirmed(text)


@pytest.mark.parametrize("text, field, values", [
    ("不对，时间改成后天下午", "preferred_time", {"preferred_time": "后天下午"}),
    ("不是明天，是周五上午", None, {"preferred_time": "周五上午"}),
    ("地址不是这个，是幸福社区8栋502", "address", {"address": "幸福社区8栋502"}),
    ("住址搞错了，俺家是光明社区9栋101", "address", {"address": "光明社区9栋101"}),
    ("改一下电话 13900001111", "phone", {"phone": "13900001111"}),
    ("电话不对", "phone", {}),
])
def test_changes_at_the_summary(text, field, values):
    assert said.wrong_field(text, COMMUNITIES) == (field, values)


def test_no_change_without_a_cue():
    assert said.wrong_field("确认", COMMUNITIES) is None


def test_an_order_given_unasked_reads_the_community_list_only_when_it_may_be_one(app, monkeypatch):
    from handlers import order
    from orders import categories

    read = []
    monkeypatch.setattr(order, "communities", lambda: read.append(1) or COMMUNITIES)
    # No kind of help named, no answer about home services before: no order, no list read.
    assert order.reads_as_order("幸福社区3栋201 电话13912345678", {}) is None
    assert read == []
    # After an answer about home services the details alone make an order.
    assert order.reads_as_order("幸福社区3栋201 电话13912345678",
                                {"service": categories.guide_item()}) == ""
    assert order.reads_as_order("给我妈助浴 幸福社区3栋201 电话13912345678", {}) == "bathing"
    assert order.reads_as_order("给我妈助浴 明天上午", {}) is None
    assert len(read) == 3
