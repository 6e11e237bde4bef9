"""A message is one unit of work: a handler that raises leaves no half rows and queues nothing."""
from __future__ import annotations

import pytest

from applications.models import Attachment
from bot import engine, texts
from core import jobs
from core.extensions import db
from tests.admin.test_materials_in_chat import _sent_back, fake_api  # noqa: F401  (fixture)


def _photo(client) -> list[str]:
    response = client.post("/api/chat", json={"user": "居民A", "image": "MEDIA1"})
    assert response.status_code == 200
    return response.get_json()["replies"]


def _fails_after_the_handler(monkeypatch) -> None:
    def fails(*args, **kwargs):
        raise RuntimeError("the message failed after its handler wrote")

    monkeypatch.setattr(engine, "_record", fails)


def _attachments() -> int:
    db.session.rollback()
    return db.session.scalar(db.select(db.func.count()).select_from(Attachment))


def test_a_message_whose_handler_raises_leaves_no_half_rows(seeded, client, fake_api, monkeypatch):  # noqa: F811
    _sent_back()  # the photo is for an application sent back for materials; its fetch runs inline
    _fails_after_the_handler(monkeypatch)
    assert _photo(client) == [texts.BUSY]
    assert _attachments() == 0


@pytest.fixture
def queue(app, fake_api):  # noqa: F811
    if app.extensions.get("mzt.redis") is None:
        pytest.skip("the queue needs Redis")
    app.config.update(JOBS_INLINE=False, RQ_QUEUE=app.config["REDIS_PREFIX"] + "q")
    queue = jobs.queue()
    yield queue
    queue.delete(delete_jobs=True)


def test_a_message_whose_handler_raises_queues_no_job(seeded, client, queue, monkeypatch):
    _sent_back()
    queue.empty()
    _fails_after_the_handler(monkeypatch)
    assert _photo(client) == [texts.BUSY]
    assert queue.count == 0 and _attachments() == 0
    monkeypatch.undo()
    assert texts.BUSY not in _photo(client)
    assert queue.count == 1 and _attachments() == 1  # queued once the message committed
