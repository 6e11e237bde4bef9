"""政策找人 through /api/chat: the issue's five households, each in under ten questions."""
import pytest

from applications.models import Application
from core.extensions import db
from eligibility.models import ReferralCount
from tests.helpers import Chat

LIMIT = 300


def _interview(chat: Chat, start: str, answers: list[str]) -> list[str]:
    """Run the interview; return the replies, checking each question is short."""
    replies = [chat.say(start)]
    for answer in answers:
        replies.append(chat.say(answer))
    return replies


def _short(client, chat: Chat, text: str) -> list[str]:
    response = client.post("/api/chat", json={"user": chat.user, "text": text})
    return response.get_json()["replies"]


HOUSEHOLDS = {
    "widow_82_alone": (
        "我家能享受哪些政策",
        ["就我一个人", "是", "八十二", "没有", "一个月养老金一千二", "没有", "没有"],
        ["高龄津贴", "80—89岁档每月约100元", "低收入家庭认定", "经济困难老年人养老服务补贴", "居家养老服务"],
        ["低保、支出型贫困家庭救助、特困人员救助供养：月人均收入1200元，不低于低保标准1000元"]),
    "child_grade_2": (
        "我能领什么补贴",
        ["三口人", "是的", "没有", "有", "1", "孩子二级", "一个月六千", "孩子康复一年一万二"],
        ["残疾人两项补贴", "二级残疾，护理补贴每月约120元", "困境儿童保障"],
        ["2000元 − 刚性支出12000元÷12÷3人（333.33元）= 1666.67元，不低于低保标准1000元"]),
    "medical_40000": (
        "我家能享受哪些政策",
        ["三口", "是", "没有", "没有", "没有", "一个月五千四", "看病自己掏了四万", "没超过"],
        ["支出型贫困家庭救助", "1800元 − 刚性支出40000元÷12÷3人（1111.11元）= 688.89元，低于低保标准1000元",
         "临时救助"],
        ["不低于1500元（低保标准1000元×1.5）"]),
    "orphan_grandparents": (
        "我家能享受哪些政策",
        ["三口人，我们老两口带孙子", "是", "七十二", "有", "他爸妈都去世了", "没有", "两千", "没有"],
        ["孤儿基本生活费", "每月约1500元", "低保"],
        ["72岁，年满80周岁后可以申请"]),
    "young_single_unemployed": (
        "我能领什么补贴",
        ["一个人", "是", "二十五", "没有", "没有收入", "没有"],
        ["低保", "低于低保标准1000元", "就业帮扶"],
        []),
}


@pytest.mark.parametrize("name", list(HOUSEHOLDS))
def test_five_households_get_their_list_in_under_ten_questions(seeded, client, name):
    start, answers, expected, ruled_out = HOUSEHOLDS[name]
    chat = Chat(client, user=f"居民-{name}")
    replies = [chat.say(start)] + [chat.say(a) for a in answers[:-1]]
    assert len(answers) < 10
    for question in replies:  # each a question, short and plain
        assert len(question) < LIMIT and "以审核为准" not in question
    final = _short(client, chat, answers[-1])
    assert all(len(message) <= LIMIT for message in final), final
    text = "\n".join(final)
    assert "可能符合，以审核为准" in text
    for phrase in expected + ruled_out:
        assert phrase in text, (phrase, text)
    assert "回复1在这里预申请" in text


def test_start_from_menu_and_apply_prefilled_from_the_interview(seeded, client):
    chat = Chat(client, user="居民-医疗")
    response = client.post("/api/chat", json={"user": chat.user, "event": "click", "key": "BENEFITS"})
    assert "几口人" in "\n".join(response.get_json()["replies"])
    for answer in ["三口", "是", "没有", "没有", "没有", "一个月五千四", "看病自己掏了四万"]:
        chat.say(answer)
    assert "支出型贫困家庭救助" in chat.say("没超过")
    reply = chat.say("1")
    assert "支出型贫困家庭救助" in reply and "（1/7）" in reply
    chat.say("李四")
    from tests.helpers import gen_id, years_ago
    chat.say(gen_id(years_ago(40)))
    chat.say("13812345678")
    chat.say("1")
    summary = chat.say("幸福路12号3栋201室")
    # Household size and the situation came from the interview: the form went straight to its summary.
    assert "家庭人口：3" in summary and "月收入约5400元" in summary and "刚性支出约40000元" in summary
    assert "确认" in summary
    chat.say("确认")
    app = db.session.scalar(db.select(Application))
    assert app is not None and app.service == "MZ05"


def test_counts_are_per_item_per_day_without_resident(seeded, client):
    for user in ("甲", "乙"):
        chat = Chat(client, user=user)
        _interview(chat, "我家能享受哪些政策", ["一个人", "是", "二十五", "没有", "没有收入", "没有"])
    rows = db.session.scalars(db.select(ReferralCount)).all()
    assert [(r.item, r.likely, r.possible) for r in rows] == [("MZ01", 2, 0)]
    assert set(ReferralCount.__table__.columns.keys()) == {"day", "item", "likely", "possible"}


def test_unclear_answer_asks_again_and_aside_question_resumes(seeded, client):
    chat = Chat(client, user="居民-乱答")
    chat.say("我家能享受哪些政策")
    assert "没太明白" in chat.say("嗯嗯嗯") and "几口人" in chat.say("随便")
    assert "几口人" in chat.say("不清楚")  # every rule needs the size: asked again, not skipped
    assert "有本市户口吗" in chat.say("我们一家四口")
    reply = chat.say("低保要什么材料？")
    assert "材料" in reply and "我们接着看能享受哪些政策" in reply and "户口" in reply
    assert "已经取消" in chat.say("退出")
    assert "户口" not in chat.say("是")  # the interview is closed


def test_not_knowing_an_answer_moves_on_and_says_what_is_left(seeded, client):
    chat = Chat(client, user="居民-不清楚")
    for answer in ["我家能享受哪些政策", "一个人", "是", "三十", "没有", "八百"]:
        chat.say(answer)
    reply = chat.say("不清楚")
    assert "低保" in reply and "还要看存款等财产" in reply and "以审核为准" in reply
