"""Jobs the worker runs for the channel: late replies and spooled messages."""
from __future__ import annotations

import logging

from rq import get_current_job

from bot import learning, replay
from bot.client import wechat_client
from core import sent
from bot.channels import CHANNELS

log = logging.getLogger(__name__)


def send_texts(user: str, texts: list[str]) -> None:
    """Send replies as one customer-service text message (raises so RQ retries)."""
    text = CHANNELS["wechat"].fit("\n\n".join(texts))
    job = get_current_job()
    if job is None:  # run inline, without Redis: nothing runs it twice
        wechat_client().message.send_text(user, text)
        return
    # A job requeued after its worker was killed keeps its id (core.worker.recover).
    sent.once(f"job:{job.id}", lambda: wechat_client().message.send_text(user, text))


def rebuild_model() -> int | None:
    """After a knowledge change: the learned model for the knowledge as it is now (bot.learning)."""
    return learning.rebuild()


def replay_spooled() -> int:
    """Periodic: replay messages that arrived while the database was down."""
    count = replay.replay()
    if count:
        log.info("replayed %d spooled message(s)", count)
    return count


def fetch_material(attachment_id: int) -> str:
    """Download a photo the resident sent for an application and keep it encrypted."""
    from applications import materials
    from applications.models import Attachment
    from core.extensions import db

    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None:  # queued after its commit (core.jobs): the row was deleted since
        log.warning("attachment %s no longer exists: nothing to fetch", attachment_id)
        return "gone"
    if attachment.status == "stored":
        return "stored"
    # wechatpy's media API (media/get); a transport error raises so RQ retries.
    response = wechat_client().media.download(attachment.media_id)
    if response.headers.get("Content-Type", "").startswith(("application/json", "text/plain")):
        attachment.status, attachment.error = "failed", response.text[:200]
    else:
        materials.store(attachment, response.content, response.headers.get("Content-Type", ""))
    log.info("material %s for application %s: %s", attachment.id, attachment.application_id,
             attachment.status)
    return attachment.status
