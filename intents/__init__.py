"""Understanding residents' messages: intent, service, aspect and category."""
from flask import Flask

from intents.understand import Understander, Understanding

__all__ = ["Understander", "Understanding", "init_app"]


def init_app(app: Flask) -> None:
    from intents.cli import bp

    app.register_blueprint(bp)
