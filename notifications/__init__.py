"""Messages to residents outside a reply: status changes, staff answers, order updates."""
from flask import Flask


def init_app(app: Flask) -> None:
    from notifications import models  # noqa: F401  (tables for migrations)
    from core.periodic import register_periodic
    from notifications.cli import bp

    app.register_blueprint(bp)
    register_periodic(app, "notifications.tasks.retry_failed", every=60)
    # Interactions buffered with the message log (core.buffered) are stored here.
    from core.buffered import register_writer
    from notifications.contacts import write_seen

    register_writer(app, "contact", write_seen)
