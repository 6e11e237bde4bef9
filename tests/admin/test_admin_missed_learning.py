"""The learned model follows the knowledge: a phrasing attached in 未答问题 is trained on,
the artefact is rebuilt after the commit, and the bot's processes load it."""
import functools

from bot import learning, understanding
from conversations.operations import log_missed
from core import jobs
from core.extensions import db
from intents import calibration, categories
from intents.calibration import Calibrator
from intents.model import Model, training_examples
from knowledge import operations, queries
from knowledge import version as kb_version
from knowledge.models import NluModel
from knowledge.snapshot import from_files

# A resident's wording for 低保 that neither the rules nor a model of the guides' text reads.
PHRASE = "兜底的钱咋领"


@functools.cache
def _artefact(bias: float) -> bytes:
    """A small model over the repository's knowledge whose calibration says `bias` for every
    reading, as stored: trained once per run, each test loads its own copy."""
    model = Model.train(training_examples(from_files(), []))
    model.calibrator = Calibrator([bias] + [0.0] * (len(calibration.FEATURES) - 1), 0.75, 0.35)
    return model.to_bytes()


def _base() -> Model:
    """A small live model with a calibration that answers (p ≈ 0.98) what it reads."""
    return Model.from_bytes(_artefact(4.0))


def _run_jobs(app) -> None:
    # With Redis the rebuild is the worker's job; embedded, a thread joined after the commit.
    if app.extensions.get("mzt.redis") is not None:
        from rq import SimpleWorker

        queue = jobs.queue()
        SimpleWorker([queue], connection=queue.connection).work(burst=True)


def _attach_phrase_and_rebuild(app, auth, client) -> None:
    """Staff attach PHRASE (missed) to 低保; the rebuild the edit queues runs to its end."""
    log_missed(PHRASE, [], 0.2)
    db.session.commit()
    auth.login("staff")
    client.post("/admin/unanswered/attach", data={"ids": "1", "text": PHRASE, "target": "guide:MZ01"})
    _run_jobs(app)
    db.session.remove()


def _ask(client, text_: str) -> str:
    return "\n".join(client.post("/api/chat", json={"user": "居民学", "text": text_})
                     .get_json()["replies"])


def test_an_attached_phrasing_is_trained_on_and_the_next_message_understood(app, auth, client):
    app.config["NLU_REBUILD"] = "wait"
    assert "published" in learning.publish(_base())
    first = queries.live_model_id()
    assert Model.from_bytes(queries.model_row(first).data).predict(PHRASE)["service"][0] != "MZ01"
    assert "【低保" not in _ask(client, PHRASE)

    _attach_phrase_and_rebuild(app, auth, client)

    live = queries.live_model_id()
    assert live != first
    row = queries.model_row(live)
    assert row.knowledge_version == kb_version.current()
    assert Model.from_bytes(row.data).predict(PHRASE)["service"][0] == "MZ01"
    assert "【低保" in _ask(client, PHRASE)
    assert understanding._model["id"] == live  # the running process swapped its model


def test_a_process_loads_a_model_another_one_stored(app, seeded, client):
    _ask(client, "低保怎么申请")
    assert understanding.understander().model is None  # rules only: nothing published
    operations.store_model(kb_version.current(), _artefact(4.0))
    db.session.commit()
    _ask(client, "低保怎么申请")
    model = understanding.understander().model
    assert model is not None and model.calibrator is not None
    assert understanding.understander().understand("低保怎么申请").confidence != 0.9


def test_old_artefacts_are_pruned_and_a_bad_one_keeps_the_working_model(app, seeded, client):
    for _ in range(operations.KEEP_MODELS + 2):
        operations.store_model(0, _artefact(4.0))
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(NluModel.id))) == operations.KEEP_MODELS
    _ask(client, "低保怎么申请")
    working = understanding.understander().model
    operations.store_model(0, b"not an artefact")
    db.session.commit()
    assert "【低保" in _ask(client, "低保怎么申请")
    assert understanding.understander().model is working


def test_without_a_live_model_a_save_rebuilds_nothing(app, auth, client):
    app.config["NLU_REBUILD"] = "wait"
    log_missed(PHRASE, [], 0.2)
    db.session.commit()
    auth.login("staff")
    client.post("/admin/unanswered/attach", data={"ids": "1", "text": PHRASE, "target": "guide:MZ01"})
    _run_jobs(app)
    assert queries.live_model_id() is None and learning.rebuild() is None


def test_the_calibrated_confidence_decides_the_reply(app, seeded, client):
    operations.store_model(kb_version.current(), _artefact(0.0))  # p = 0.5: ask back
    db.session.commit()
    asked = _ask(client, "高龄津贴每个月发多少")
    assert "请回复数字选择" in asked and "1. 高龄津贴·" in asked
    assert "【高龄津贴·" in _ask(client, "1")
    operations.store_model(kb_version.current(), _artefact(-4.0))  # p ≈ 0.02: not learned
    db.session.commit()
    unsure = _ask(client, "高龄津贴每个月发多少")
    assert "还没学会" in unsure and "转人工" in unsure and "【高龄津贴" not in unsure


def test_the_live_model_and_its_rebuilds_keep_the_learned_order_categories(app, auth, client):
    app.config["NLU_REBUILD"] = "wait"
    base = _base()
    # What is carried is the reading as it was trained, whatever its data: a small one
    # (training the full one, as `flask nlu train` does, is intents' tests' business).
    base.categories = categories.CategoryReading.train(_ORDER_EXAMPLES, prepare=lambda s: s)
    kept = base.categories.as_dict()
    assert "published" in learning.publish(base)
    live = Model.from_bytes(queries.model_row(queries.live_model_id()).data)
    assert live.categories is not None and live.categories.as_dict() == kept
    # A knowledge edit rebuilds the live model from the stored one: the reading stays.
    first = queries.live_model_id()
    _attach_phrase_and_rebuild(app, auth, client)
    assert queries.live_model_id() != first
    rebuilt = Model.from_bytes(queries.model_row(queries.live_model_id()).data)
    assert rebuilt.categories is not None and rebuilt.categories.as_dict() == kept


# A few needs told by their symptoms, and messages that are no order.
_ORDER_EXAMPLES = [("水龙头漏水", "repair"), ("灯泡坏了", "repair"), ("马桶堵了", "repair"),
                   ("想洗个澡", "bathing"), ("好久没洗澡", "bathing"), ("帮着搓背", "bathing"),
                   ("低保怎么申请", categories.NONE), ("今天天气", categories.NONE)] * 3
