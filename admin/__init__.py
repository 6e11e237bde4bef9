"""Staff and organisation web."""
from flask import Flask


def init_app(app: Flask) -> None:
    """Admin routes are wired in by the admin blueprint."""
