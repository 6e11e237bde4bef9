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
