"""常用语: canned texts staff and organisations insert where they type a reply or reason."""
from flask import Flask


def init_app(app: Flask) -> None:
    from phrases import models  # noqa: F401  (tables for migrations)
