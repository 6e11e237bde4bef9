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


def test_a_kind_of_person_asked_after_an_item_stays_on_that_item(understander):
    # The words before 的 describe who is asking (their situation), not another item.
    assert labels(understander, "离异带孩子的也行吗", ["收养登记要什么材料"])[:3] == ("guide", "MZ21", "conditions")
    assert labels(understander, "离婚了带孩子的也行吗", ["低保怎么申请"])[:3] == ("guide", "MZ01", "conditions")
    assert labels(understander, "外地户口的能领吗", ["高龄津贴领多少"])[:3] == ("guide", "MZ07", "conditions")
    # An item named as the subject is still a new question.
    assert labels(understander, "那低保也能申请吗", ["特困供养怎么申请"])[1] == "MZ01"


def test_a_situation_asked_without_de_or_beside_another_office_stays_on_the_item(understander):
    # The may-I tail without 的, after a comma, or beside another department's topic
    # (the asker's situation, not a referral); a word shared by items keeps the conversation's.
    adoption = ["收养登记要什么材料"]
    assert labels(understander, "我离婚了带着娃，也可以吗", adoption)[:3] == ("guide", "MZ21", "conditions")
    assert labels(understander, "有养老金的也能申请不", ["低保怎么申请"])[:3] == ("guide", "MZ01", "conditions")
    assert labels(understander, "户口刚迁来行不行", ["高龄津贴领多少"])[:3] == ("guide", "MZ07", "conditions")
    assert labels(understander, "失能的能优先吗", ["公办养老院怎么住进去"])[:2] == ("guide", "MZ12")


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


def test_cancels_that_stop_abandon_or_call_off_an_order(understander):
    for text in ("别再问了", "不想弄了", "那个理发的不用来了", "帮我把那个维修的预约撤了", "单子不要了"):
        assert labels(understander, text)[0] == "cancel", text
    # A question about a benefit that was stopped is no cancel.
    assert labels(understander, "低保被取消了怎么办")[0] == "guide"


def test_ratings_and_news_of_an_application(understander):
    assert labels(understander, "我来评一下昨天的保洁")[0] == "rate"
    assert labels(understander, "我那个申请有信儿没")[0] == "status"


def test_a_complaint_about_another_departments_matter_is_referred(understander):
    u = understander.understand("物业不给修电梯 我要投诉")
    assert (u.intent, u.service) == ("out_of_scope", None) and u.referral
    assert labels(understander, "我要投诉你们的工作人员")[0] == "human"
    # Politeness to staff is not a request to be called.
    assert labels(understander, "工作人员您好 打扰一下 低保的咨询电话是多少")[:3] == \
        ("guide", "MZ01", "contact")


def test_another_departments_matter_is_an_order_only_when_help_is_asked(understander):
    assert labels(understander, "网断了找谁修")[0] == "out_of_scope"
    assert labels(understander, "帮我妈代缴一下燃气费") == ("order", None, None, "shopping")


def test_requests_whose_aspect_words_are_their_own(understander):
    # Words stated before a plain request say what is done, not what is asked.
    assert labels(understander, "结婚证材料我都备齐了 帮我约个周三")[:2] == ("apply", "MZ17")
    # Whether it can be done here and now is the request itself.
    assert labels(understander, "我想给我爸办高龄津贴，在这上面能直接申请吗")[:2] == ("apply", "MZ07")
    # Asking, not requesting.
    assert labels(understander, "我是残疾人，想问两项补贴能不能申请")[:3] == ("guide", "MZ13", "conditions")
    assert labels(understander, "离婚登记咋在手机上预约")[:3] == ("guide", "MZ18", "process")


def test_how_registration_works_is_the_guide_and_joining_is_registration(understander):
    assert labels(understander, "志愿者注册的流程是怎样的")[:3] == ("guide", "MZ29", "process")
    assert labels(understander, "我想当志愿者 帮我报个名")[:2] == ("volunteer", "MZ29")


def test_names_read_as_messages_are_and_with_a_de_inside(understander):
    # 八十岁 is read 80岁 in a message, and so in the item's words.
    assert labels(understander, "我爸八十岁了 那个八十岁的补助咋领")[:2] == ("guide", "MZ07")
    assert labels(understander, "公办的养老院怎么排队")[:3] == ("guide", "MZ12", "process")


def test_a_negated_mention_is_never_the_question(understander):
    u = understander.understand("不是问低保 是问公积金怎么取")
    assert (u.intent, u.service) == ("out_of_scope", None) and u.referral


def test_who_the_resident_is_gives_way_to_another_departments_matter(understander):
    # 低保户 says who the resident is; 住院报销 is what is asked, and it is the 医保's.
    u = understander.understand("我是低保户 住院报销能多报点吗")
    assert (u.intent, u.service) == ("out_of_scope", None) and u.referral
    assert labels(understander, "我家是低保户 老人走了火化费能减免吗")[1] == "MZ27"


def test_aspect_cue_classes(understander):
    cases = {
        "社团登记是先交材料还是先审核": "process",
        "低保要经过哪几步": "process",
        "高龄津贴和护理补贴能同时领吗": "conditions",
        "收养登记需要本人到场吗": "conditions",
        "孤儿生活费是去乡镇还是去区里": "location",
        "特困供养的材料交到哪": "location",
        "离婚登记收费不": "fee",
        "惠民殡葬补贴能全免吗": "standard",
        "困境儿童保障是哪一年出台的": "legal_basis",
        "社会团体登记管理条例在哪能查到": "legal_basis",
        "养老机构备案有专人负责吗": "contact",
        "低收入家庭认定了能享受些啥": "overview",
    }
    for text, aspect in cases.items():
        assert labels(understander, text)[2] == aspect, text
