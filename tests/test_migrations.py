"""Alembic migrations build exactly the schema the models declare."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from core import create_app
from core.extensions import db


def test_upgrade_head_matches_models(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.db'}", "REDIS_URL": None,
                      "TESTING": True, "LOG_LEVEL": "WARNING"})
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
        db.engine.dispose()
    assert diff == [], "models changed without a migration: flask db migrate"
