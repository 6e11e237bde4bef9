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
