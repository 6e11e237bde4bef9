"""Load benchmark: signed WeChat text messages from many residents, on loopback.

    .venv/bin/python bench/load_bench.py [--seconds 10] [--connections 16]
        [--database-url postgresql://...] [--redis-url redis://...]

Starts gunicorn (2 workers) on free loopback ports, one app at a time: ours (wsgi:app)
and the protocol-only echo (bench/echo_app.py). Each gets the same load:
`--connections` concurrent clients sending signed text messages from
`--residents` simulated residents, questions drawn from the development set.
Between them it runs bench/floor_app.py: the echo plus the two store round
trips a stateless worker must make per message, the most any design meeting
the other production requirements could reach here. Reports throughput,
p50/p99 latency and errors for all three, our throughput as shares of the
floor's and the echo's, our p99 against the floor's, and the load average. Every loop is bounded by --seconds.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
TOKEN = "benchtoken"
# The bureau's development set beside the checkout (or a worktree's), else its shipped copy.
QUESTIONS = next((p for p in (ROOT.parent / "shared" / "eval" / "dev.jsonl",
                              ROOT.parent.parent / "shared" / "eval" / "dev.jsonl",
                              ROOT / "tests" / "data" / "shared-dev.jsonl") if p.exists()),
                 ROOT / "tests" / "data" / "shared-dev.jsonl")
WARM_UP = 60
FALLBACK = ["低保要准备哪些材料", "高龄津贴怎么申请", "婚姻登记要带什么", "临时救助的条件"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def questions() -> list[str]:
    if not QUESTIONS.exists():
        return FALLBACK
    rows = [json.loads(line)["text"] for line in QUESTIONS.read_text("utf-8").splitlines()]
    return [text for text in rows if text] or FALLBACK


def request_bytes(port: int, user: str, text: str, msg_id: int, host: str = "127.0.0.1") -> bytes:
    """One signed POST /wechat with a text message, as WeChat's servers send it."""
    from wechatpy.utils import WeChatSigner

    timestamp, nonce = str(int(time.time())), str(msg_id)
    signer = WeChatSigner()
    signer.add_data(TOKEN, timestamp, nonce)
    query = urlencode({"signature": signer.signature, "timestamp": timestamp, "nonce": nonce})
    body = (f"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName>"
            f"<FromUserName><![CDATA[{user}]]></FromUserName>"
            f"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{text}]]></Content><MsgId>{msg_id}</MsgId></xml>").encode()
    head = (f"POST /wechat?{query} HTTP/1.1\r\nHost: {host}:{port}\r\n"
            f"Content-Type: text/xml\r\nContent-Length: {len(body)}\r\n"
            f"Connection: close\r\n\r\n").encode()
    return head + body


async def one(port: int, payload: bytes, host: str = "127.0.0.1") -> tuple[float, bool]:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(payload)
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), timeout=10)
    finally:
        writer.close()
    ok = data.startswith(b"HTTP/1.1 200") and b"<xml>" in data
    return time.perf_counter() - started, ok


async def drive(port: int, seconds: float, connections: int, residents: int,
                texts: list[str], base_id: int, hosts: tuple[str, ...] = ("127.0.0.1",)) -> dict:
    """`connections` clients send back to back for `seconds`, spread over `hosts`."""
    latencies, errors, counter = [], 0, [base_id]
    deadline = time.monotonic() + seconds

    async def client(index: int) -> None:
        nonlocal errors
        host = hosts[index % len(hosts)]
        while time.monotonic() < deadline:
            counter[0] += 1
            n = counter[0]
            payload = request_bytes(port, f"oBench{n % residents:06d}", texts[n % len(texts)], n,
                                    host)
            try:
                latency, ok = await one(port, payload, host)
            except (TimeoutError, OSError):
                latency, ok = 0.0, False
            if ok:
                latencies.append(latency)
            else:
                errors += 1

    started = time.monotonic()
    await asyncio.gather(*(client(i) for i in range(connections)))
    elapsed = time.monotonic() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return {"requests": len(latencies) + errors, "errors": errors,
            "rps": len(latencies) / elapsed, "p50_ms": pick(0.50) if latencies else 0,
            "p99_ms": pick(0.99) if latencies else 0,
            "mean_ms": statistics.fmean(latencies) * 1000 if latencies else 0}


def start(target: str, port: int, env: dict) -> subprocess.Popen:
    cmd = [PYTHON, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}",
           "--log-level", "warning", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), target]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)


def wait_ready(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server on {port} exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"server on {port} did not start within {timeout} s")


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def prepare(env: dict) -> None:
    """Schema and sample data in the target database, without an earlier run's traces.

    Earlier runs' tickets would turn later runs' residents into handoff
    conversations (a database write per message): every run starts alike.
    """
    code = ("from core import create_app; from core.extensions import db; "
            "from core.audit import AuditEntry; "
            "from conversations.models import MessageLog, MissedQuestion; "
            "from handoff.models import Ticket, TicketMessage\n"
            "app = create_app()\nwith app.app_context():\n"
            "    db.create_all()\n"
            "    [s() for _, s in sorted(app.extensions['mzt.seeders'], key=lambda s: s[0])]\n"
            "    for model in (MessageLog, MissedQuestion, TicketMessage):\n"
            "        db.session.query(model).delete()\n"
            "    db.session.query(AuditEntry).filter(AuditEntry.target.like('ticket:%')).delete(\n"
            "        synchronize_session=False)\n"
            "    db.session.query(Ticket).delete(); db.session.commit()\n")
    subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, check=True)


def forget_keys(url: str | None, prefix: str) -> None:
    """Drop this run's Redis keys: state, locks and log rows no process will flush."""
    if not url:
        return
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=prefix + "*", count=1000))
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start:start + 1000])


def age_store(url: str | None, prefix: str, seconds: int = 24 * 3600) -> None:
    """Mark the bench's key space as kept by this Redis run for `seconds` (core.store.KEPT_MARK).

    In production Redis has run for longer than the idle time, so a resident
    with no state is no sign of lost data and costs no message-log query; a
    fresh key prefix would otherwise look like a store that just lost its data.
    """
    if not url:
        return
    import redis

    try:
        from core.store import KEPT_MARK
    except ImportError:  # a tree from before the mark: nothing to age
        return
    client = redis.Redis.from_url(url)
    run, now = client.info("server")["run_id"], int(client.time()[0])
    client.set(prefix + KEPT_MARK, f"{run}:{now - seconds}")


def measure(target: str, env: dict, args, texts: list[str], base_id: int) -> dict:
    port = free_port()
    proc = start(target, port, env)
    try:
        wait_ready(port, proc)
        # Warm up: first requests load the understander in each worker. On a
        # busy machine that can take longer than a client waits: go on until
        # a warm-up round has no errors (at most WARM_UP seconds).
        warm_until = time.monotonic() + WARM_UP
        while time.monotonic() < warm_until:
            warm = asyncio.run(drive(port, min(2.0, args.seconds), 4, args.residents, texts,
                                     base_id))
            base_id += warm["requests"] + 1
            if warm["requests"] and not warm["errors"]:
                break
        return asyncio.run(drive(port, args.seconds, args.connections, args.residents, texts,
                                 base_id + 10_000_000))
    finally:
        stop(proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--residents", type=int, default=2000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL"))
    args = parser.parse_args()
    env = dict(os.environ, WECHAT_TOKEN=TOKEN, LOG_LEVEL="WARNING", PYTHONPATH=str(ROOT),
               REDIS_PREFIX=f"mzt-bench-{os.getpid()}:",
               # Loopback traffic all comes from one IP; limits are not what we measure.
               RATELIMIT_WECHAT_IP="1000000 per second", RATELIMIT_RESIDENT="1000 per minute",
               # The bench's settings only: a .env beside wsgi.py is not read.
               MZT_ENV_FILE="")
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    else:
        env["DATABASE_URL"] = f"sqlite:///{ROOT / 'instance' / 'bench.db'}"
    env.pop("REDIS_URL", None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    prepare(env)
    age_store(args.redis_url, env["REDIS_PREFIX"])
    texts = questions()
    base = int(time.time()) * 1000
    try:
        echo = measure("bench.echo_app:app", env, args, texts, base)
        floor = measure("bench.floor_app:app", env, args, texts, base + 25_000_000)
        ours = measure("wsgi:app", env, args, texts, base + 50_000_000)
    finally:
        forget_keys(args.redis_url, env["REDIS_PREFIX"])
    print(f"database: {env['DATABASE_URL'].split('@')[-1]}; redis: {args.redis_url or 'none'}; "
          f"{args.connections} connections, {args.residents} residents, {args.seconds:.0f} s each")
    for name, result in (("echo (protocol only)", echo), ("floor (+ state trips)", floor),
                         ("民政通 /wechat", ours)):
        print(f"{name:22} {result['rps']:8.0f} req/s  p50 {result['p50_ms']:6.2f} ms  "
              f"p99 {result['p99_ms']:6.2f} ms  errors {result['errors']}/{result['requests']}")
    print(f"throughput ratio: ours {ours['rps'] / floor['rps']:.2f} of the floor, "
          f"{ours['rps'] / echo['rps']:.2f} of the echo "
          f"(the floor: {floor['rps'] / echo['rps']:.2f} of the echo); "
          f"p99 ours {ours['p99_ms'] / max(floor['p99_ms'], 1e-9):.2f} x the floor's; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
