"""Declared multi-turn forms: field types, validators and one form per item."""
from flask import Flask


def init_app(app: Flask) -> None:
    """Forms are plain data; nothing to wire."""
