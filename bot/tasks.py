"""Jobs the worker runs for the channel: late replies and spooled messages."""
from __future__ import annotations

import logging

from bot import spool
from bot.client import wechat_client
from handlers import fit

log = logging.getLogger(__name__)


def send_texts(user: str, texts: list[str]) -> None:
    """Send replies as one customer-service text message (raises so RQ retries)."""
    wechat_client().message.send_text(user, fit("\n\n".join(texts)))


def replay_spooled() -> int:
    """Periodic: replay messages that arrived while the database was down."""
    count = spool.replay()
    if count:
        log.info("replayed %d spooled message(s)", count)
    return count
