"""Messages to residents outside a reply: status changes, staff answers, order updates."""
from flask import Flask


def init_app(app: Flask) -> None:
    from notifications import models  # noqa: F401  (tables for migrations)
    from notifications.cli import bp

    app.register_blueprint(bp)
