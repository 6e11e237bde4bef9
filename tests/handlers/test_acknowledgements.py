"""An acknowledgement after an answer (好的, 知道了, dialect yes words) gets a short reply.

Such a message used to be read as nothing (还没学会) when it held a dialect yes word
the greeting words lacked, or to bring back the whole welcome menu.
"""
import pytest

from handlers import texts
from intents.understand import Understander
from knowledge.snapshot import from_files


def say(client, user: str, text: str) -> list[str]:
    return client.post("/api/chat", json={"user": user, "text": text}).get_json()["replies"]


@pytest.fixture(scope="module")
def understander():
    return Understander(from_files())


@pytest.mark.parametrize("text", ["行，晓得了", "好嘞", "收到", "嗯嗯", "中嘞", "得嘞 懂了", "要得"])
def test_a_bare_acknowledgement_is_a_greeting(understander, text):
    assert understander.understand(text).intent == "greeting"


@pytest.mark.parametrize("text, reply", [("行，晓得了", texts.ACK), ("收到", texts.ACK),
                                         ("要得，谢谢", texts.THANKS), ("你好", texts.WELCOME)])
def test_after_a_guide_answer(client, text, reply):
    say(client, "居民应答", "低保要什么材料")
    assert say(client, "居民应答", text)[0] == reply


def test_a_request_after_a_yes_word_is_still_the_request(client):
    replies = say(client, "居民应答2", "好的，我要申请高龄津贴")
    assert "高龄津贴" in replies[0] and replies[0] != texts.ACK
