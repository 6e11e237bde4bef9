"""Danger first on the paths that answer without the conversation: too fast, the database down."""
import uuid

from bot import texts
from tests.bot.test_fault_database_down import api, down_app  # noqa: F401  (fixtures)


def test_a_resident_writing_too_fast_still_gets_what_to_do_first(app, wechat):
    app.config["RATELIMIT_RESIDENT"] = "2 per minute"
    for i in range(2):
        wechat.post("text.xml", Content="你好", MsgId=str(73000 + i))
    limited = wechat.post("text.xml", Content="我妈摔倒了起不来", MsgId="73005").text
    assert limited.splitlines()[0].startswith("请立即拨打 120") and texts.SLOW_DOWN in limited
    # An ordinary message over the limit gets only the request to slow down.
    assert wechat.post("text.xml", Content="低保要什么材料", MsgId="73006").text == texts.SLOW_DOWN


def test_with_the_database_down_danger_still_gets_its_number_first(seeded, down_app, api, wechat):  # noqa: F811
    down = type(wechat)(down_app, down_app.test_client())
    posted = down.post("text.xml", Content="家里着火了", MsgId=str(uuid.uuid4().int % 10**12))
    assert "119" in posted.text.splitlines()[0] and "系统繁忙" in posted.text
    plain = down.post("text.xml", Content="低保要准备哪些材料", MsgId=str(uuid.uuid4().int % 10**12))
    assert "119" not in plain.text and "系统繁忙" in plain.text
