"""A follow-up about the asker's situation stays on the conversation's item, through /api/chat."""
from tests.helpers import Chat


def test_situation_follow_up_after_two_questions_in_one_stays_on_their_item(seeded, client):
    chat = Chat(client)
    first = chat.say("收养登记要什么材料？在哪里办")
    assert "【收养·所需材料】" in first and "【收养·办理地点" in first
    assert chat.say("离异带孩子的也行吗").startswith("【收养·申请条件】")


def test_situation_follow_up_without_de_stays_on_the_item(seeded, client):
    chat = Chat(client, "居民乙")
    assert chat.say("收养登记要什么材料").startswith("【收养·所需材料】")
    assert chat.say("我离异带着孩子，也行吗").startswith("【收养·申请条件】")
    chat = Chat(client, "居民丙")
    assert chat.say("低保要准备什么").startswith("【低保·所需材料】")
    assert chat.say("有退休金的也能申请吗").startswith("【低保·申请条件】")
