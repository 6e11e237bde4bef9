"""Near misses both ways (oos26): another office's matter sharing a word with an item, and
our items asked in the resident's own words. Every sentence is written for this file; none is
from an evaluation set."""
import pytest

from intents import decision


def labels(understander, text):
    u = understander.understand(text)
    return u.intent, u.service


def department(understander, text):
    u = understander.understand(text)
    return u.intent, (u.referral or {}).get("department")


# -- another office's own benefit, asked "有什么补贴" ---------------------------------------
@pytest.mark.parametrize("text, office", [
    ("高校毕业生的就业补贴有哪些", "人力资源和社会保障局"),
    ("引进人才有啥补贴吗", "人力资源和社会保障局"),
    ("二孩的育儿补贴能领吗", "卫生健康委员会"),
    ("残疾人就业的补贴去哪领", "残疾人联合会"),
])
def test_another_offices_benefit_named_with_the_benefit_word_is_theirs(understander, text, office):
    assert department(understander, text) == ("out_of_scope", office)


def test_a_benefit_asked_of_an_objects_holders_stays_ours(understander):
    # 残疾证 does not hold the benefit word: the benefit asked is one for its holders.
    assert labels(understander, "拿了残疾证的人能领哪些补贴")[0] == "guide"


# -- another office's documents and records sharing a word with an item ------------------
@pytest.mark.parametrize("text", [
    "我爸走了以后户口要去注销吗",
    "在家里过世的死亡证明谁来开",
    "撞车以后事故责任谁来定",
    "机动车登记证书找不到了",
    "读高中的贫困生有补助吗",
    "大学毕业证掉了怎么办",
    "敬老卡过期了去哪续",
    "奶奶的存折密码忘了",
    "退伍老兵每个月的补助找谁",
    "我家孩子的残疾等级去哪鉴定",
    "聋了想配个助听器政府给吗",
    "小区门口撞车了对方全责",
    "今年种田补贴发了没有",
    "残疾证每年要年审吗",
    "房子的事我要去法院告他",
    "门诊的药费找医保报销",
])
def test_another_offices_document_is_not_our_item(understander, text):
    intent, service = labels(understander, text)
    assert intent == "out_of_scope" and service is None


def test_an_objects_gap_reaching_into_our_items_name_leaves_the_question_ours(understander):
    # 死亡证明…补 must not read the 补 of 殡葬补贴: the item named is what is asked.
    assert labels(understander, "死亡证明已经拿到了，惠民殡葬补贴去哪申请") == ("guide", "MZ27")


@pytest.mark.parametrize("text", ["网上买的东西是假货去哪投诉", "出租车司机乱收费我要投诉"])
def test_a_complaint_about_another_offices_object_is_referred_not_a_person(understander, text):
    assert understander.understand(text).intent == "out_of_scope"


# -- our items in the resident's own words --------------------------------------------------
@pytest.mark.parametrize("text, code", [
    ("俺娘今年88了有啥钱可以领不", "MZ07"),
    ("姥爷九十二岁了政府每月给补贴吗", "MZ07"),
    ("街边有个讨饭的老太太", "MZ06"),
    ("大冬天有人睡马路上", "MZ06"),
    ("想把家里弄得方便老人走动有补贴吗", "MZ10"),
    ("能不能查到他之前结过婚没有", "MZ20"),
    ("开个敬老院要去哪里备案", "MZ11"),
    ("政府办的养老院好进不", "MZ12"),
    ("协会年审的材料有哪些", "MZ24"),
    ("上个月失火家当都烧光了政府能帮点啥", "MZ03"),
    ("儿女上班白天没人照顾我妈社区能管吗", "MZ09"),
])
def test_an_item_in_the_residents_own_words_is_that_item(understander, text, code):
    assert labels(understander, text) == ("guide", code)


def test_a_stated_age_below_eighty_is_not_read_as_high_age(understander):
    from intents import cues
    assert cues.STATED_HIGH_AGE.search("我妈今年75岁了") is None
    assert cues.STATED_HIGH_AGE.search("血压180了") is None
    assert cues.STATED_HIGH_AGE.search("我爸83岁了") is not None


# -- an unread message asked back as a question about our items only when it is shaped so ---
@pytest.mark.parametrize("text, shaped", [
    ("老人那个每月的钱要带啥去办", True),        # an aspect asked, about people we serve
    ("有没有啥补助怎么申请", True),              # an aspect asked, about help
    ("小区车位归谁管", False),                    # no aspect asked about people or help
    ("附近的公园几点关门", False),
])
def test_only_an_item_shaped_question_is_asked_back_as_ours(understander, text, shaped):
    t = understander.prepared(text)[1]
    assert decision.item_question(understander, t) is shaped


def test_an_office_set_aside_before_our_item_leaves_the_question_ours(understander):
    assert labels(understander, "养老保险的事我改天去社保局问，先说说低保边缘户怎么认定")[0] == "guide"


def test_a_procedure_word_of_ours_after_an_object_is_the_objects_own():
    from intents import objects
    found = objects.find("残疾证怎么年审")
    assert found is not None
    assert objects.procedure_of(found, "年审", 5)
    assert not objects.procedure_of(found, "高龄津贴", 5)
