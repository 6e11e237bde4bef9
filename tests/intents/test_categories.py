"""The learned order-category reading (intents.categories): trained from data, taken above a
held-out threshold where the cues are silent or tied, and reading an unread request for help
as an order; danger first, questions and other offices' matters unchanged."""
import json
from pathlib import Path

import pytest

from core import catalog
from intents import categories
from intents.model import Model

FRESH = Path(__file__).with_name("data") / "order_fresh.jsonl"


def _fresh() -> list[dict]:
    return [json.loads(line) for line in FRESH.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_phrasings_file_covers_every_category_forty_times():
    counts: dict[str, int] = {}
    for _, code in categories.phrasings():
        counts[code] = counts.get(code, 0) + 1
    assert set(counts) == set(catalog.current().order_categories) | {categories.NONE}
    assert min(counts.values()) >= 40


def test_the_take_threshold_is_where_held_out_readings_stay_right():
    held = [(0.95, True)] * 40 + [(0.7, True)] * 18 + [(0.65, False)] * 2 + [(0.3, False)] * 10
    take = categories.choose_take(held)
    assert 0.6 <= take <= 0.7
    # Never looser than the floor, however few the examples.
    assert categories.choose_take([(0.1, True)]) == categories.TAKE_FLOOR


def test_a_tiny_reading_learns_needs_told_by_symptoms():
    examples = [("水龙头漏水", "repair"), ("灯泡坏了", "repair"), ("马桶堵了", "repair"),
                ("想洗个澡", "bathing"), ("好久没洗澡", "bathing"), ("帮着搓背", "bathing"),
                ("低保怎么申请", categories.NONE), ("今天天气", categories.NONE)] * 3
    reading = categories.CategoryReading.train(examples, prepare=lambda s: s)
    assert reading.ranked("水管漏了")[0][1] == "repair"
    again = categories.CategoryReading.from_dict(json.loads(json.dumps(reading.as_dict())))
    assert again.ranked("洗澡")[0][1] == "bathing"


@pytest.fixture(scope="module")
def reading(calibrated):
    return calibrated[0]


def test_the_reading_is_trained_and_survives_the_artefact(reading):
    model = reading.model
    assert model.categories is not None
    again = Model.from_bytes(model.to_bytes())
    assert again is not None and again.categories is not None
    assert again.categories.take == model.categories.take


def test_own_fresh_orders_score_better_than_the_cues_alone(reading, understander):
    rows = [r for r in _fresh() if r["intent"] == "order"]

    def score(u) -> tuple[int, int]:
        labels = [u.understand(r["text"]).labels() for r in rows]
        return (sum(lab["intent"] == "order" for lab in labels),
                sum(lab["category"] == r["category"] for lab, r in zip(labels, rows, strict=True)))

    rules_orders, rules_right = score(understander)
    orders, right = score(reading)
    assert orders > rules_orders and right > rules_right
    assert right / len(rows) >= 0.75


@pytest.mark.parametrize("text, category", [
    # A need told by its state and a wish for someone to come, no cue word.
    ("老人屋里堆得乱七八糟，味道也大，麻烦安排人来整理", "cleaning"),
    ("俺娘牙口不好，想订那种软一点的老人饭，给送到家", "meal"),
    # ordering something brought, said with 订/点/送 and no other request word
    ("想给我家老太太订个中午的饭，她咬不动硬的", "meal"),
])
def test_an_unread_request_for_help_is_an_order(reading, understander, text, category):
    assert understander.understand(text).intent == "out_of_scope"
    got = reading.understand(text)
    assert (got.intent, got.category) == ("order", category)


def test_silent_cues_are_filled_by_the_reading(reading, understander):
    text = "窗户玻璃脏得看不清外面，能派个人上门擦一下吗"
    assert understander.understand(text).labels()["category"] is None
    assert reading.understand(text).labels()["category"] == "cleaning"


def test_an_order_in_doubt_carries_its_two_likeliest_categories(reading):
    u = reading.understand("家里老人想冲个热水澡但一个人不敢，能派人来帮把手吗")
    assert u.intent == "order"
    if u.category is None:
        assert {c["category"] for c in u.candidates} >= {"bathing"}
        assert len(u.candidates) == 2


def test_danger_questions_and_other_offices_stay_what_they_are(reading):
    assert reading.understand("我爸摔在地上爬不起来了，快派人来").labels()["category"] == "emergency"
    guide = reading.understand("居家养老服务要满足什么条件才能申请").labels()
    assert (guide["intent"], guide["service"]) == ("guide", "MZ09")
    assert reading.understand("公积金贷款额度怎么算").labels()["intent"] == "out_of_scope"
    assert reading.understand("今晚有什么好看的电视剧").labels()["intent"] == "out_of_scope"


@pytest.mark.parametrize("text", ["帮我订两张周末的电影票", "有没有人能教我跳广场舞", "想请人帮我看看手相"])
def test_a_request_for_what_the_bureau_does_not_do_is_no_order(reading, text):
    assert reading.understand(text).labels()["intent"] == "out_of_scope"


def test_the_order_step_names_the_two_likeliest_by_their_numbers():
    from handlers.base import Turn
    from handlers.order import _likely
    from orders import categories as order_categories

    codes = order_categories.codes()
    turn = Turn(user="u", text="x", intent="order",
                candidates=[{"intent": "order", "category": "bathing"},
                            {"intent": "order", "category": "cleaning"}])
    said = _likely(turn)
    assert f"{codes.index('bathing') + 1}. " in said and f"{codes.index('cleaning') + 1}. " in said
    assert _likely(Turn(user="u", text="x", intent="order")) == ""


@pytest.mark.parametrize("text", ["13900001111", "2024", "？？", "12345678901234567890"])
def test_a_bare_number_or_sign_is_never_read_as_an_item(reading, understander, text):
    for u in (reading, understander):
        got = u.understand(text)
        assert got.labels()["service"] is None and not got.candidates
