"""Each form path through the chat: mistakes, interruptions, back, restart, cancel, confirm."""
from applications.models import Application, ApplicationEvent, Appointment
from conversations.models import MessageLog
from core.extensions import db
from tests.helpers import Chat, flush_log, gen_id, mistype, years_ago
from volunteers.models import Volunteer


def _elder_form(chat: Chat, elder_id: str) -> str:
    chat.say("我要申请高龄津贴")
    chat.say("张三")
    return chat.say(elder_id)


def test_gaoling_jintie_for_85_year_old_with_one_mistyped_id(seeded, client):
    chat = Chat(client)
    good = gen_id(years_ago(85))
    assert "（1/5）" in chat.say("我要申请高龄津贴")
    assert "（2/5）" in chat.say("张三")
    assert "校验没有通过" in chat.say(mistype(good))
    assert "（3/5）" in chat.say(good)
    assert "（4/5）" in chat.say("13812345678")
    assert "（5/5）" in chat.say("1")
    summary = chat.say("幸福路12号3栋201室")
    assert "3201**********" + good[-4:] in summary and good not in summary
    reply = chat.say("确认")
    app = db.session.scalar(db.select(Application))
    assert app.reference in reply and app.reference.startswith("SQ")
    assert app.status == "submitted" and app.id_masked.endswith(good[-4:])
    assert good not in app.id_number_enc and good not in str(app.answers)
    assert [e.status for e in db.session.scalars(db.select(ApplicationEvent))] == ["submitted"]
    flush_log()
    logged = " ".join(m.text for m in db.session.scalars(db.select(MessageLog)))
    assert "确认" in logged  # the rows are there to check
    assert good not in logged and mistype(good) not in logged


def test_under_80_gets_a_kind_explanation_not_a_form(seeded, client):
    chat = Chat(client)
    reply = _elder_form(chat, gen_id(years_ago(70)))
    assert "还不到80周岁" in reply and "（3/5）" not in reply
    assert "结婚" in chat.say("结婚登记要什么材料")  # form closed: a normal answer
    assert db.session.scalar(db.select(Application)) is None


def test_guide_question_mid_form_is_answered_then_form_resumes(seeded, client):
    chat = Chat(client)
    chat.say("我要申请高龄津贴")
    chat.say("张三")
    reply = chat.say("高龄津贴要什么材料")
    assert "所需材料" in reply and "刚才的【高龄津贴】还没填完" in reply and "（2/5）" in reply
    assert "（3/5）" in chat.say(gen_id(years_ago(85)))


def test_back_restart_edit_and_cancel(seeded, client):
    chat = Chat(client)
    _elder_form(chat, gen_id(years_ago(90)))
    assert "（2/5）" in chat.say("返回上一步")
    assert "（3/5）" in chat.say(gen_id(years_ago(90)))
    assert "从头" in chat.say("重填") and "（1/5）" in chat.say("返回上一步")
    for text in ("李四", gen_id(years_ago(90)), "13812345678", "2", "和平路1号"):
        chat.say(text)
    assert "（3/5）" in chat.say("修改3")
    assert "13900000000" in chat.say("13900000000")
    assert "已取消" in chat.say("取消")
    assert db.session.scalar(db.select(Application)) is None


def test_idle_form_is_parked_with_a_note_and_resumes(seeded, client, app):
    chat = Chat(client)
    chat.say("我要申请高龄津贴")
    chat.say("张三")
    app.config["SESSION_IDLE_SECONDS"] = 0
    import time
    time.sleep(0.01)
    reply = chat.say("你好")
    app.config["SESSION_IDLE_SECONDS"] = 1800
    assert "刚才的【高龄津贴】还没填完" in reply and "继续" in reply and "（2/5）" not in reply
    assert "（2/5）" in chat.say("继续")  # the same step, the name kept
    assert "（3/5）" in chat.say(gen_id(years_ago(85)))


def test_marriage_booking_and_reschedule(seeded, client):
    chat = Chat(client)
    chat.say("预约结婚登记")
    for text in ("李四", gen_id(years_ago(30), "131"), "王芳", gen_id(years_ago(28), "122"),
                 "13812345678", "1"):
        chat.say(text)
    assert "请核对" in chat.say("1")
    reply = chat.say("确认")
    appt = db.session.scalar(db.select(Appointment))
    assert "预约成功" in reply and appt.reference in reply and appt.seat == 1
    assert "1. 改约" in chat.say("改约")
    chat.say("1")
    chat.say("2")
    chat.say("3")
    assert "改约成功" in chat.say("确认")
    db.session.refresh(appt)
    assert appt.time == "11:00" and appt.status == "booked"
    assert "2. 取消预约" in chat.say("取消预约")
    assert "已取消" in chat.say("2")
    db.session.refresh(appt)
    assert appt.status == "cancelled" and appt.seat is None


def test_too_young_to_marry(seeded, client):
    chat = Chat(client)
    chat.say("预约结婚登记")
    chat.say("李四")
    assert "22周岁" in chat.say(gen_id(years_ago(20), "131"))


def test_volunteer_registration_then_hours(seeded, client):
    chat = Chat(client)
    assert "（1/6）" in chat.say("我想当志愿者")
    for text in ("赵六", gen_id(years_ago(30)), "13812345678", "1,7", "3"):
        chat.say(text)
    chat.say("2")
    assert "审核通过后" in chat.say("确认")
    volunteer = db.session.scalar(db.select(Volunteer))
    assert volunteer.skills == ["meal", "companionship"] and volunteer.availability == ["周末"]
    assert "待审核" in chat.say("我想当志愿者")
    # Asked the way the registration reply suggests, the answer is the record itself.
    for question in ("我的志愿时长", "我做了多少小时志愿"):
        reply = chat.say(question)
        assert "累计服务时长：0" in reply and "赵六" in reply


def test_minor_cannot_register_as_volunteer(seeded, client):
    chat = Chat(client)
    chat.say("我想当志愿者")
    chat.say("小明")
    assert "监护人" in chat.say(gen_id(years_ago(15)))
