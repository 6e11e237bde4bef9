"""Input classes the hand-written cues did not anticipate (issue 15)."""
from intents.pinyin import PinyinReader


def labels(understander, text, context=()):
    u = understander.understand(text, context=list(context))
    return u.intent, u.service, u.aspect, u.category


def test_toneless_pinyin_is_read_as_the_domain_words(understander):
    assert labels(understander, "canji butie zenme ling")[:3] == ("guide", "MZ13", "process")
    assert labels(understander, "di bao yao shen me cai liao")[:3] == ("guide", "MZ01", "materials")
    assert labels(understander, "lihun lengjingqi duojiu")[:3] == ("guide", "MZ18", "time_limit")


def test_pinyin_reaches_the_acting_intents(understander):
    assert labels(understander, "wo de dingdan")[0] == "status"
    assert labels(understander, "pingjia")[0] == "rate"
    assert labels(understander, "zhuanrengong")[0] == "human"


def test_latin_that_is_not_all_pinyin_stays_as_written():
    reader = PinyinReader(["低保"], general=0)
    assert reader.read("hello app") == "hello app"
    # A typed space is a syllable boundary: "di bao" may be one word, "dib ao" not.
    assert reader.read("di bao") == "低保"
    assert reader.read("dib ao") == "dib ao"
    assert reader.read("低保 ok") == "低保 ok"


def test_a_one_character_domain_word_does_not_outread_a_function_word():
    # Address words (巷, 栋) are domain words; the same sound as a request word reads as
    # the request word, while longer domain words still win over general ones.
    reader = PinyinReader(["巷", "助浴", "低保"], general=0)
    assert reader.read("xiang yue ge zhuyu") == "想约个助浴"
    assert reader.read("wo xiang shenqing dibao").endswith("想申请低保")


def test_near_sound_typos_are_repaired(understander):
    # n/l, in/ing and flat/retroflex slips, not only exact homophones.
    assert labels(understander, "高林津贴怎么申请")[:3] == ("guide", "MZ07", "process")
    assert labels(understander, "适老化改照怎么申请")[:3] == ("guide", "MZ10", "process")


def test_shape_alike_typos_are_repaired(understander):
    # 肋 (lei) looks like 助 (zhu) but sounds nothing like it.
    assert understander.lexicon.repair("临时救肋怎么申请") == "临时救助怎么申请"


def test_a_typo_beside_a_matched_word_extends_it(understander):
    # The canonical word stays as written; the typo next to it completes a longer term.
    assert understander.lexicon.repair("适老化改照") == "适老化改造"
    assert understander.lexicon.repair("残疾人") == "残疾人"


def test_near_sound_repair_never_touches_function_characters(understander):
    assert labels(understander, "不办了")[0] == "cancel"


def test_ties_between_items_do_not_depend_on_hash_order(understander):
    for _ in range(3):
        assert labels(understander, "帮我爸排个公办敬老院的号")[:2] == ("apply", "MZ12")


def test_the_item_asked_about_wins_over_the_residents_status(understander):
    assert labels(understander, "我是低保户，临时救助在哪申请")[1:3] == ("MZ03", "location")
    assert labels(understander, "家里吃低保的，孩子算困境儿童吗")[1] == "MZ16"
    assert labels(understander, "我已经领了高龄津贴，适老化改造还能申请吗")[1] == "MZ10"
    assert labels(understander, "我是志愿者，想问下惠民殡葬补贴怎么领")[:2] == ("guide", "MZ27")
    # A status alone is still the item meant.
    assert labels(understander, "我是低保户能申请吗")[1] == "MZ01"


def test_a_negated_item_gives_way_to_the_corrected_one(understander):
    assert labels(understander, "不是问低保，是临时救助怎么申请")[1:3] == ("MZ03", "process")
    assert labels(understander, "问的不是救助站，是临时救助")[1] == "MZ03"


def test_a_word_read_across_a_boundary_loses_to_a_longer_item(understander):
    assert labels(understander, "我妈八十多了能领养老服务补贴吗")[1] == "MZ08"
    assert labels(understander, "怎么领养孩子")[1:3] == ("MZ21", "process")


def test_a_shape_alike_is_not_a_licence_for_its_sound(understander):
    # 户 looks like 尸 (shi), but 户能 is no typo of 失能, nor 户能补 of 还能补.
    assert understander.lexicon.repair("适老化改造每户能补多少钱") == "适老化改造每户能补多少钱"
