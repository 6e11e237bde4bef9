"""gunicorn settings: `gunicorn -c deploy/gunicorn.conf.py wsgi:app`.

Every figure can be overridden by the environment (or on the command line).
"""
import multiprocessing
import os
from pathlib import Path

from dotenv import load_dotenv

# The figures below come from .env too (as wsgi.py reads it; the environment wins).
_env_file = os.environ.get("MZT_ENV_FILE", str(Path(__file__).resolve().parent.parent / ".env"))
if _env_file:
    load_dotenv(_env_file, override=False)

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: each message is short CPU work plus a few loopback round
# trips; nginx in front buffers slow clients. The 5-second rule has its own
# small thread pool per worker (REPLY_BUDGET / REPLY_THREADS).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# (gthread with 4 threads measured no better on the load bench: the work is
# CPU under one GIL, and the waits are short loopback round trips.)
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Only for the threaded and async worker classes: a sync worker answers with
# "Connection: close", so nginx opens a new upstream connection per request.
keepalive = 2
# Recycle workers now and then so no leak can grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = 2000
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# Load the app (and its knowledge index) in each worker after the fork, so no
# database or Redis connection is shared between processes.
preload_app = False
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
