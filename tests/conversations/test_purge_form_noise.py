"""`flask missed purge-form-noise` removes form answers logged as missed questions."""
from datetime import timedelta

from conversations.models import MessageLog, MissedQuestion
from core.extensions import db
from tests.helpers import Chat, flush_log, gen_id, years_ago


def _log_as_missed_like_before() -> None:
    """What the engine used to do: every logged message also became a missed row."""
    flush_log()
    for m in db.session.scalars(db.select(MessageLog)):
        db.session.add(MissedQuestion(text=m.text, at=m.at + timedelta(milliseconds=1),
                                      guesses=[], confidence=0.2))
    db.session.commit()


def _open_texts() -> list[str]:
    return sorted(m.text for m in db.session.scalars(db.select(MissedQuestion)))


def test_purge_is_a_dry_run_then_deletes_only_form_answers(seeded, client, runner):
    chat = Chat(client)
    chat.say("殡仪馆周末开不开门")  # a real question, no form open
    for said in ("我要申请高龄津贴", "张三", gen_id(years_ago(85)), "这个钱每个月多少呢？",
                 "13812345678", "1", "幸福路12号3栋201室", "确认"):
        chat.say(said)
    _log_as_missed_like_before()
    before = _open_texts()
    listed = runner.invoke(args=["missed", "purge-form-noise"]).output
    assert "加 --apply 删除" in listed and "张三" in listed and _open_texts() == before
    done = runner.invoke(args=["missed", "purge-form-noise", "--apply"]).output
    assert "已删除" in done
    # The form's opening request, the real question and the question asked mid-form stay.
    assert _open_texts() == sorted(["殡仪馆周末开不开门", "我要申请高龄津贴", "这个钱每个月多少呢？"])
