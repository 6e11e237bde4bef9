"""Application factory: config, extensions, then each feature package."""
from __future__ import annotations

import logging
import os

from flask import Flask

from core import fakeclock, production, redact, sqlite  # noqa: F401  (sqlite: transaction hooks)
from core.config import INSTANCE, config_for_env
from core.extensions import csrf, db, login_manager, migrate

FEATURES = ("accounts", "conversations", "knowledge", "intents", "notifications", "forms",
            "applications", "volunteers", "handoff", "orders", "phrases", "handlers", "bot", "admin")


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, environment, then the test override."""
    app = Flask(__name__, instance_path=str(INSTANCE))
    app.config.from_object(config_for_env())
    if test_config:
        app.config.from_mapping(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = _driver_url(app.config["SQLALCHEMY_DATABASE_URI"])
    production.check(app.config)
    fakeclock.configure()  # tests' simulated clock: read once here, not per clock read
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = _engine_options(app.config)
    os.makedirs(app.instance_path, exist_ok=True)
    logging.basicConfig(level=app.config.get("LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    redact.install_filters()

    app.json.ensure_ascii = False  # Chinese in JSON responses stays readable
    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(app.root_path, "..", "migrations"),
                     render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    login_manager.init_app(app)

    app.extensions["mzt.pid"] = os.getpid()
    if app.config.get("PROXY_COUNT"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    from core import cli, health, http, official_days, ratelimit, store, unit, worker

    http.init_app(app)
    unit.init_app(app)
    store.init_app(app)
    ratelimit.init_app(app)
    cli.init_app(app)
    official_days.init_app(app)
    worker.init_app(app)
    app.register_blueprint(health.bp)
    import importlib

    for name in FEATURES:
        importlib.import_module(name).init_app(app)
    http.scope_browser_hooks(app)
    return app


def _engine_options(config) -> dict:
    """The configured pool size; SQLite keeps SQLAlchemy's own pool (one file, one process)."""
    # SQL errors quote their parameters (residents' messages, names, phones)
    # in the exception text that ends up in logs: never.
    options = {**(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {}), "hide_parameters": True}
    if not config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        options.setdefault("pool_size", config["DB_POOL_SIZE"])
        options.setdefault("max_overflow", config["DB_MAX_OVERFLOW"])
        options.setdefault("pool_recycle", config["DB_POOL_RECYCLE"])
    return options


def _driver_url(url: str) -> str:
    """postgresql:// URLs use psycopg 3, the driver we install."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
