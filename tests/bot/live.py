"""Real processes for fault and multi-process tests: redis-server, gunicorn, a fake WeChat API.

Everything binds to 127.0.0.1 on a free port and every wait is bounded.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return bool(check())


def port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Signal a process group we started, then make sure it is gone."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for children in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                kids = [int(c) for c in children.read_text().split()]
            except OSError:  # the task ended meanwhile
                continue
            found += kids
            todo += kids
    return found


def kill_unit(proc: subprocess.Popen) -> None:
    """SIGKILL a process and all its descendants at once, as systemd stops a unit.

    RQ's work-horse runs in a process group of its own, so signalling the
    worker's group alone would leave it running its job.
    """
    if proc.poll() is not None:
        return
    # Freeze first, so the worker cannot see its work-horse die and report the job failed.
    frozen = []
    for pid in [proc.pid, *_descendants(proc.pid)]:
        try:
            os.kill(pid, signal.SIGSTOP)
            frozen.append(pid)
        except ProcessLookupError:
            pass
    for pid in frozen + _descendants(proc.pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait(timeout=10)


class RedisServer:
    """A private redis-server on a free loopback port, safe to kill."""

    available = shutil.which("redis-server") is not None

    def __init__(self, directory: str | None = None) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = None
        # With a directory, a restart loads the snapshot last saved there (SAVE).
        self.directory = directory

    def start(self) -> RedisServer:
        where = ["--dir", self.directory] if self.directory else []
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--protected-mode", "yes", *where],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        assert wait_until(lambda: port_open(self.port), 10), "redis-server did not start"
        return self

    def kill(self) -> None:
        stop(self.proc, signal.SIGKILL)


def app_env(**overrides) -> dict:
    """Environment for an app subprocess, sharing the test's token and services."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "DATABASE_"))}
    env.update(PYTHONPATH=str(ROOT), WECHAT_TOKEN="testtoken", WECHAT_APPID="wx1234567890abcdef",
               SECRET_KEY="test", LOG_LEVEL="WARNING", SIMULATOR_ENABLED="true",
               KNOWLEDGE_CHECK_SECONDS="0")
    env.update({k: str(v) for k, v in overrides.items() if v is not None})
    return env


def gunicorn(port: int, env: dict) -> subprocess.Popen:
    """One gunicorn (1 sync worker) serving wsgi:app on a loopback port."""
    proc = subprocess.Popen([PYTHON, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}",
                             "--log-level", "warning", "wsgi:app"], cwd=ROOT, env=env,
                            start_new_session=True)
    return proc


def flask(args: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen([PYTHON, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, env=env,
                            start_new_session=True)


class FakeWeChatAPI:
    """api.weixin.qq.com on loopback: records customer-service sends.

    `hang_first` requests (or those numbered in `hang_calls`, from 1) are held
    without an answer (until `release`), which is what a worker sees when it
    dies mid-send.
    """

    def __init__(self, hang_first: int = 0, hang_calls: tuple[int, ...] = ()) -> None:
        self.calls: list[dict] = []
        self.answered = 0
        self.hang_first = hang_first
        self.hang_calls = set(hang_calls)
        self.release = threading.Event()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                api.calls.append({"path": self.path, "body": json.loads(body or b"{}")})
                if len(api.calls) <= api.hang_first or len(api.calls) in api.hang_calls:
                    api.release.wait(timeout=30)
                    return
                payload = b'{"errcode": 0, "errmsg": "ok"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                api.answered += 1

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/cgi-bin/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeWeChatAPI:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
