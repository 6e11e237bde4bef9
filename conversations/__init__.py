"""Conversation records: message log and missed questions."""
from flask import Flask


def init_app(app: Flask) -> None:
    from conversations import models  # noqa: F401  (tables for migrations)
