"""政策找人 through /api/chat: the issue's five households and two elders', each in under ten questions."""
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


CARE_QUESTION = "生活能自理吗"
# name: (opening, answers, expected in the result, ruled out in the result, asked about self-care)
HOUSEHOLDS = {
    "widow_82_alone": (
        "我家能享受哪些政策",
        ["就我一个人", "是", "八十二", "没有", "一个月养老金一千二", "没有", "没有", "自己能照顾自己"],
        ["高龄津贴", "80—89岁档每月约100元", "低收入家庭认定", "经济困难老年人养老服务补贴",
         "独居老人，每月约200元服务额度", "适老化改造", "每户最高约5000元", "居家养老服务"],
        ["低保、支出型贫困家庭救助、特困人员救助供养：月人均收入1200元，不低于低保标准1000元"], True),
    "child_grade_2": (
        "我能领什么补贴",
        ["三口人", "是的", "没有", "有", "1", "孩子二级", "一个月六千", "孩子康复一年一万二"],
        ["残疾人两项补贴", "二级残疾，护理补贴每月约120元", "困境儿童保障"],
        ["2000元 − 刚性支出12000元÷12÷3人（333.33元）= 1666.67元，不低于低保标准1000元"], False),
    "medical_40000": (
        "我家能享受哪些政策",
        ["三口", "是", "没有", "没有", "没有", "一个月五千四", "看病自己掏了四万", "没超过"],
        ["支出型贫困家庭救助", "1800元 − 刚性支出40000元÷12÷3人（1111.11元）= 688.89元，低于低保标准1000元",
         "临时救助"],
        ["不低于1500元（低保标准1000元×1.5）"], False),
    "orphan_grandparents": (
        "我家能享受哪些政策",
        ["三口人，我们老两口带孙子", "是", "七十二", "有", "他爸妈都去世了", "没有", "两千", "没有",
         "我们俩都能自理"],
        ["孤儿基本生活费", "每月约1500元", "低保"],
        ["72岁，年满80周岁后可以申请", "面向80岁以上、失能或有残疾证的老人"], True),
    "young_single_unemployed": (
        "我能领什么补贴",
        ["一个人", "是", "二十五", "没有", "没有收入", "没有"],
        ["低保", "低于低保标准1000元", "就业帮扶"],
        [], False),
    # An 80-year-old who is bedridden, in a 低收入 family: self-care said with her age, not asked again.
    "frail_80_low_income": (
        "我家能享受哪些政策",
        ["三口人", "是", "我妈八十了，卧床好几年了", "没有", "没有", "全家一个月四千", "看病一年花了一万", "没有"],
        ["低收入家庭认定", "高龄津贴", "低保或低收入家庭的失能老人，每月约800元服务额度", "适老化改造",
         "公办养老机构入住", "低保、低收入家庭优先轮候", "失能、半失能老人优先安排",
         "1333.33元 − 刚性支出10000元÷12÷3人（277.78元）= 1055.56元，不低于低保标准1000元"],
        ["低保：月人均收入1333.33元"], False),
    # A widower whose wife died last month, on 低保-level income, with a son: 惠民殡葬 and 低保.
    "widower_bereaved": (
        "我能领什么补贴",
        ["老伴上个月走了，现在就我一个人", "是", "六十八", "没有", "一个月九百", "没有", "有个儿子", "能自理"],
        ["低保", "惠民殡葬补贴", "最高约1500元", "火化后6个月内可以申请", "另可加免约1000元",
         "生态安葬另有奖补约1000元", "经济困难老年人养老服务补贴"],
        ["特困人员救助供养：有能履行赡养义务的子女等亲属", "适老化改造：面向80岁以上"], True),
}


@pytest.mark.parametrize("name", list(HOUSEHOLDS))
def test_households_get_their_list_in_under_ten_questions(seeded, client, name):
    start, answers, expected, ruled_out, asks_care = HOUSEHOLDS[name]
    chat = Chat(client, user=f"居民-{name}")
    replies = [chat.say(start)] + [chat.say(a) for a in answers[:-1]]
    assert len(answers) < 10
    for question in replies:  # each a question, short and plain
        assert len(question) < LIMIT and "以审核为准" not in question and "没太明白" not in question
    assert any(CARE_QUESTION in q for q in replies) is asks_care
    final = _short(client, chat, answers[-1])
    assert all(len(message) <= LIMIT for message in final), final
    text = "\n".join(final)
    assert "可能符合，以审核为准" in text
    for phrase in expected + ruled_out:
        assert phrase in text, (phrase, text)
    assert "回复1在这里预申请" in text
    assert db.session.scalar(db.select(db.func.count()).select_from(Application)) == 0


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


FRAIL = HOUSEHOLDS["frail_80_low_income"][1]


def _offered_number(text: str, name: str) -> str:
    line = next(line for line in text.splitlines() if f". {name}：" in line)
    return line.split(".")[0]


def _fill_elder(chat: Chat) -> str:
    from tests.helpers import gen_id, years_ago

    chat.say("王秀英")
    chat.say(gen_id(years_ago(80)))
    chat.say("13812345678")
    chat.say("1")
    return chat.say("幸福路12号3栋201室")


def test_nursing_home_application_takes_self_care_from_the_interview(seeded, client):
    chat = Chat(client, user="居民-失能")
    replies = [chat.say("我家能享受哪些政策")] + [chat.say(a) for a in FRAIL]
    assert "公办养老机构入住" in chat.say(_offered_number(replies[-1], "公办养老机构入住"))
    summary = _fill_elder(chat)  # the form's 能否自理 question is answered already
    assert "能否自理：不能自理" in summary and "确认" in summary


def test_adaptation_form_still_asks_what_to_change(seeded, client):
    chat = Chat(client, user="居民-改造")
    replies = [chat.say("我家能享受哪些政策")] + [chat.say(a) for a in FRAIL]
    assert "适老化改造" in chat.say(_offered_number(replies[-1], "适老化改造"))
    # The household's facts are not 改造需求: the form asks for it.
    assert "需要改造的地方" in _fill_elder(chat)


def test_a_death_mentioned_without_a_time_is_asked_about_next_and_only_then(seeded, client):
    chat = Chat(client, user="居民-丧偶")
    chat.say("我家能享受哪些政策")
    assert "请节哀" in chat.say("老伴走了，就剩我一个")
    assert "本市户口" in chat.say("三个月前")
    other = Chat(client, user="居民-未提")
    questions = [other.say(a) for a in ["我家能享受哪些政策", "一个人", "是", "七十", "没有", "九百", "没有", "没有"]]
    assert not any("请节哀" in q for q in questions)
    assert "惠民殡葬" not in other.say("能自理")


def test_a_death_said_when_asking_counts_too(seeded, client):
    chat = Chat(client, user="居民-开口")
    assert "几口人" in chat.say("我老伴上个月去世了，我能领什么补贴")
    replies = [chat.say(a) for a in ["就我一个", "是", "七十", "没有", "九百", "没有", "有个女儿", "能自理"]]
    assert not any("请节哀" in r for r in replies)
    assert "惠民殡葬补贴" in replies[-1] and "可能符合，以审核为准" in replies[-1]
