"""Another department's object in a resident's message: the reply names that department
(intents/data/other_objects.yaml), and a thank-you or a beating reads as it should."""
from __future__ import annotations

from tests.helpers import Chat


def test_an_object_of_another_department_is_referred_by_name(seeded, client):
    reply = Chat(client).say("厂里退休的老职工走了，单位那份抚恤金该找谁")
    assert "人社" in reply or "人力资源和社会保障" in reply
    assert "惠民殡葬补贴" not in reply


def test_a_department_with_no_referral_entry_gets_the_files_reply(seeded, client):
    reply = Chat(client).say("信用报告去哪里打印")
    assert "征信中心" in reply


def test_thanks_said_strongly_is_not_a_missed_question(seeded, client):
    reply = Chat(client).say("真是太谢谢你们了")
    assert "还没学会" not in reply


def test_a_child_beaten_gets_the_police_number_first(seeded, client):
    reply = Chat(client).say("隔壁的小孩又被他爸打得身上全是伤")
    assert "110" in reply.splitlines()[0]
