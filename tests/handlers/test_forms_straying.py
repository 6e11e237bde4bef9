"""Forms that never trap a resident: what the YAML conversations cannot set up or inspect."""
from __future__ import annotations

from dataclasses import replace

import pytest

from applications.models import Application
from bot import session
from core import pii
from core.extensions import db
from forms import definitions
from forms import validators as v
from handlers import form_reading as reading
from tests.helpers import Chat, gen_id, sim, years_ago
from volunteers.operations import register_volunteer
from volunteers.queries import volunteer_for


def _approved_volunteer(user: str) -> None:
    register_volunteer(sim(user), name="周小明", id_number=gen_id(years_ago(30)), phone="13500135000",
                       community="幸福社区", skills=["meal"], availability=["周末"])
    volunteer_for(sim(user)).status = "approved"
    db.session.commit()


def test_registered_volunteer_is_not_asked_name_and_phone_for_the_certificate(seeded, client):
    _approved_volunteer("居民C")
    chat = Chat(client, "居民C")
    reply = chat.say("申请志愿服务证明")
    assert "（3/3）" in reply and "用途" in reply and "周小明" in reply and "135****5000" in reply
    summary = chat.say("求职用")
    assert "周小明" in summary and "13500135000" in summary
    assert "已提交" in chat.say("确认")
    app = db.session.scalar(db.select(Application))
    assert (app.name, app.phone, app.answers["证明用途"]) == ("周小明", "13500135000", "求职用")


def test_a_field_added_by_a_deploy_keeps_the_half_filled_form(seeded, client, monkeypatch):
    chat = Chat(client)
    chat.say("我要申请高龄津贴")
    chat.say("张三")
    assert "（3/5）" in chat.say(gen_id(years_ago(85)))
    form = definitions.FORMS["MZ07"]
    nickname = definitions.Field("relation", "与老人关系", "text", "您是老人的什么人？比如：子女。")
    monkeypatch.setitem(definitions.FORMS, "MZ07", replace(form, fields=(form.fields[0], nickname)
                                                         + form.fields[1:]))
    reply = chat.say("13800138000")  # answers the phone step it was asked, not the new field
    assert "（5/6）" in reply and "社区" in reply  # the phone taken; the new field comes later
    assert "（6/6）" in chat.say("1")
    assert "（2/6）" in chat.say("幸福路12号3栋201室")
    summary = chat.say("儿子")
    assert "与老人关系：儿子" in summary and "联系电话：13800138000" in summary and "张三" in summary


def test_state_saved_by_the_previous_deploy_goes_on_at_its_step(seeded, client):
    chat = Chat(client)
    chat.say("你好")  # the resident exists; now put back the shape the old code stored
    state = session.load(sim("居民A"))
    state["flow"] = {"name": "form", "code": "MZ07", "i": 2, "key": "old-deploy",
                     "answers": {"name": "张三", "id_number": pii.encrypt(gen_id(years_ago(85)))}}
    session.save(sim("居民A"), state)
    assert "（4/5）" in chat.say("13800138000")
    assert "（5/5）" in chat.say("2")


def test_parked_form_expires_after_the_stated_time_with_a_notice(seeded, client, app):
    chat = Chat(client)
    chat.say("我要申请高龄津贴")
    chat.say("张三")
    assert "暂停" in chat.say("先不办了")
    app.config["PARKED_FORM_SECONDS"] = 0
    import time
    time.sleep(0.01)
    reply = chat.say("你好")
    assert "高龄津贴" in reply and "已清除" in reply
    app.config["PARKED_FORM_SECONDS"] = 24 * 3600
    assert "没有没填完" in chat.say("继续")


def test_a_parked_form_outlives_the_session_in_the_store(app):
    idle = app.config["SESSION_IDLE_SECONDS"]
    assert session.state_ttl({"parked": {"flow": {}}}, idle) >= 24 * 3600
    assert session.state_ttl({"flow": {"name": "form"}}, idle) >= 24 * 3600
    assert session.state_ttl({"history": []}, idle) == idle * 4


def test_leaving_words_are_never_stored_as_a_name(seeded, client):
    chat = Chat(client)
    chat.say("我要申请高龄津贴")
    assert "已取消" in chat.say("不想填了")
    chat.say("我要申请高龄津贴")
    assert "暂停" in chat.say("先不办了")
    assert "（1/5）" in chat.say("继续")


@pytest.mark.parametrize("text", ["谢谢", "我要申请低保", "不知道", "好的", "继续"])
def test_everyday_words_are_not_names(text):
    with pytest.raises(v.Invalid):
        v.chinese_name(text)


@pytest.mark.parametrize("text, kind", [
    ("不想填了", "end"), ("不弄了", "end"), ("撤了吧", "end"), ("算了算了", "end"),
    ("我想了想还是不办了", "end"), ("先不办了", "pause"), ("回头再说吧", "pause"),
    ("不是不想填，身份证不在手边", None), ("没说不办了", None), ("算了一下家里四口人", None),
    ("张三", None)])
def test_leave_cues_with_negation(text, kind):
    assert reading.leave_cue(text) == kind


@pytest.mark.parametrize("text, digits", [
    ("幺三八零零幺三八零零零", "13800138000"), ("一三八 零零一三 八零零零", "138 0013 8000"),
    ("一三九两两两两八八八八", "13922228888"), ("洞幺", "洞幺")])
def test_numbers_spoken_in_words(text, digits):
    assert reading.spoken_digits(text) == digits


@pytest.mark.parametrize("text, service, aspect, asked", [
    ("等下，这个收费吗", None, "fee", True), ("高龄津贴在哪里办", "MZ07", "location", True),
    ("这个要钱不", None, "fee", True), ("卫生间要装扶手，地面防滑", None, None, False),
    ("老伴住院花了好多钱，低保的材料我都准备好了", "MZ01", "materials", False)])
def test_only_a_clear_question_leaves_a_free_text_step(text, service, aspect, asked):
    assert reading.is_question(text, free_text=True, service=service, aspect=aspect) is asked
