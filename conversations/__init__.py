"""Conversation records: message log and missed questions."""
from flask import Flask


def init_app(app: Flask) -> None:
    from conversations import models  # noqa: F401  (tables for migrations)
    from core.periodic import register_periodic

    # Web processes flush on their own timer; this catches what a stopped one left.
    register_periodic(app, "conversations.tasks.flush_message_log", every=60)
