"""Fixtures: the app on the embedded setup, and on PostgreSQL + Redis when set.

Every test gets a clean database and its own Redis key prefix, so tests never
see each other's state, and real commits work (concurrency tests need them).

What is slow to build is built once per test run and put back as it was for
each test: one app per backend (config, extensions and the store reset per
test; a test that changes the app's setup, such as adding a route, is marked
`own_app` and gets an app of its own), the seeded database (a copy of its
file on SQLite, its rows on PostgreSQL) and the understander of each knowledge
snapshot (tests.shared).
"""
from __future__ import annotations

import os
import uuid

import pytest

from bot import understanding
from knowledge import live
from core import create_app
from core.extensions import db
from tests.shared import SharedApp, SqliteCopies, finish_late_replies, remember_understanders

# A developer's .env (APP_ENV=production, a real DATABASE_URL) must never reach
# the tests or the app processes they start: wsgi.py and `flask` skip it.
os.environ["MZT_ENV_FILE"] = ""
os.environ["FLASK_SKIP_DOTENV"] = "1"

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL")
BACKENDS = ["embedded"] + (["services"] if TEST_DATABASE_URL and TEST_REDIS_URL else [])
# `python3 manage.py test` runs the suite in lanes at once (manage.py): each lane has its
# own temporary directory and database, and here its own Redis keys and RQ queue.
LANE = f"lane{os.environ['MZT_TEST_LANE']}-" if os.environ.get("MZT_TEST_LANE") else ""


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request, tmp_path_factory) -> dict:
    """Config for one backend; its schema is created once per test session."""
    if request.param == "services":
        config = {"SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL, "REDIS_URL": TEST_REDIS_URL}
    else:
        path = tmp_path_factory.mktemp("db") / "test.db"
        config = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "REDIS_URL": None}
    # Nothing of the run under instance/ (shared by every run in this tree): spooled
    # deliveries in the run's temporary directory, keys and jobs the lane's own.
    config.update(SPOOL_DIR=str(tmp_path_factory.mktemp("spool")), RQ_QUEUE=f"mzt-test-{LANE}q",
                  REDIS_PREFIX=f"mzt-test-{LANE}shared:")
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


@pytest.fixture(scope="session", autouse=True)
def _understanders():
    """One understander per distinct knowledge snapshot for the whole run."""
    with pytest.MonkeyPatch.context() as patch:
        remember_understanders(patch)
        yield


@pytest.fixture(scope="session")
def shared_app(backend) -> SharedApp:
    """The backend's one app, built once per test session."""
    built = SharedApp(backend)
    with pytest.MonkeyPatch.context() as patch:
        if isinstance(built.database, SqliteCopies):
            built.database.remember_live(patch, built.app)
        yield built
    built.close()


def _prefix() -> str:
    return f"mzt-test-{LANE}{uuid.uuid4().hex[:8]}:"


@pytest.fixture
def app(request, backend, shared_app):
    """An app as create_app builds it, with an empty database and its own Redis key space."""
    seeded_test = "seeded" in request.fixturenames
    if request.node.get_closest_marker("own_app"):
        config = dict(backend)
        name = config.pop("name")
        app = create_app(dict(config, REDIS_PREFIX=_prefix()))
        app.config["BACKEND"] = name
    else:
        app = shared_app.fresh(_prefix())
    # Every test's database starts again at knowledge version 0: forget the last test's bot.
    live.forget()
    understanding.forget()
    with app.app_context():
        shared_app.database.start(app, seeded_test)
        yield app
        finish_late_replies()
        db.session.remove()
        shared_app.database.end(app)
        db.engine.dispose()
        _drop_keys(app)
    if app is shared_app.app:
        shared_app.check()


def _drop_keys(app) -> None:
    client = app.extensions.get("mzt.redis")
    if client is None:
        return
    keys = list(client.scan_iter(match=app.config["REDIS_PREFIX"] + "*", count=500))
    if keys:
        client.delete(*keys)


@pytest.fixture
def seeded(app):
    """The sample knowledge base and demo accounts, as `flask seed` loads them.

    The `app` fixture copies them in (seeded once per test session, tests.shared).
    """
    return app


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the test run (tests/browser: launching it took a short test's time)."""
    import shutil

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=shutil.which("chromium") or shutil.which("chromium-browser"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield launched
        launched.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
