"""Through /api/chat: guide replies name the item in the catalogue's words, follow-ups keep
their item, the menu asked for inside a form parks it, home help booked like an application
is an order."""
from __future__ import annotations

import re

from handlers.guide import named
from knowledge import live
from tests.helpers import Chat


def test_every_guide_reply_names_the_item_in_the_catalogues_words(seeded, client):
    chat, checked = Chat(client), 0
    for code, guide in live.snapshot().guides.items():
        heading = f"【{guide['short_name']}·"
        reply = chat.say(f"{guide['name']}要什么材料")
        if heading not in reply:
            continue  # read as another item or asked back: not what this test is about
        # the short name is part of the catalogue's name, or the catalogue's name is shown
        assert guide["short_name"] in guide["name"] or guide["name"] in reply, code
        checked += guide["short_name"] not in guide["name"]
    assert checked >= 5
    assert live.guide("MZ22").name in named(live.guide("MZ22"))
    assert named(live.guide("MZ07")) == "高龄津贴"  # its short name is the catalogue's wording


def test_a_follow_up_naming_no_item_stays_with_the_item_in_context(seeded, client):
    chat = Chat(client)
    assert "【高龄津贴·" in chat.say("高龄津贴在哪儿领")
    reply = chat.say("要够多大岁数")
    assert reply.startswith("【高龄津贴·") and "80" in reply
    # a message that names another item still goes to it
    assert chat.say("那低保要什么材料").startswith("【低保·")


def test_a_follow_up_asked_of_the_bot_is_not_taken_for_the_item(seeded, client):
    chat = Chat(client, "居民乙")
    chat.say("孤儿基本生活费是什么")
    assert "孤儿" not in chat.say("你是真人还是机器人")


def test_the_menu_asked_for_in_a_form_parks_it(seeded, client):
    chat = Chat(client)
    assert "地址" in chat.say("想请人来修一下洗衣机")
    left = chat.say("返回主菜单")
    assert "退出" in left and "继续" in left and "查办事指南" in left
    assert "地址" in chat.say("继续")
    chat = Chat(client, "居民丙")
    chat.say("我想申请临时救助")
    assert "退出【临时救助】" in chat.say("回首页")
    assert "（1/" in chat.say("继续")


def test_help_at_home_booked_like_an_application_is_an_order(seeded, client):
    chat = Chat(client)
    first = chat.say("想约个人明天上午来打扫，地址是滨江路6号")
    assert "助洁" in first and "您想办理哪一项" not in first
    assert "电话" in first
    assert "滨江路6号" in chat.say("13700005555")
    assert re.search(r"DD\d{8}-\d{4}", chat.say("好额，确认"))


def test_a_traffic_fine_beside_an_item_names_the_traffic_police(seeded, client):
    reply = Chat(client).say("交通罚款去哪交？另外殡葬补贴怎么领")
    assert "殡葬" in reply and "交警" in reply
