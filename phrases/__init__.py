"""常用语: canned texts staff and organisations insert where they type a reply or reason."""
from flask import Flask


def init_app(app: Flask) -> None:
    from core.cli import register_seeder
    from phrases import models  # noqa: F401  (tables for migrations)
    from phrases.seed import seed_phrases

    register_seeder(app, 30, seed_phrases)
