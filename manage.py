#!/usr/bin/env python3
"""Set up .venv/ and run the bot or the tests: `python3 manage.py run|test|chat`.

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


def ensure_venv(requirements: str) -> None:
    """Create .venv/ and install the pinned requirements when they changed."""
    if not (BIN / "python").exists():
        print("创建虚拟环境 .venv/ …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    files = [ROOT / requirements, ROOT / "requirements.txt"]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:16]
    stamp = VENV / f".installed-{requirements}-{digest}"
    if stamp.exists():
        return
    print(f"安装依赖（{requirements}）…", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["-r", str(ROOT / requirements)], check=True)
    stamp.touch()


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
    ensure_venv("requirements.txt")
    load_env_file()
    flask("db", "upgrade")
    flask("seed")
    port = os.environ.get("PORT", "5000")
    print(f"\n民政通已启动：\n  聊天模拟器  http://127.0.0.1:{port}/simulator\n"
          f"  管理后台    http://127.0.0.1:{port}/admin/  （演示账号见 README）\n"
          f"  微信接口    http://127.0.0.1:{port}/wechat\n按 Ctrl+C 停止。\n", flush=True)
    return subprocess.call([str(BIN / "flask"), "--app", "wsgi", "run", "--port", port, *args],
                           cwd=ROOT)


def test(args: list[str]) -> int:
    ensure_venv("requirements-dev.txt")
    return subprocess.call([str(BIN / "python"), "-m", "pytest", *args], cwd=ROOT)


def chat(args: list[str]) -> int:
    ensure_venv("requirements.txt")
    load_env_file()
    flask("db", "upgrade")
    flask("seed")
    return subprocess.call([str(BIN / "flask"), "--app", "wsgi", "chat", *args], cwd=ROOT)


COMMANDS = {"run": run, "test": test, "chat": chat}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"用法：python3 manage.py {{{'|'.join(COMMANDS)}}} [参数…]")
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))
