#!/usr/bin/env python3
"""Set up .venv/ and run the bot or the tests: `python3 manage.py run|test|lint|chat|lock`.

Standard library only, so it works on a fresh machine with just Python 3.11+.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
# Packages an earlier lock had -> the locked one with the same module name (both are
# `opencc`): never both. Both go, then the lock puts its own back whole.
REPLACED = {"opencc-python-reimplemented": "opencc"}


def ensure_venv(lock: str) -> None:
    """Create .venv/ and install the locked requirements (hash-checked) when they changed."""
    if not (BIN / "python").exists():
        print("创建虚拟环境 .venv/ …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / lock).read_bytes()).hexdigest()[:16]
    stamp = VENV / f".installed-{lock}-{digest}"
    if stamp.exists():
        return
    print(f"安装依赖（{lock}）…", flush=True)
    python = [str(BIN / "python"), "-m", "pip"]
    for old, new in REPLACED.items():
        if subprocess.run(python + ["show", "-q", old], capture_output=True).returncode == 0:
            subprocess.run(python + ["uninstall", "-y", "-q", old, new], check=True)
    pip = python + ["install", "--disable-pip-version-check", "-q"]
    # Every package, dependencies included, must match a hash in the lock file.
    subprocess.run(pip + ["--require-hashes", "-r", str(ROOT / lock)], check=True)
    stamp.touch()


def lock(args: list[str]) -> int:
    """Regenerate requirements*.lock from requirements*.txt with pip-tools, in a throwaway venv."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        venv.EnvBuilder(with_pip=True).create(tmp)
        tool = Path(tmp) / BIN.name
        # Hashes of what PyPI serves: no local mirror or wheel folder from pip's config.
        env = {k: v for k, v in os.environ.items()
               if k not in ("PIP_FIND_LINKS", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL")}
        env.update(CUSTOM_COMPILE_COMMAND="python3 manage.py lock", PIP_CONFIG_FILE=os.devnull)
        subprocess.run([str(tool / "python"), "-m", "pip", "install", "-q", "pip-tools==7.6.2"],
                       env=env, check=True)
        for name in ("requirements", "requirements-dev"):
            subprocess.run([str(tool / "pip-compile"), "-q", "--generate-hashes", "--no-strip-extras",
                            "--no-emit-index-url", "--no-emit-find-links", *args,
                            "--output-file", f"{name}.lock", f"{name}.txt"],
                           cwd=ROOT, env=env, check=True)
    return 0


def load_env_file() -> None:
    """Add .env's variables (parsed by python-dotenv in .venv) to those not already set.

    The flask and gunicorn processes read .env themselves (wsgi.py); this is for
    what manage.py reads itself (PORT). `test` never reads .env: tests are hermetic.
    """
    path = os.environ.get("MZT_ENV_FILE", str(ROOT / ".env"))
    if not path or not Path(path).is_file():
        return
    code = "import json, sys, dotenv; print(json.dumps(dotenv.dotenv_values(sys.argv[1])))"
    out = subprocess.run([str(BIN / "python"), "-c", code, path], check=True,
                         capture_output=True, text=True).stdout
    for key, value in json.loads(out).items():
        os.environ.setdefault(key, value or "")


def flask(*args: str) -> None:
    subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, check=True)


def run(args: list[str]) -> int:
    ensure_venv("requirements.lock")
    load_env_file()
    flask("db", "upgrade")
    flask("seed")
    # The learned reading beside the rules (intents/model.py); without it the rules answer alone.
    flask("nlu", "train")
    port = os.environ.get("PORT", "5000")
    print(f"\n民政通已启动：\n  聊天模拟器  http://127.0.0.1:{port}/simulator\n"
          f"  管理后台    http://127.0.0.1:{port}/admin/  （演示账号见 README）\n"
          f"  微信接口    http://127.0.0.1:{port}/wechat\n按 Ctrl+C 停止。\n", flush=True)
    return subprocess.call([str(BIN / "flask"), "--app", "wsgi", "run", "--port", port, *args],
                           cwd=ROOT)


def test(args: list[str]) -> int:
    ensure_venv("requirements-dev.lock")
    # Bytecode is kept (in the gitignored __pycache__/ folders) even where the shell says
    # PYTHONDONTWRITEBYTECODE: else the run and every app process the tests start compile
    # each module again, and pytest rewrites every test module's asserts again.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return subprocess.call([str(BIN / "python"), "-m", "pytest", *args], cwd=ROOT, env=env)


def lint(args: list[str]) -> int:
    """ruff and mypy as configured in pyproject.toml (CI runs this before the tests)."""
    ensure_venv("requirements-dev.lock")
    ruff = subprocess.call([str(BIN / "ruff"), "check", *args, "."], cwd=ROOT)
    mypy = subprocess.call([str(BIN / "mypy")], cwd=ROOT)
    return ruff or mypy


def chat(args: list[str]) -> int:
    ensure_venv("requirements.lock")
    load_env_file()
    flask("db", "upgrade")
    flask("seed")
    # The learned reading beside the rules (intents/model.py); without it the rules answer alone.
    flask("nlu", "train")
    return subprocess.call([str(BIN / "flask"), "--app", "wsgi", "chat", *args], cwd=ROOT)


COMMANDS = {"run": run, "test": test, "lint": lint, "chat": chat, "lock": lock}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"用法：python3 manage.py {{{'|'.join(COMMANDS)}}} [参数…]")
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))
