"""Property: the whole engine answers any text with a reply and never raises."""
from hypothesis import HealthCheck, given, settings, strategies as st

from bot import engine, texts
from bot.messages import Incoming


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(max_size=200), min_size=1, max_size=3))
def test_engine_never_raises_on_arbitrary_text(seeded, messages):
    seeded.config["RATELIMIT_RESIDENT"] = None
    for text in messages:
        replies = engine.reply(Incoming(user="oHypothesis", text=text))
        assert isinstance(replies, list) and all(isinstance(r, str) for r in replies)
        assert texts.BUSY not in replies  # BUSY would mean an exception was swallowed
