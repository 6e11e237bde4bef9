"""Classes of wording read since held-out set 4 became a development set (issue 15).

Every sentence here is written for this file; none is from an evaluation set.
"""
import pytest

from intents import danger, objects


def labels(understander, text, context=()):
    u = understander.understand(text, context=list(context))
    return u.intent, u.service, u.aspect, u.category


def department(understander, text):
    u = understander.understand(text)
    return u.intent, (u.referral or {}).get("department")


# -- another department's object that shares a word with an item -------------------------
@pytest.mark.parametrize("text, office", [
    ("老爷子是厂里退休的职工，人走了，丧葬费找哪个部门", "人力资源和社会保障局"),
    ("退休人员去世后的抚恤金怎么算", "人力资源和社会保障局"),
    ("个人信用报告在哪能打出来", "中国人民银行（征信中心）"),
    ("娃的出生医学证明写错了名字去哪改", "卫生健康委员会"),
    ("社区卫生服务中心周六上班吗", "卫生健康委员会"),
    ("我家是低保户，闺女读大专的学费能少交点吗", "教育局"),
    ("残疾人证到期了在哪换新的", "残疾人联合会"),
    ("八十多的老人每年体检要钱吗", "卫生健康委员会"),
    ("表弟结婚随礼一般随多少", "民间习俗（不属于政务事项）"),
])
def test_another_departments_object_is_referred_with_its_department(understander, text, office):
    assert department(understander, text) == ("out_of_scope", office)


@pytest.mark.parametrize("text, code", [
    ("申请高龄津贴还要先去体检吗", "MZ07"),                 # our item named beside the object
    ("两项补贴要带残疾人证原件吗", "MZ13"),                 # a document to bring for our item
    ("办了残疾证能领哪些补贴", "MZ13"),                     # a benefit asked of the holders
    ("我爸走了，惠民殡葬补贴怎么领", "MZ27"),
    ("高龄津贴跟退休工资是不是一码事", "MZ07"),             # ours weighed against another's
])
def test_our_item_named_beside_an_object_stays_ours(understander, text, code):
    assert labels(understander, text)[:2] == ("guide", code)


def test_an_object_found_keeps_its_own_words_spans():
    found = objects.find("退休职工他的丧葬费")
    assert found is not None and found.department == "人力资源和社会保障局"
    assert [(a, b) for a, b in found.spans] == [(0, 4), (6, 9)]
    assert objects.find("惠民殡葬补贴怎么领") is None


def test_a_department_without_a_referral_entry_brings_the_files_reply(understander):
    u = understander.understand("征信记录怎么查")
    assert u.intent == "out_of_scope" and "征信中心" in u.referral["reply"]


# -- orders in dialect, pinyin and voice style; slang service words -----------------------
@pytest.mark.parametrize("text, category", [
    ("想给我爷整个上门推头的", "haircut"),
    ("阿嫲行唔到，可唔可以搵人帮手去街市买餸", "shopping"),
    ("老太太一个人闷，想找个陪聊的上门", "companionship"),
    ("孩子周末想找个大学生来陪读", "child_care"),
    ("上门助浴帮我约一下 下礼拜三", "bathing"),
    ("xiang yue ge zhuyu", "bathing"),
    ("wo xiang zhao ren pei laoren liaotian", "companionship"),
    ("peizhen 周四上午 去市一院", "medical"),
    ("阿拉屋里厢老人家要立遗嘱，寻个律师来讲讲", "legal"),
])
def test_orders_in_dialect_pinyin_and_slang(understander, text, category):
    assert labels(understander, text)[0] == "order"
    assert labels(understander, text)[3] == category


def test_booking_a_kind_of_help_is_an_order_and_asking_how_to_book_is_not(understander):
    assert labels(understander, "预约一次助浴服务，老人九十了")[0] == "order"
    assert labels(understander, "助浴服务怎么预约")[0] == "guide"


def test_applying_for_an_item_by_name_beside_needs_at_home_is_an_application(understander):
    assert labels(understander, "我想申请居家养老服务，我爸腿脚不便白天没人看")[:2] == ("apply", "MZ09")


# -- apply vs guide --------------------------------------------------------------------------
@pytest.mark.parametrize("text, code", [
    ("我想替楼下独居的五保老人王奶奶申请特困供养", "MZ02"),
    ("帮我家弄个低收入家庭认定的申请", "MZ04"),
    ("俩人都同意了，帮约个离婚登记的号", "MZ18"),
])
def test_a_wish_to_apply_for_someone_is_an_application(understander, text, code):
    assert labels(understander, text)[:2] == ("apply", code)


@pytest.mark.parametrize("text, code, aspect", [
    ("申请低保要不要交钱 邻居说得送礼", "MZ01", "fee"),
    ("高龄津贴是不是只有本地户口的才能申请", "MZ07", "conditions"),
    ("我姑七十多了无儿无女也没收入，这样算不算特困人员", "MZ02", "conditions"),
])
def test_a_question_about_conditions_phrased_with_apply_is_a_guide(understander, text, code, aspect):
    assert labels(understander, text)[:3] == ("guide", code, aspect)


# -- two questions in one message: the main one ---------------------------------------------
@pytest.mark.parametrize("text, aspect", [
    ("高龄津贴每月给多少？去哪儿领？", "standard"),
    ("护理补贴带哪些证明，几天能批下来", "materials"),
    ("离婚证撕坏了还能补吗 咋补", "conditions"),
    ("我爸八十了腿脚不好，邻居说公办养老院失能的可以优先，想问下要带哪些材料", "materials"),
])
def test_the_main_question_of_two_gives_the_aspect(understander, text, aspect):
    assert labels(understander, text)[2] == aspect


def test_a_clause_saying_what_is_not_asked_is_no_question(understander):
    assert labels(understander, "我问的不是低保咋办，是临时救助要交啥材料")[1:3] == ("MZ03", "materials")


# -- status, cancel, greeting in dialect; no progress -----------------------------------------
@pytest.mark.parametrize("text, intent", [
    ("材料交上去一个礼拜了还没个动静", "status"),
    ("报名报了半个月没人理", "status"),
    ("我份申请而家审到边一步", "status"),
    ("拉倒吧 这个不整了", "cancel"),
    ("真是太感谢你们了", "greeting"),
    ("你们都能帮我办啥", "greeting"),
])
def test_status_cancel_and_greeting_wordings(understander, text, intent):
    assert labels(understander, text)[0] == intent


# -- danger: a child beaten -------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "邻居家小孩又被他爸打得满身是伤",
    "孩子身上青一块紫一块的，是被继母掐的",
    "娃被打得脸上都是血",
])
def test_a_child_beaten_is_danger(text):
    assert "crime" in danger.detect(text)


def test_a_policy_question_about_beaten_children_stays_a_question(understander):
    assert danger.read("被打伤的孩子能申请困境儿童保障吗").asks_policy
    assert labels(understander, "被打伤的孩子能申请困境儿童保障吗")[:2] == ("guide", "MZ16")


def test_every_objects_department_has_a_reply_to_give():
    """An object's department is a referral entry, or the file gives its reply."""
    import yaml
    from knowledge.snapshot import from_files

    known = {r["department"] for r in from_files().referrals}
    data = yaml.safe_load(objects.DATA.read_text(encoding="utf-8"))
    for entry in data:
        assert entry["department"] in known or (entry.get("reply") or "").strip(), entry["department"]
        assert all(str(o).strip("…") for o in entry["objects"])
