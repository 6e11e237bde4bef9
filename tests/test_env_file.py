""".env.example reads the same to python-dotenv, bash and systemd; every entry point loads .env."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from dotenv import dotenv_values

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / ".env.example"
COMMENTED_ASSIGNMENT = re.compile(r"^# ([A-Z][A-Z0-9_]*=.*)$")


def systemd_values(text: str) -> dict[str, str]:
    """EnvironmentFile= as systemd reads it (env-file.c's state machine, no expansion)."""
    values: dict[str, str] = {}
    state, key, value = "pre_key", "", ""
    for char in text + "\n":
        if state == "pre_key":
            if char in "#;":
                state = "comment"
            elif not char.isspace():
                state, key = "key", char
        elif state == "key":
            if char == "\n":
                state = "pre_key"  # a name without "=" is ignored
            elif char == "=":
                state, key, value = "pre_value", key.rstrip(), ""
            else:
                key += char
        elif state == "comment":
            if char == "\n":
                state = "pre_key"
        elif state in ("pre_value", "value"):
            if char == "\n":
                values[key] = value.rstrip() if state == "value" else value
                state = "pre_key"
            elif state == "pre_value" and char.isspace():
                continue
            elif char == "'":
                state = "single"
            elif char == '"':
                state = "double"
            elif char == "\\":
                state = "escape"
            else:
                state, value = "value", value + char
        elif state == "escape":
            state, value = "value", value + ("" if char == "\n" else char)
        elif state == "single":
            state, value = ("pre_value", value) if char == "'" else ("single", value + char)
        elif state == "double":
            if char == '"':
                state = "pre_value"
            elif char == "\\":
                state = "double_escape"
            else:
                value += char
        elif state == "double_escape":
            value += char if char in '"\\`$' else ("" if char == "\n" else "\\" + char)
            state = "double"
    return values


def bash_values(path: Path) -> dict[str, str]:
    """What `set -a; . .env` exports, beyond what a bare bash already has."""
    script = 'set -a; . "$1" >/dev/null; set +a; env -0'
    base = _env0(subprocess.run(["env", "-i", "bash", "--noprofile", "--norc", "-c", "env -0"],
                                capture_output=True, check=True).stdout)
    result = subprocess.run(["env", "-i", "bash", "--noprofile", "--norc", "-c", script, "bash",
                             str(path)], capture_output=True)
    assert result.returncode == 0 and not result.stderr, result.stderr.decode()
    loaded = _env0(result.stdout)
    return {k: v for k, v in loaded.items() if k not in base and k != "_"}


def _env0(raw: bytes) -> dict[str, str]:
    pairs = [item.split("=", 1) for item in raw.decode().split("\0") if item]
    return {k: v for k, v in pairs}


def _three_ways(path: Path) -> tuple[dict, dict, dict]:
    dotenv = {k: v or "" for k, v in dotenv_values(path).items()}
    return dotenv, bash_values(path), systemd_values(path.read_text(encoding="utf-8"))


def test_example_reads_the_same_three_ways():
    dotenv, bash, systemd = _three_ways(EXAMPLE)
    assert {"APP_ENV", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "PII_KEY"} <= set(dotenv)
    assert dotenv == bash == systemd


def test_the_defaults_shown_read_the_same_three_ways_once_uncommented(tmp_path):
    lines = [m.group(1) for line in EXAMPLE.read_text(encoding="utf-8").splitlines()
             if (m := COMMENTED_ASSIGNMENT.match(line))]
    assert len(lines) >= 10
    uncommented = tmp_path / "env"
    uncommented.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dotenv, bash, systemd = _three_ways(uncommented)
    assert len(dotenv) == len(lines)
    assert dotenv == bash == systemd
    assert dotenv["RATELIMIT_RESIDENT"] == "20 per minute"


def test_the_three_parsers_do_disagree_on_an_inline_comment(tmp_path):
    # The check above can fail: the old example's inline comments read differently.
    path = tmp_path / "env"
    path.write_text("REPLY_BUDGET=4                 # seconds\n", encoding="utf-8")
    dotenv, _, systemd = _three_ways(path)
    assert dotenv["REPLY_BUDGET"] == "4"
    assert systemd["REPLY_BUDGET"] == "4                 # seconds"


def _wsgi_config(env_file: Path, **env) -> dict:
    """Import wsgi the way gunicorn does, in a clean process, and report its config."""
    code = ("import json, wsgi; c = wsgi.app.config; print(json.dumps({k: str(c[k]) for k in "
            "('SECRET_KEY', 'SQLALCHEMY_DATABASE_URI', 'SIMULATOR_ENABLED', 'WECHAT_TOKEN')}))")
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("SECRET_", "DATABASE_", "SIMULATOR_", "WECHAT_", "APP_ENV"))}
    base.update(MZT_ENV_FILE=str(env_file), LOG_LEVEL="WARNING", **env)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def env_file(tmp_path) -> Path:
    path = tmp_path / ".env"
    path.write_text(f"SECRET_KEY=from-the-file\nDATABASE_URL=sqlite:///{tmp_path / 'e.db'}\n"
                    "SIMULATOR_ENABLED=false\nWECHAT_TOKEN=file-token\n", encoding="utf-8")
    return path


def test_wsgi_loads_the_env_file(env_file, tmp_path):
    config = _wsgi_config(env_file)
    assert config["SECRET_KEY"] == "from-the-file"
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'e.db'}"
    assert config["SIMULATOR_ENABLED"] == "False"


def test_the_environment_wins_over_the_env_file(env_file):
    config = _wsgi_config(env_file, WECHAT_TOKEN="from-systemd")
    assert config["WECHAT_TOKEN"] == "from-systemd"
    assert config["SECRET_KEY"] == "from-the-file"


def test_gunicorn_settings_read_the_env_file(tmp_path):
    path = tmp_path / ".env"
    path.write_text("WEB_CONCURRENCY=3\nGUNICORN_BIND=127.0.0.1:8123\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("WEB_CONCURRENCY", "GUNICORN_BIND")}
    env["MZT_ENV_FILE"] = str(path)
    code = ("import runpy; s = runpy.run_path('deploy/gunicorn.conf.py'); "
            "print(s['workers'], s['bind'])")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    assert result.stdout.split() == ["3", "127.0.0.1:8123"]


def test_manage_py_reads_the_env_file_for_what_it_uses_itself(tmp_path, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("manage", ROOT / "manage.py")
    manage = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(manage)
    path = tmp_path / ".env"
    path.write_text('PORT=5123\nRATELIMIT_RESIDENT="20 per minute"\nSECRET_KEY=file\n',
                    encoding="utf-8")
    monkeypatch.setenv("MZT_ENV_FILE", str(path))
    monkeypatch.setenv("SECRET_KEY", "already-set")
    for name in ("PORT", "RATELIMIT_RESIDENT"):
        monkeypatch.delenv(name, raising=False)
    manage.load_env_file()
    assert os.environ["PORT"] == "5123"
    assert os.environ["RATELIMIT_RESIDENT"] == "20 per minute"
    assert os.environ["SECRET_KEY"] == "already-set"
