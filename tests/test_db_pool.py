"""Database pools are sized in config, so processes x pool fits PostgreSQL's max_connections."""
from __future__ import annotations

from core import create_app
from core.extensions import db

# Never connected to: building the engine opens no connection.
POSTGRES = "postgresql://nobody@127.0.0.1:1/mzt_pool_check"


def _pool(**config):
    app = create_app({"SQLALCHEMY_DATABASE_URI": POSTGRES, "REDIS_URL": None, "TESTING": True,
                      "LOG_LEVEL": "WARNING", **config})
    with app.app_context():
        pool = db.engine.pool
        sizes = pool.size(), pool._max_overflow, pool._pre_ping, pool._recycle
        db.engine.dispose()
    return sizes


def test_default_pool_is_small():
    # SQLAlchemy's own default (5 + 10) made 10 workers x 15 exceed max_connections=100.
    assert _pool() == (5, 3, False, 1800)


def test_pool_follows_the_config():
    assert _pool(DB_POOL_SIZE=2, DB_MAX_OVERFLOW=1, DB_POOL_RECYCLE=60) == (2, 1, False, 60)


def test_sqlite_keeps_its_own_pool(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.db'}",
                      "REDIS_URL": None, "TESTING": True, "LOG_LEVEL": "WARNING"})
    assert "pool_size" not in app.config["SQLALCHEMY_ENGINE_OPTIONS"]
