"""Redis stopped mid-conversation: knowledge answers go on, forms say to restart, no 5xx."""
import pytest

from conversations import logbuffer
from conversations.models import MessageLog
from core import create_app
from core.extensions import db

from live import RedisServer
from tests.shared import finish_late_replies

pytestmark = pytest.mark.skipif(not RedisServer.available, reason="redis-server is not installed")


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.kill()


@pytest.fixture
def shared(backend, seeded, redis_server, wechat):
    """A second app on the test database with our own killable Redis."""
    config = {k: v for k, v in backend.items() if k != "name"}
    config.update(REDIS_URL=redis_server.url, REDIS_PREFIX=seeded.config["REDIS_PREFIX"])
    other = create_app(config)
    yield type(wechat)(other, other.test_client())
    finish_late_replies()  # a reply past its budget ends in this test, on this app
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def _count() -> int:
    db.session.remove()
    return db.session.scalar(db.select(db.func.count()).select_from(MessageLog))


def test_knowledge_answers_survive_redis_stopping(shared, redis_server):
    before = shared.post("text.xml", Content="低保要准备哪些材料", MsgId="81001")
    assert before.status == 200 and "材料" in before.text
    assert shared.client.get("/healthz").status_code == 200
    # Rows buffered in Redis reach the database on the web process's timer;
    # a Redis killed with no persistence would take unflushed ones with it.
    with shared.app.app_context():
        assert logbuffer.flush() == 2  # the message and the resident's interaction

    redis_server.kill()
    answers = [shared.post("text.xml", Content=text, MsgId=str(81002 + i))
               for i, text in enumerate(["高龄津贴怎么申请", "那要带什么", "婚姻登记在哪里办"])]
    assert all(p.status == 200 for p in answers)
    assert "高龄" in answers[0].text
    assert all(p.text and "系统繁忙" not in p.text for p in answers)
    health = shared.client.get("/healthz")
    assert health.status_code == 503 and health.get_json()["redis"].startswith("fail")
    assert shared.client.post("/api/chat", json={"user": "居民A", "text": "低保"}).status_code == 200
    # Every message is logged exactly once, before and after the outage.
    assert _count() == 5  # four WeChat messages and one from the chat API


def test_form_cannot_start_without_redis_and_nothing_is_half_saved(shared, redis_server):
    from applications.models import Application
    from bot import texts

    assert "（1/5）" in shared.post("text.xml", Content="我要申请高龄津贴", MsgId="82001").text
    redis_server.kill()
    # The form's state was in Redis: it cannot go on, and a new one cannot start.
    reply = shared.post("text.xml", Content="我要申请高龄津贴", MsgId="82002")
    assert reply.status == 200 and reply.text == texts.FORM_NEEDS_STATE
    assert "材料" in shared.post("text.xml", Content="高龄津贴要什么材料", MsgId="82003").text
    db.session.remove()
    assert db.session.scalar(db.select(db.func.count()).select_from(Application)) == 0


def _mid_form(shared, user: str, first_id: int) -> None:
    assert "（1/5）" in shared.post("text.xml", Content="我要申请高龄津贴", MsgId=str(first_id),
                                   FromUserName=user).text
    assert "（2/5）" in shared.post("text.xml", Content="张三", MsgId=str(first_id + 1),
                                   FromUserName=user).text


def test_redis_losing_its_data_mid_form_says_start_again(shared, redis_server):
    import redis

    from bot import texts
    from handlers import texts as handler_texts
    from tests.helpers import gen_id

    def say(user, text, msg_id):
        reply = shared.post("text.xml", Content=text, MsgId=str(msg_id), FromUserName=user)
        assert reply.status == 200
        return reply.text

    for n, user in enumerate(("oFormA", "oFormB", "oFormC", "oFormD")):
        _mid_form(shared, user, 83000 + 10 * n)
    with shared.app.app_context():
        assert logbuffer.flush() >= 8  # the eight messages (and missed questions)
    # Redis restarted without persistence: every conversation state is gone.
    redis.Redis.from_url(redis_server.url).flushdb()

    assert say("oFormA", gen_id("19400303"), 83100) == texts.FORM_INTERRUPTED
    # Told once: the next thing it cannot place is answered as usual.
    assert say("oFormA", "张三", 83101) == handler_texts.NOT_UNDERSTOOD
    assert "（1/5）" in say("oFormA", "我要申请高龄津贴", 83102)
    # A bare 男 would get the welcome menu; a question is answered, with the news first.
    assert say("oFormB", "男", 83110) == texts.FORM_INTERRUPTED
    answer = say("oFormC", "低保要准备哪些材料", 83120)
    assert answer.startswith(texts.FORM_INTERRUPTED_NOTE) and "材料" in answer
    # Danger keeps its first line; the lost form is told after it.
    danger = say("oFormD", "我爸晕倒了叫不醒", 83140)
    assert "120" in danger.splitlines()[0] and danger.endswith(texts.FORM_INTERRUPTED_NOTE)
    # Someone who was not in a form gets the usual answer.
    assert say("oNeverInAForm", "李四", 83130) == handler_texts.NOT_UNDERSTOOD
