import pytest

from intents.normalize import normalize


@pytest.mark.parametrize("raw, expected", [
    ("領結婚證要錢嗎", "领结婚证要钱吗"),
    ("ＡＢＣ８０歲老人補貼", "abc80岁老人补贴"),
    ("八十岁老人补贴😀😀", "80岁老人补贴"),
    ("我\x1d要申请　低保！！", "我要申请 低保"),
    ("九十五岁", "95岁"),
    ("一百零五岁", "105岁"),
    ("", ""),
])
def test_normalize_cleans_width_script_numbers_and_noise(raw, expected):
    assert normalize(raw)[0] == expected


def test_question_flag():
    assert normalize("低保要钱吗")[1] is True
    assert normalize("我要申请低保")[1] is False
