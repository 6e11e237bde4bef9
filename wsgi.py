"""Entry point for gunicorn (`wsgi:app`) and `flask --app wsgi` (worker, scheduler, commands).

`.env` beside this file is loaded before `core` is imported, because the
config classes read the environment at import. Variables already set (by
systemd's EnvironmentFile, the shell or a test) win over the file.
MZT_ENV_FILE names another file; set to empty, no file is read (the tests do).
"""
import os
from pathlib import Path

from dotenv import load_dotenv


def load_env_file() -> None:
    """Read .env (or MZT_ENV_FILE) without overriding the environment."""
    path = os.environ.get("MZT_ENV_FILE", str(Path(__file__).resolve().with_name(".env")))
    if path:
        load_dotenv(path, override=False)


load_env_file()

from core import create_app  # noqa: E402  (after the environment is complete)

app = create_app()
