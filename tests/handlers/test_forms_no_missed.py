"""Answers typed into a form step are the form's business, not missed questions."""
from conversations.models import MissedQuestion
from core.extensions import db
from tests.helpers import Chat, flush_log, gen_id, mistype, years_ago


def _missed() -> list[str]:
    flush_log()
    return [m.text for m in db.session.scalars(db.select(MissedQuestion))]


def test_one_full_application_in_chat_adds_no_missed_question(seeded, client):
    chat = Chat(client)
    good = gen_id(years_ago(85))
    for said in ("我要申请高龄津贴", "张三", mistype(good), good, "13812345678", "1",
                 "幸福路12号3栋201室", "好的没问题", "确认"):
        chat.say(said)
    assert _missed() == []


def test_a_question_the_form_cannot_read_is_still_missed(seeded, client):
    chat = Chat(client)
    chat.say("我要申请高龄津贴")
    chat.say("张三")
    # Not an ID number and not understood either: the bot failed a real question.
    chat.say("这个钱每个月多少呢？")
    assert _missed() == ["这个钱每个月多少呢？"]
