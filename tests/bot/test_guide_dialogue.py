"""Residents asking about service items, end to end through the engine."""
from conversations.models import MessageLog, MissedQuestion
from core.extensions import db
from knowledge.models import Guide
from tests.helpers import flush_log


def say(client, text, user="居民甲"):
    response = client.post("/api/chat", json={"user": user, "text": text})
    assert response.status_code == 200
    return "\n".join(response.get_json()["replies"])


def test_asked_aspect_comes_first_with_numbered_follow_ups(seeded, client):
    reply = say(client, "低保要准备哪些材料")
    guide = db.session.get(Guide, "MZ01")
    assert reply.startswith("【低保·所需材料】")
    assert guide.materials.splitlines()[0] in reply
    assert "回复数字继续了解" in reply and "1. " in reply


def test_number_picks_a_follow_up(seeded, client):
    first = say(client, "高龄津贴多少岁可以领")
    assert first.startswith("【高龄津贴·申请条件】")
    line = next(s for s in first.splitlines() if s.endswith("所需材料"))
    assert say(client, line.split(".")[0]).startswith("【高龄津贴·所需材料】")


def test_follow_up_keeps_the_item(seeded, client):
    say(client, "低保要什么材料")
    assert say(client, "那去哪里办").startswith("【低保·办理地点和时间】")
    assert say(client, "那特困呢").startswith("【特困")


def test_staff_edit_is_answered_at_once(seeded, client):
    guide = db.session.get(Guide, "MZ07")
    guide.fee = "不收费。（测试改动）"
    db.session.commit()
    assert "测试改动" in say(client, "高龄津贴收费吗")


def test_other_department_is_named(seeded, client):
    reply = say(client, "社保卡丢了怎么补")
    assert "人社" in reply or "人力资源" in reply
    assert "12345" in reply


def test_unanswerable_question_is_logged_for_review(seeded, client):
    reply = say(client, "呃那个东西咋整来着")
    assert "没学会" in reply or "哪项业务" in reply
    flush_log()
    assert db.session.scalar(db.select(db.func.count()).select_from(MissedQuestion)) == 1
    row = db.session.scalars(db.select(MessageLog)).one()
    assert row.outcome in ("missed", "clarified")


def test_question_without_item_asks_which(seeded, client):
    reply = say(client, "要带什么")
    assert "哪项业务" in reply
    assert say(client, "低保").startswith("【低保·所需材料】")


def test_reply_fits_wechat_limit(seeded, client):
    for text in ("低保", "临时救助的政策依据", "结婚登记流程"):
        assert len(say(client, text).encode()) <= 2048
