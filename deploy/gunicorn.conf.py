"""gunicorn settings: `gunicorn -c deploy/gunicorn.conf.py wsgi:app`.

Every figure can be overridden by the environment (or on the command line).
"""
import multiprocessing
import os
import re
from pathlib import Path

from dotenv import load_dotenv

# The figures below come from .env too (as wsgi.py reads it; the environment wins).
_env_file = os.environ.get("MZT_ENV_FILE", str(Path(__file__).resolve().parent.parent / ".env"))
if _env_file:
    load_dotenv(_env_file, override=False)

INSTANCE = Path(__file__).resolve().parent.parent / "instance"

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
# The path only (%(U)s), never the request line (%(r)s), the query (%(q)s) or
# the referrer: WeChat signs in the query (signature, nonce, openid) and
# Open311 clients pass api_key there. The client address is the proxy's
# X-Forwarded-For (PROXY_COUNT=1 behind nginx).
access_log_format = ('%(h)s "%({x-forwarded-for}i)s" %(t)s "%(m)s %(U)s %(H)s" '
                     '%(s)s %(B)s %(M)sms "%(a)s"')
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# Load the app (and its knowledge index) in each worker after the fork, so no
# database or Redis connection is shared between processes.
preload_app = False
# One control socket and pid file per process group: gunicorn's default
# control socket is one path per user, so a second group on the host would
# take it over. The systemd unit puts both in its own RuntimeDirectory.
control_socket = (os.environ.get("GUNICORN_CONTROL_SOCKET")
                  or str(INSTANCE / f"gunicorn-{re.sub(r'[^A-Za-z0-9.]+', '-', bind)}.ctl"))
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
