"""政策找人 through /api/chat, answered as people answer: out of order, several facts at once, or not at all."""
from tests.helpers import Chat

START = "我家能享受哪些政策"
AGE_QUESTION, INCOME_QUESTION, CARE_QUESTION = "多大岁数", "收入大概多少", "生活能自理吗"
FAMILY_AGE_QUESTION, DISABILITY_QUESTION, SAVINGS_QUESTION = "60岁以上的老人吗", "残疾证吗", "存款、理财"


def _chat(client, user: str, answers: list[str]) -> tuple[Chat, list[str]]:
    chat = Chat(client, user=user)
    return chat, [chat.say(a) for a in [START, *answers]]


def test_an_age_given_for_the_hukou_question_is_kept_and_not_asked_again(seeded, client):
    chat, replies = _chat(client, "居民-先说年龄", ["一个人"])
    reply = chat.say("82了")
    assert "记下了：82岁" in reply and "本市户口吗" in reply and "没太明白" not in reply
    rest = [chat.say(a) for a in ["是", "没有", "一个月一千二", "没有", "没有", "能自理"]]
    assert not any(AGE_QUESTION in r for r in rest)
    assert "80—89岁档每月约100元" in rest[-1]


def test_self_care_said_for_the_savings_question_is_kept(seeded, client):
    chat, replies = _chat(client, "居民-先说自理", ["就我一个人", "是", "八十二", "没有", "一个月养老金一千二", "没有"])
    assert SAVINGS_QUESTION in replies[-1]
    reply = chat.say("能自己吃饭穿衣")
    assert "记下了：生活能自理" in reply and SAVINGS_QUESTION in reply
    final = chat.say("没有")  # the self-care question is not asked: the result comes
    assert CARE_QUESTION not in final
    rest = [final]
    assert "可能符合，以审核为准" in rest[-1] and "独居老人，每月约200元服务额度" in rest[-1]


def test_no_certificate_said_for_the_age_question_answers_disability(seeded, client):
    chat, replies = _chat(client, "居民-先说残疾", ["三口人", "是"])
    assert FAMILY_AGE_QUESTION in replies[-1]
    reply = chat.say("没有残疾证")
    assert "记下了：没有残疾证" in reply and FAMILY_AGE_QUESTION in reply
    rest = [chat.say(a) for a in ["没有", "没有"]]
    assert not any(DISABILITY_QUESTION in r for r in rest)


def test_income_said_for_the_disability_question_is_kept(seeded, client):
    chat, replies = _chat(client, "居民-先说收入", ["一个人", "是", "七十"])
    assert DISABILITY_QUESTION in replies[-1]
    reply = chat.say("每月1200")
    assert "记下了：每月收入约1200元" in reply and DISABILITY_QUESTION in reply
    assert INCOME_QUESTION not in chat.say("没有")


def test_several_facts_in_one_message_fill_several_questions(seeded, client):
    chat, replies = _chat(client, "居民-一口气", ["我82了，一个人住，每月一千二"])
    assert "记下了：82岁、每月收入约1200元" in replies[-1] and "本市户口吗" in replies[-1]
    rest = [chat.say(a) for a in ["是", "没有", "没有", "没有", "自己能照顾自己"]]
    assert not any(AGE_QUESTION in r or INCOME_QUESTION in r for r in rest)
    final = rest[-1]
    for phrase in ["高龄津贴", "80—89岁档每月约100元", "低收入家庭认定", "独居老人，每月约200元服务额度",
                   "月人均收入1200元，不低于低保标准1000元"]:
        assert phrase in final, (phrase, final)
    assert len(rest) + 1 < 8  # fewer questions than answering one at a time


def test_ambiguous_answers_fill_only_the_question_asked(seeded, client):
    # A bare number could be an age or an income: not stored, asked again.
    chat, replies = _chat(client, "居民-含糊", ["一个人"])
    assert "没太明白" in chat.say("82")
    # A clause two open questions could take (看病 and 每月) is stored for neither.
    assert "没太明白" in chat.say("看病每月一千")
    # A bare 没有 answers the question asked only: 不是本市户口, and the age is still asked.
    reply = chat.say("没有")
    assert AGE_QUESTION in reply and "记下了" not in reply
    assert "记下了" not in chat.say("七十") and INCOME_QUESTION in chat.say("没有")


def test_two_misses_on_a_closed_question_show_numbered_options(seeded, client):
    chat, replies = _chat(client, "居民-两次", ["一个人"])
    first = chat.say("嗯嗯嗯")
    assert "没太明白" in first and "1. 是" not in first
    second = chat.say("随便吧")
    assert "没太明白" in second and "1. 是" in second and "2. 不是" in second
    assert "回复“退出”结束，或“转人工”找工作人员" in second
    assert AGE_QUESTION in chat.say("1")


def test_a_bare_no_to_self_care_shows_the_levels_at_once(seeded, client):
    chat, replies = _chat(client, "居民-自理没有",
                          ["就我一个人", "是", "八十二", "没有", "一个月养老金一千二", "没有", "没有"])
    assert CARE_QUESTION in replies[-1]
    reply = chat.say("没有")
    assert "没太明白" not in reply and "1. 能自理" in reply and "3. 卧床或离不开人（失能）" in reply
    assert "转人工" in reply
    final = chat.say("3")
    assert "可能符合，以审核为准" in final and "失能老人，每月约800元服务额度" in final
