"""APP_ENV=production refuses example, weak or missing secrets and services, naming only the variable."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from core import create_app, pii, production
from core.production import ConfigError

ROOT = Path(__file__).resolve().parent.parent
GOOD_SECRET = "k3Jq9vX2pL7mR4tY8wZ1bN6cF5hD0sGa-long-enough"
GOOD_PII = Fernet.generate_key().decode()


def good_config(**changes) -> dict:
    config = {"APP_ENV": "production", "SECRET_KEY": GOOD_SECRET, "PII_KEY": GOOD_PII,
              "REDIS_URL": "redis://127.0.0.1:6379/12",
              "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://mzt@127.0.0.1:5432/mzt_ops"}
    config.update(changes)
    return config


def refusal(**changes) -> str:
    with pytest.raises(ConfigError) as raised:
        create_app(good_config(**changes))
    return str(raised.value)


def test_a_complete_production_config_has_no_problem():
    assert production.problems(good_config()) == []


@pytest.mark.parametrize("value", ["change-me-to-a-long-random-string", "dev-only-change-me",
                                   "short-but-random-Xy7", "ab" * 30, ""])
def test_example_or_weak_secret_key_is_refused(value):
    message = refusal(SECRET_KEY=value)
    assert "SECRET_KEY" in message
    assert not value or value not in message


@pytest.mark.parametrize("value", [None, "", "not-a-fernet-key", "A" * 43 + "=", GOOD_SECRET])
def test_missing_invalid_or_weak_pii_key_is_refused(value):
    message = refusal(PII_KEY=value)
    assert "PII_KEY" in message
    assert not value or value not in message


def test_pii_key_equal_to_secret_key_is_refused():
    assert "PII_KEY" in refusal(SECRET_KEY=GOOD_PII)


def test_missing_redis_url_is_refused():
    assert "REDIS_URL" in refusal(REDIS_URL=None)


@pytest.mark.parametrize("url", ["", "sqlite:////srv/minzhengtong/instance/minzhengtong.db"])
def test_missing_or_sqlite_database_url_is_refused(url):
    assert "DATABASE_URL" in refusal(SQLALCHEMY_DATABASE_URI=url)


def test_every_problem_is_listed_at_once():
    message = refusal(SECRET_KEY="x", PII_KEY=None, REDIS_URL=None, SQLALCHEMY_DATABASE_URI="")
    for name in ("SECRET_KEY", "PII_KEY", "REDIS_URL", "DATABASE_URL"):
        assert name in message


def test_embedded_setup_is_not_checked(tmp_path):
    app = create_app({"SECRET_KEY": "test", "REDIS_URL": None, "LOG_LEVEL": "WARNING",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'e.db'}"})
    assert app.config["APP_ENV"] == "embedded"


def test_production_never_derives_the_pii_key_from_secret_key(app):
    app.config.update(APP_ENV="production", PII_KEY=None)
    with pytest.raises(ConfigError, match="PII_KEY"):
        pii.encrypt("320102199001011234")


def test_gunicorn_refuses_to_load_with_the_example_env_file():
    # The operator's first start, exactly as the README's steps would have it.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SECRET_", "DATABASE_", "REDIS_", "PII_", "APP_ENV"))}
    env.update(MZT_ENV_FILE=str(ROOT / ".env.example"), LOG_LEVEL="WARNING")
    result = subprocess.run([sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "ConfigError" in result.stderr and "SECRET_KEY" in result.stderr
    assert "PII_KEY" in result.stderr
    assert "change-me-to-a-long-random-string" not in result.stderr
