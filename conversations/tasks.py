"""Jobs for the conversation records."""
from __future__ import annotations

import logging

from conversations import logbuffer

log = logging.getLogger(__name__)


def flush_message_log() -> int:
    """Periodic: write message-log rows still buffered in Redis to the database."""
    count = logbuffer.flush()
    if count:
        log.info("message log: wrote %d buffered row(s)", count)
    return count
