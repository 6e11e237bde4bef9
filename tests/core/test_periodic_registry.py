"""One periodic registry: the production app registers every package's jobs, the scheduler enqueues them."""
from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from cryptography.fernet import Fernet
from rq import Queue

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bot"))
from live import PYTHON, ROOT, RedisServer, app_env  # noqa: E402

from core.jobs import resolve  # noqa: E402

# Every package that has periodic work; a new one belongs here too.
EXPECTED = {"bot.tasks.replay_spooled", "conversations.tasks.flush_message_log",
            "notifications.tasks.retry_failed", "orders.tasks.sweep"}


def _production(redis_url: str, queue: str, tmp_path) -> dict:
    # What production insists on (core.production): strong secrets and PostgreSQL.
    # Registering and enqueueing reach no database, so without one a closed port does.
    return app_env(APP_ENV="production", SECRET_KEY="a-real-secret-for-the-periodic-registry-test",
                   PII_KEY=Fernet.generate_key().decode(),
                   REDIS_URL=redis_url, RQ_QUEUE=queue, REDIS_PREFIX=f"{queue}:",
                   DATABASE_URL=os.environ.get("TEST_DATABASE_URL")
                   or "postgresql://postgres@127.0.0.1:1/none")


_REGISTERED: list[set[str]] = []


def _registered(env: dict) -> set[str]:
    """What a production app registers (asked once per run: it depends on no queue or prefix)."""
    if not _REGISTERED:
        code = ("from core import create_app; from core.periodic import periodic_jobs; "
                "print(' '.join(p.dotted for p in periodic_jobs(create_app())))")
        out = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=120, check=True)
        _REGISTERED.append(set(out.stdout.split()))
    return set(_REGISTERED[0])


@pytest.fixture
def redis_url():
    """TEST_REDIS_URL (a queue name of the test's own), else a private redis-server."""
    if os.environ.get("TEST_REDIS_URL"):
        yield os.environ["TEST_REDIS_URL"]
        return
    if not RedisServer.available:
        pytest.skip("no TEST_REDIS_URL and redis-server is not installed")
    server = RedisServer().start()
    try:
        yield server.url
    finally:
        server.kill()


def test_production_app_registers_every_package_s_periodic_jobs(redis_url, tmp_path):
    env = _production(redis_url, f"mzt-periodic-{uuid.uuid4().hex[:8]}", tmp_path)
    registered = _registered(env)
    assert EXPECTED <= registered
    for dotted in registered:
        assert callable(resolve(dotted)), dotted


def test_scheduler_once_enqueues_each_periodic_job_including_the_sweep(redis_url, tmp_path):
    queue_name = f"mzt-periodic-{uuid.uuid4().hex[:8]}"
    env = _production(redis_url, queue_name, tmp_path)
    connection = redis.Redis.from_url(redis_url)
    queue = Queue(queue_name, connection=connection)
    try:
        done = subprocess.run([PYTHON, "-m", "flask", "--app", "wsgi", "scheduler", "--once"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        queued = [job.args[0] for job in queue.get_jobs()]
        assert sorted(queued) == sorted(_registered(env))
        assert EXPECTED <= set(queued)
        assert all(job.func_name == "core.jobs.run_in_app" for job in queue.get_jobs())
    finally:
        queue.empty()
        queue.delete(delete_jobs=True)


def test_no_second_scheduler_config_outside_the_registry():
    """The sweep once lived in an RQ cron file nothing started: only core.worker registers cron jobs.

    Reading RQ's cron history (the deploy smoke does) is not a second schedule."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith((".venv/", "tests/")) or rel == "core/worker.py":
            continue
        source = path.read_text(encoding="utf-8")
        if "cron.register(" in source:
            offenders.append(rel)
    assert offenders == []
