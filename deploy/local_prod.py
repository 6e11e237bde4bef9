#!/usr/bin/env python3
"""The README's production layout on loopback, smoke-tested through nginx.

    .venv/bin/python deploy/local_prod.py             # bring up, smoke test, tear down
    .venv/bin/python deploy/local_prod.py --hold 300  # and stay up 300 s to look around

A fresh database on the local PostgreSQL (mzt_smoke_<random>, dropped at
exit), a private redis-server (its own port and directory, appendonly yes),
two gunicorn process groups (deploy/gunicorn.conf.py), `flask worker`,
`flask scheduler`, and nginx running deploy/nginx.conf over TLS with a
self-signed certificate made for the run (only ports, upstreams, the log path
and the certificate are substituted). Every setting is passed in the
environment (APP_ENV=production, generated SECRET_KEY and PII_KEY), so the
run works with or without a `.env` in the checkout. It is bounded by
--timeout, and everything it started is stopped on exit, error or signal.
"""
from __future__ import annotations

import argparse
import base64
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ADMIN_URL = os.environ.get("MZT_SMOKE_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
# An operator's edited copy can be smoke-tested in place of the sample.
NGINX_CONF = Path(os.environ.get("MZT_SMOKE_NGINX_CONF", ROOT / "deploy" / "nginx.conf"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Exited(RuntimeError):
    """A process of the layout stopped by itself."""


def wait_for(what: str, check, timeout: float, step: float = 0.2) -> None:
    """Poll `check` until it is true; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exited:
            raise
        except Exception:  # not up yet: connection refused, 502 while a worker boots
            pass
        time.sleep(step)
    raise RuntimeError(f"{what}: not ready after {timeout:.0f} s")


class Layout:
    """Every process and resource of one run; `close()` undoes all of it."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.procs: dict[str, subprocess.Popen] = {}
        self.database: str | None = None
        self.ports = {name: free_port() for name in ("redis", "web1", "web2", "https", "http")}
        self.env: dict[str, str] = {}

    def start(self, name: str, argv: list[str], env: dict | None = None) -> subprocess.Popen:
        """Start a long-running process in its own process group, output to tmp/<name>.log."""
        with open(self.tmp / f"{name}.log", "ab") as out:
            proc = subprocess.Popen(argv, cwd=ROOT, env=env or self.env, stdout=out,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        self.procs[name] = proc
        return proc

    def run(self, name: str, argv: list[str], timeout: float = 60) -> str:
        """Run a command to completion in the layout's environment; its output on failure."""
        result = subprocess.run(argv, cwd=ROOT, env=self.env, capture_output=True, text=True,
                                timeout=timeout)
        (self.tmp / f"{name}.log").write_text(result.stdout + result.stderr, encoding="utf-8")
        if result.returncode != 0:
            raise RuntimeError(f"{name} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
        return result.stdout

    def alive(self) -> None:
        """Fail if any started process has exited."""
        dead = [name for name, proc in self.procs.items() if proc.poll() is not None]
        if dead:
            raise Exited(f"exited early: {', '.join(dead)} (see their logs below)")

    def log(self, name: str) -> str:
        path = self.tmp / name
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def close(self) -> None:
        """Stop the processes (newest first), drop the database."""
        for name in reversed(list(self.procs)):
            stop(self.procs[name])
        if self.database:
            drop_database(self.database)
            self.database = None


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM a process group we started, SIGKILL it after 10 s."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
    except ProcessLookupError:
        pass


def create_database() -> tuple[str, str]:
    """A new, empty database on the local server: (name, URL)."""
    import psycopg

    name = f"mzt_smoke_{secrets.token_hex(4)}"
    with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name, ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(layout: Layout, database_url: str, api_base: str) -> dict[str, str]:
    """The environment of every app process: production, fresh secrets, this run's services."""
    from cryptography.fernet import Fernet

    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TZ")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env.update(
        APP_ENV="production", SECRET_KEY=secrets.token_urlsafe(48),
        PII_KEY=Fernet.generate_key().decode(), DATABASE_URL=database_url,
        REDIS_URL=f"redis://127.0.0.1:{layout.ports['redis']}/0",
        WECHAT_TOKEN=secrets.token_hex(16), WECHAT_APPID="wx" + secrets.token_hex(8),
        WECHAT_SECRET=secrets.token_hex(16),
        # Safe mode, as the README recommends: a 43-character EncodingAESKey.
        WECHAT_AES_KEY=base64.b64encode(os.urandom(32)).decode()[:43],
        WECHAT_API_BASE=api_base, NOTIFY_VIA="wechat", PROXY_COUNT="1",
        SIMULATOR_ENABLED="false", SPOOL_DIR=str(layout.tmp / "spool"), LOG_LEVEL="INFO",
        WEB_CONCURRENCY="2", PYTHONUNBUFFERED="1", LANG=os.environ.get("LANG", "C.UTF-8"))
    return env


def share_token(layout: Layout) -> None:
    """Store the access token as if another process had fetched it.

    wechatpy fetches tokens from api.weixin.qq.com whatever WECHAT_API_BASE
    says, and this run is loopback only; sends then go to the fake API.
    """
    import json

    import redis

    key = f"mzt:wechatpy:{layout.env['WECHAT_APPID']}_access_token"
    redis.Redis(port=layout.ports["redis"]).set(key, json.dumps("smoke-token"), ex=3600)


def start_redis(layout: Layout) -> None:
    data = layout.tmp / "redis"
    data.mkdir()
    layout.start("redis", ["redis-server", "--port", str(layout.ports["redis"]),
                           "--bind", "127.0.0.1", "--dir", str(data), "--appendonly", "yes",
                           "--save", "", "--protected-mode", "yes", "--daemonize", "no"])
    import redis

    client = redis.Redis(port=layout.ports["redis"], socket_timeout=1)
    wait_for("redis-server", client.ping, 10)


def flask(*args: str) -> list[str]:
    return [PYTHON, "-m", "flask", "--app", "wsgi", *args]


def start_app(layout: Layout) -> None:
    """Two gunicorn process groups, the worker and the scheduler."""
    for name in ("web1", "web2"):
        env = dict(layout.env, GUNICORN_BIND=f"127.0.0.1:{layout.ports[name]}",
                   GUNICORN_ACCESSLOG=str(layout.tmp / f"{name}.access.log"),
                   GUNICORN_CONTROL_SOCKET=str(layout.tmp / f"{name}.ctl"),
                   GUNICORN_PIDFILE=str(layout.tmp / f"{name}.pid"))
        layout.start(name, [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py",
                            "wsgi:app"], env)
    layout.start("worker", flask("worker", "--name", "mzt-smoke-worker"))
    layout.start("scheduler", flask("scheduler"))


def render_nginx(text: str, layout: Layout, cert: Path, key: Path) -> str:
    """deploy/nginx.conf with this run's ports, upstreams, certificate and log path."""
    ports = layout.ports
    swaps = [
        (r"server 127\.0\.0\.1:8000;", f"server 127.0.0.1:{ports['web1']};"),
        (r"server 127\.0\.0\.1:8001;", f"server 127.0.0.1:{ports['web2']};"),
        (r"listen 443 ssl http2;", f"listen 127.0.0.1:{ports['https']} ssl http2;"),
        (r"listen 80;", f"listen 127.0.0.1:{ports['http']};"),
        (r"ssl_certificate +/etc/ssl/mzt/fullchain\.pem;", f"ssl_certificate {cert};"),
        (r"ssl_certificate_key +/etc/ssl/mzt/privkey\.pem;", f"ssl_certificate_key {key};"),
        (r"/var/log/nginx/mzt\.access\.log", str(layout.tmp / "nginx.access.log")),
    ]
    for pattern, replacement in swaps:
        text, count = re.subn(pattern, replacement, text)
        if count == 0:
            raise RuntimeError(f"deploy/nginx.conf no longer has {pattern!r}: update render_nginx")
    return text


def nginx_main(layout: Layout, site: Path) -> str:
    """A top-level nginx.conf around the site file, with every path in tmp."""
    tmp = layout.tmp / "nginx"
    temps = "\n".join(f"    {kind}_temp_path {tmp}/{kind};"
                      for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, nginx's workers would otherwise run as nobody, who cannot enter tmp (0700).
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (f"{user}daemon off;\nworker_processes 1;\npid {tmp}/nginx.pid;\n"
            f"error_log {layout.tmp}/nginx.error.log warn;\n"
            f"events {{ worker_connections 256; }}\nhttp {{\n{temps}\n"
            f"    include /etc/nginx/mime.types;\n    include {site};\n}}\n")


def start_nginx(layout: Layout) -> Path:
    """nginx with deploy/nginx.conf and a self-signed certificate; returns the certificate."""
    tmp = layout.tmp / "nginx"
    tmp.mkdir()
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=mzt.example.gov.cn", "-keyout", str(key), "-out", str(cert),
                    "-addext", "subjectAltName=DNS:mzt.example.gov.cn,DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=30)
    site = tmp / "site.conf"
    site.write_text(render_nginx(NGINX_CONF.read_text(encoding="utf-8"),
                                 layout, cert, key), encoding="utf-8")
    main = tmp / "nginx.conf"
    main.write_text(nginx_main(layout, site), encoding="utf-8")
    argv = [nginx_binary(), "-p", str(tmp), "-e", str(layout.tmp / "nginx.error.log"),
            "-c", str(main)]
    subprocess.run(argv + ["-t", "-q"], check=True, capture_output=True, timeout=30)
    layout.start("nginx", argv)
    wait_for("nginx", lambda: socket.create_connection(("127.0.0.1", layout.ports["https"]),
                                                       timeout=0.5).close() or True, 10)
    return cert


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None)
    if found is None:
        raise RuntimeError("nginx is not installed (apt-get install -y nginx)")
    return found


def bring_up(layout: Layout, api_base: str, timeout: float) -> Path:
    """Database, Redis, migrations and seed, the app processes and nginx; returns the cert."""
    start_redis(layout)
    layout.database, url = create_database()
    layout.env = production_env(layout, url, api_base)
    share_token(layout)
    layout.run("db-upgrade", flask("db", "upgrade"), timeout=timeout)
    layout.run("seed", flask("seed"), timeout=timeout)
    start_app(layout)
    cert = start_nginx(layout)
    import requests

    for name in ("web1", "web2"):
        url = f"http://127.0.0.1:{layout.ports[name]}/healthz"
        # wait_for calls the check before the loop moves on, so binding url now is exact.
        wait_for(name, lambda url=url: layout.alive() or requests.get(url, timeout=2).ok, timeout)
    return cert


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=150,
                        help="bring-up and smoke, seconds (teardown comes after)")
    parser.add_argument("--hold", type=float, default=0, help="stay up this long after the smoke")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import smoke_checks

    return smoke_checks.run(args.timeout, args.hold)


if __name__ == "__main__":
    sys.exit(main())
