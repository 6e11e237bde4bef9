"""Knowledge base: the 30 service guides, policy FAQ, lexicon and referrals."""
from flask import Flask


def init_app(app: Flask) -> None:
    from core.cli import register_seeder
    from knowledge import models  # noqa: F401  (tables for migrations)
    from knowledge.cli import bp
    from knowledge.loader import seed_knowledge

    app.register_blueprint(bp)

    register_seeder(app, 10, seed_knowledge)
