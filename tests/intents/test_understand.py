from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.snapshot import read_catalog


def labels(understander, text, context=()):
    u = understander.understand(text, context=list(context))
    return u.intent, u.service, u.aspect, u.category


def test_colloquial_guide_questions(understander):
    assert labels(understander, "吃低保要准备些啥东西") == ("guide", "MZ01", "materials", None)
    assert labels(understander, "五保户每个月能领多少钱")[:2] == ("guide", "MZ02")
    assert labels(understander, "婚姻登记处几点上班")[1:3] == ("MZ17", "location")


def test_homophone_typos_are_repaired(understander):
    assert labels(understander, "底保怎么申请")[:3] == ("guide", "MZ01", "process")
    assert labels(understander, "高令津贴要什么材料")[:3] == ("guide", "MZ07", "materials")
    assert labels(understander, "结昏登记要带什么")[:2] == ("guide", "MZ17")


def test_typo_repair_leaves_function_words_alone(understander):
    # 不办了 sounds like 补办了 (replacing a lost certificate) but means "never mind".
    assert labels(understander, "不办了")[0] == "cancel"


def test_traditional_characters(understander):
    assert labels(understander, "領結婚證要錢嗎") == ("guide", "MZ17", "fee", None)


def test_follow_ups_inherit_from_context(understander):
    assert labels(understander, "那去哪里办", ["低保要什么材料"])[1:3] == ("MZ01", "location")
    assert labels(understander, "要带什么", ["高龄津贴多少钱"])[1:3] == ("MZ07", "materials")
    # The service switches, the aspect carries over.
    assert labels(understander, "那特困呢", ["低保怎么申请"])[1:3] == ("MZ02", "process")


def test_acting_intents(understander):
    assert labels(understander, "我想给我妈申请适老化改造")[:2] == ("apply", "MZ10")
    assert labels(understander, "预约结婚登记")[:2] == ("apply", "MZ17")
    assert labels(understander, "我想当志愿者")[:2] == ("volunteer", "MZ29")
    assert labels(understander, "家里水管坏了老人自己修不了") == ("order", None, None, "repair")
    assert labels(understander, "我的申请到哪一步了")[0] == "status"
    assert labels(understander, "给昨天上门的师傅打个分")[0] == "rate"
    assert labels(understander, "转人工")[0] == "human"


def test_other_departments_are_referred_not_answered(understander):
    for text in ("社保卡丢了怎么补", "怎么办护照", "公积金怎么提取"):
        u = understander.understand(text)
        assert (u.intent, u.service) == ("out_of_scope", None), text
        assert u.referral and "12345" in u.referral["reply"]


def test_unknown_chitchat_is_out_of_scope_with_no_service(understander):
    u = understander.understand("明天天气怎么样")
    assert (u.intent, u.service) == ("out_of_scope", None)


def test_close_candidates_ask_back(understander):
    u = understander.understand("养老院")
    assert u.intent == "guide"
    assert {c["service"] for c in u.candidates} >= {"MZ11", "MZ12"} or u.service in ("MZ11", "MZ12")


def test_every_catalogue_item_is_reachable_by_its_name(understander):
    for code, item in read_catalog()["items"].items():
        u = understander.understand(item["name"] + "要什么材料")
        assert u.service == code, (code, item["name"], u.service)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_understanding_never_raises(understander, text):
    u = understander.understand(text, context=[text[:20]])
    # What the batch command writes is in the contract's ten intents, whatever the bot does inside.
    assert u.labels()["intent"] in CONTRACT_INTENTS
    assert 0.0 <= u.confidence <= 1.0


CONTRACT_INTENTS = {"guide", "apply", "volunteer", "order", "rate", "status", "human",
                    "greeting", "cancel", "out_of_scope"}


def test_the_benefits_finder_is_labelled_as_a_policy_question(understander):
    u = understander.understand("政策找人")
    assert u.intent == "find_benefits"  # the bot starts its interview
    assert u.labels()["intent"] == "guide" and u.labels()["service"] is None
    assert u.labels()["aspect"] == "overview"


def candidates_of(understander, text):
    u = understander.understand(text)
    return u.intent, [c["service"] for c in u.candidates], u.action


def test_benefit_question_about_a_group_offers_its_items(understander):
    intent, codes, action = candidates_of(understander, "老人有什么补贴")
    assert intent == "guide" and action == "ask"  # the handler asks back with the choices
    assert set(codes) <= {"MZ07", "MZ08", "MZ09", "MZ10", "MZ12"} and "MZ07" in codes
    intent, codes, _ = candidates_of(understander, "孩子没人管有补助吗")
    assert intent == "guide" and {"MZ14", "MZ15", "MZ16"} == set(codes)
    # The guides' text orders the choices: medical bills point at 支出型贫困 first.
    assert labels(understander, "看病花了很多钱家里揭不开锅了有什么救助")[1] == "MZ05"


def test_asking_whether_help_exists_is_not_an_order(understander):
    assert labels(understander, "孩子放学没人管有补助吗")[0] == "guide"
    assert labels(understander, "孩子放学没人管，能派人辅导一下吗")[::3] == ("order", "child_care")


def test_referral_that_names_our_item_is_answered_here(understander):
    # 残联 issues the certificate, but its own referral text says the allowances are ours.
    text = "家里有个瘫在床上的闺女，已经办了一级残疾证，国家有啥补贴没"
    assert labels(understander, text)[:2] == ("guide", "MZ13")
    assert understander.understand("残疾证怎么办").referral["department"] == "残疾人联合会"
    assert understander.understand("老人医保报销有补助吗").intent == "out_of_scope"
