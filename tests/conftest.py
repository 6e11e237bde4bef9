"""Fixtures: the app on the embedded setup, and on PostgreSQL + Redis when set.

Every test gets a clean database (tables emptied after it) and its own Redis
key prefix, so tests never see each other's state, and real commits work
(concurrency tests need them).
"""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import text

from bot import understanding
from knowledge import live
from core import create_app
from core.extensions import db

# A developer's .env (APP_ENV=production, a real DATABASE_URL) must never reach
# the tests or the app processes they start: wsgi.py and `flask` skip it.
os.environ["MZT_ENV_FILE"] = ""
os.environ["FLASK_SKIP_DOTENV"] = "1"

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL")
BACKENDS = ["embedded"] + (["services"] if TEST_DATABASE_URL and TEST_REDIS_URL else [])


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request, tmp_path_factory) -> dict:
    """Config for one backend; its schema is created once per test session."""
    if request.param == "services":
        config = {"SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL, "REDIS_URL": TEST_REDIS_URL}
    else:
        path = tmp_path_factory.mktemp("db") / "test.db"
        config = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "REDIS_URL": None}
    config.update(TESTING=True, WTF_CSRF_ENABLED=False, SECRET_KEY="test",
                  WECHAT_TOKEN="testtoken", WECHAT_APPID="wx1234567890abcdef",
                  WECHAT_AES_KEY=None, SIMULATOR_ENABLED=True, LOG_LEVEL="WARNING",
                  PASSWORD_HASH_METHOD="pbkdf2:sha256:1000", KNOWLEDGE_CHECK_SECONDS=0,
                  # Tests write buffered message-log rows with an explicit flush_log().
                  MESSAGE_LOG_FLUSH_SECONDS=0)
    app = create_app(config)
    with app.app_context():
        if request.param == "services":
            db.drop_all()
        db.create_all()
        db.engine.dispose()
    return {"name": request.param, **config}


@pytest.fixture
def app(backend):
    """A fresh app with an empty database and its own Redis key space."""
    config = dict(backend)
    name = config.pop("name")
    config["REDIS_PREFIX"] = f"mzt-test-{uuid.uuid4().hex[:8]}:"
    app = create_app(config)
    app.config["BACKEND"] = name
    # Every test's database starts again at knowledge version 0: forget the last test's bot.
    live.forget()
    understanding.forget()
    with app.app_context():
        yield app
        db.session.remove()
        _empty_tables()
        _drop_keys(app)
        db.engine.dispose()


def _empty_tables() -> None:
    tables = list(reversed(db.metadata.sorted_tables))
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(table.delete())


def _drop_keys(app) -> None:
    client = app.extensions.get("mzt.redis")
    if client is None:
        return
    keys = list(client.scan_iter(match=app.config["REDIS_PREFIX"] + "*", count=500))
    if keys:
        client.delete(*keys)


# Rows `flask seed` wrote, per backend: the seeders run once per test session
# and later tests get a copy of their rows (parsing the sample knowledge base
# and hashing demo passwords again for every test was most of the suite's time).
_SEED_ROWS: dict[str, list[tuple]] = {}


@pytest.fixture
def seeded(app):
    """The sample knowledge base and demo accounts, as `flask seed` loads them."""
    name = app.config["BACKEND"]
    if name in _SEED_ROWS:
        _restore_rows(_SEED_ROWS[name])
        return app
    for _, seeder in sorted(app.extensions["mzt.seeders"], key=lambda s: s[0]):
        seeder()
    db.session.commit()
    _SEED_ROWS[name] = _snapshot_rows()
    return app


def _snapshot_rows() -> list[tuple]:
    """Every table's rows as written, in dependency order."""
    with db.engine.connect() as conn:
        return [(table, [dict(row._mapping) for row in conn.execute(table.select())])
                for table in db.metadata.sorted_tables]


def _restore_rows(snapshot: list[tuple]) -> None:
    """Insert the seeded rows again and move PostgreSQL's id sequences past them."""
    with db.engine.begin() as conn:
        for table, rows in snapshot:
            if rows:
                conn.execute(table.insert(), rows)
        if conn.dialect.name != "postgresql":
            return
        for table, rows in snapshot:
            for column in table.primary_key.columns:
                if rows and column.autoincrement is not False and column.type.python_type is int:
                    conn.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'),"
                        f" (SELECT MAX({column.name}) FROM \"{table.name}\"))"))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
