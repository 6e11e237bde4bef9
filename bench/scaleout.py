"""Scale-out: /wechat on one app host, then on two, sharing one PostgreSQL and one Redis.

    sudo .venv/bin/python bench/scaleout.py --database mzt_bench [--workers 2] [--seconds 10]

Each app host is a network namespace of its own (ip netns, a veth pair to
this one: 10.217.N.2 there, 10.217.N.1 here), running gunicorn with
`--workers` sync workers on wsgi:app, as the project's test hosts do. Both
reach the one PostgreSQL through its Unix socket (network namespaces do not
separate the file system) and one private redis-server that this script
starts, listening on every veth's near end. The load client runs here and
spreads its connections over the hosts it drives. Run as root; the
namespaces, links and the Redis are removed at the end.

Prints, for one host and for two: throughput, p50/p99, errors, the
machine's CPU use (all cores, from /proc/stat) and the app hosts' CPU per
message (their process trees, from /proc), then the ratio two : one. When one
host already keeps the cores busy, a second one can only share them: the
ratio then says how much of the machine was left, not how the design scales.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_bench import (PYTHON, TOKEN, age_store, drive, forget_keys,  # noqa: E402
                              free_port, prepare, questions)

PORT = 8000
NAME = "mzt-scale"


def sh(*args: str) -> None:
    subprocess.run(args, check=True)


def make_host(n: int) -> str:
    """Namespace n with a veth pair; returns the app's address in it."""
    ns, near, far = f"{NAME}{n}", f"mztsc{n}h", f"mztsc{n}n"
    sh("ip", "netns", "add", ns)
    sh("ip", "link", "add", near, "type", "veth", "peer", "name", far)
    sh("ip", "link", "set", far, "netns", ns)
    sh("ip", "addr", "add", f"10.217.{n}.1/24", "dev", near)
    sh("ip", "link", "set", near, "up")
    for args in (("addr", "add", f"10.217.{n}.2/24", "dev", far), ("link", "set", far, "up"),
                 ("link", "set", "lo", "up")):
        sh("ip", "netns", "exec", ns, "ip", *args)
    return f"10.217.{n}.2"


def drop_host(n: int) -> None:
    for args in (("netns", "del", f"{NAME}{n}"), ("link", "del", f"mztsc{n}h")):
        subprocess.run(("ip", *args), stderr=subprocess.DEVNULL)


def start_redis(directory: str, hosts: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    binds = ["127.0.0.1", *(f"10.217.{n}.1" for n in range(1, hosts + 1))]
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", *binds,
                             "--protected-mode", "no", "--save", "", "--appendonly", "no",
                             "--dir", directory], stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    return proc, port


def start_app(n: int, env: dict, workers: int) -> subprocess.Popen:
    env = dict(env, REDIS_URL=f"redis://10.217.{n}.1:{env['_REDIS_PORT']}/0")
    cmd = ["ip", "netns", "exec", f"{NAME}{n}", PYTHON, "-m", "gunicorn", "-w", str(workers),
           "-b", f"10.217.{n}.2:{PORT}", "--log-level", "warning",
           "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "wsgi:app"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process and all its descendants (/proc)."""
    tick, total, todo = os.sysconf("SC_CLK_TCK"), 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        todo += [int(child) for child in children]
    return total


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all cores since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def phase(hosts: list[str], apps: list[subprocess.Popen], args, texts, base: int) -> dict:
    """Warm every host up, then drive them all at once."""
    for host in hosts:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            warm = asyncio.run(drive(PORT, 2, 4, args.residents, texts, base, (host,)))
            base += warm["requests"] + 1
            if warm["requests"] and not warm["errors"]:
                break
    cpu_before = sum(tree_cpu(app.pid) for app in apps)
    busy_before = machine_busy()
    result = asyncio.run(drive(PORT, args.seconds, args.connections, args.residents, texts,
                               base + 1_000_000, tuple(hosts)))
    busy_after = machine_busy()
    result["app_cpu_ms"] = ((sum(tree_cpu(app.pid) for app in apps) - cpu_before)
                            / max(result["requests"], 1) * 1000)
    result["busy"] = ((busy_after[0] - busy_before[0])
                      / max(busy_after[1] - busy_before[1], 1) * 100)
    return result


def wait_up(host: str, proc: subprocess.Popen) -> None:
    import socket

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"app on {host} exited with {proc.returncode}")
        try:
            socket.create_connection((host, PORT), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"app on {host} did not start")


def stop(proc: subprocess.Popen) -> None:
    import signal

    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="mzt_bench", help="PostgreSQL database (Unix socket)")
    parser.add_argument("--socket-dir", default="/var/run/postgresql")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per host")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--residents", type=int, default=2000)
    args = parser.parse_args()
    if os.geteuid() != 0 or not shutil.which("ip"):
        raise SystemExit("needs root and iproute2 (ip netns)")
    directory = tempfile.mkdtemp(prefix="mzt-scale-")
    prefix = f"mzt-scale-{os.getpid()}:"
    hosts, apps, redis_proc = [], [], None
    env = dict(os.environ, WECHAT_TOKEN=TOKEN, LOG_LEVEL="WARNING", PYTHONPATH=str(ROOT),
               REDIS_PREFIX=prefix, MZT_ENV_FILE="", RATELIMIT_WECHAT_IP="1000000 per second",
               RATELIMIT_RESIDENT="1000 per minute",
               DATABASE_URL=f"postgresql://postgres@/{args.database}?host={args.socket_dir}")
    try:
        hosts = [make_host(1), make_host(2)]
        redis_proc, redis_port = start_redis(directory, len(hosts))
        env["_REDIS_PORT"] = str(redis_port)
        local_redis = f"redis://127.0.0.1:{redis_port}/0"
        prepare(dict(env, REDIS_URL=local_redis))
        age_store(local_redis, prefix)
        texts, base = questions(), int(time.time()) * 1000
        results = {}
        for count in (1, 2):
            apps = [start_app(n, env, args.workers) for n in range(1, count + 1)]
            for host, app in zip(hosts[:count], apps, strict=True):
                wait_up(host, app)
            results[count] = phase(hosts[:count], apps, args, texts, base + count * 50_000_000)
            for app in apps:
                stop(app)
            apps = []
        forget_keys(local_redis, prefix)
    finally:
        for app in apps:
            stop(app)
        if redis_proc is not None:
            redis_proc.terminate()
        for n in (1, 2):
            drop_host(n)
        shutil.rmtree(directory, ignore_errors=True)
    print(f"{os.cpu_count()} cores; {args.workers} worker(s) per host, {args.connections} "
          f"connections, {args.seconds:.0f} s each; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for count, r in results.items():
        print(f"{count} host(s) {r['rps']:8.0f} req/s  p50 {r['p50_ms']:6.1f} ms  p99 "
              f"{r['p99_ms']:6.1f} ms  errors {r['errors']}/{r['requests']}  machine CPU "
              f"{r['busy']:5.1f}%  app CPU {r['app_cpu_ms']:.2f} ms/message")
    print(f"two hosts : one = {results[2]['rps'] / max(results[1]['rps'], 1e-9):.2f}")


if __name__ == "__main__":
    main()
