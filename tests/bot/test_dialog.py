"""Mixed messages, menus on the screen, 转人工 answers and paged replies (issue 19)."""
from __future__ import annotations

from bot import menus, mixed
from core.extensions import db
from handoff.models import Ticket, TicketMessage
from tests.helpers import Chat


def test_mixed_message_answers_the_item_and_names_the_other_department(seeded, client):
    reply = Chat(client).say("低保怎么办，还有我社保断了咋整")
    assert "【低保·" in reply
    assert "人力资源和社会保障局" in reply and "12333" in reply


def test_an_in_scope_part_is_not_dropped_for_a_handoff(seeded, client):
    reply = Chat(client).say("临时救助怎么申请，另外我要投诉")
    assert "【临时救助·" in reply and "工单编号" in reply
    assert db.session.scalar(db.select(Ticket)).kind == "complaint"


def test_clauses_split_on_connectives_and_sentence_ends():
    assert mixed.clauses("低保怎么办，还有我社保断了咋整") == ["低保怎么办", "我社保断了咋整"]
    assert mixed.clauses("低保要什么材料？在哪办？") == ["低保要什么材料", "在哪办"]
    assert mixed.clauses("我妈80岁了，高龄津贴怎么领") == ["我妈80岁了，高龄津贴怎么领"]


def test_welcome_menu_number_does_what_the_item_says(seeded, client):
    chat = Chat(client)
    chat.say("菜单")
    reply = chat.say("3")
    assert "哪一类服务" in reply and "欢迎关注" not in reply


def test_follow_up_question_keeps_the_candidates(seeded, client):
    chat = Chat(client)
    assert "2. 养老服务补贴" in chat.say("老人有什么补贴")
    again = chat.say("那要带什么")
    assert "养老服务补贴·所需材料" in again
    assert "【养老服务补贴·所需材料】" in chat.say("2")


def test_knowledge_question_during_handoff_is_answered_and_on_the_ticket(seeded, client, app):
    app.config["JOBS_INLINE"] = True
    chat = Chat(client)
    chat.say("转人工")
    reply = chat.say("低保要什么材料")
    assert "【低保·所需材料】" in reply and "工单" in reply
    said = db.session.scalars(db.select(TicketMessage.text).filter_by(author="resident")).all()
    assert "低保要什么材料" in said


def test_long_reply_is_paged_and_the_pages_hold_everything(seeded, client):
    from knowledge import live

    chat = Chat(client)
    first = chat.say("收养需要什么条件")
    assert "回复1看更多" in first and len(first) <= menus.PAGE_CHARS + 40
    rest = chat.say("1")
    whole = first + rest
    for line in live.guide("MZ21").conditions.strip().splitlines():
        assert line.strip() in whole
    assert "回复数字继续了解" in rest


def test_long_answer_asked_mid_form_is_paged_by_words_and_the_form_keeps_its_numbers(seeded, client):
    from knowledge import live

    chat = Chat(client)
    chat.say("我要申请高龄津贴")
    first = chat.say("收养需要什么条件")
    answer, _, reminder = first.partition("回复“更多”看更多")
    assert answer and reminder.strip(), first  # the answer's first page, then the form's reminder
    assert len(answer) <= menus.PAGE_CHARS + 40
    rest = chat.say("更多")
    for line in live.guide("MZ21").conditions.strip().splitlines():
        assert line.strip() in answer + rest
    assert "高龄津贴" in chat.say("继续")


def test_split_pages_keeps_every_character_within_the_limit():
    text = "\n".join(f"{i}. " + "很长的一句话，" * 12 + "完。" for i in range(8))
    pages = menus.split_pages(text)
    assert len(pages) > 1 and all(len(p) <= menus.PAGE_CHARS for p in pages)
    assert "".join(p.replace("\n", "") for p in pages) == text.replace("\n", "")


def test_nearby_question_uses_the_last_location(seeded, client):
    chat = Chat(client)
    assert "发送您的位置" in chat.say("附近有没有办低保的地方")
    client.post("/api/chat", json={"user": "居民A", "location": {"lat": 31.26, "lng": 121.53,
                                                                 "label": "和平路"}})
    assert "和平街道便民服务中心" in chat.say("附近有没有办低保的地方")


def test_nearest_office_is_the_closest_by_distance():
    from knowledge import places

    place, km = places.nearest("MZ17", 31.19, 121.40)
    assert place["name"] == "光明区婚姻登记处" and km < 1.5
    assert all("lat" in p and "lng" in p for p in places.places_for(None))
