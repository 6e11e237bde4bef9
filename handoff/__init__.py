"""Handoff tickets: 转人工 and complaints, answered by staff from the admin."""
from flask import Flask


def init_app(app: Flask) -> None:
    from handoff import models  # noqa: F401  (tables for migrations)
