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
    assert u.intent in {"guide", "apply", "volunteer", "order", "rate", "status", "human",
                        "greeting", "cancel", "out_of_scope"}
    assert 0.0 <= u.confidence <= 1.0
