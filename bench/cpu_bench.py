"""CPU per /wechat message in one process: far less noisy than the load bench on a busy machine.

    .venv/bin/python bench/cpu_bench.py --database-url postgresql://postgres@127.0.0.1:5432/mzt_bench \
        --redis-url redis://127.0.0.1:6379/3 [--messages 2000] [--profile 25]

Builds the app as wsgi.py does (PostgreSQL, Redis), prepares the database as
bench/load_bench.py does, then calls the WSGI app directly with signed text
messages from many residents, questions drawn from the development set. The
requests are built before the clock starts. Prints process CPU (all threads,
the reply pool's too) per message, database connection checkouts per message,
the CPU the database server's backends for those connections used (from
/proc, when PostgreSQL runs on this machine) and, with --profile N, the N
costliest functions by cumulative time. With --callgrind, under
`valgrind --tool=callgrind --instr-atstart=no`, only the measured messages'
instructions are counted: a figure the other work on a shared machine does
not move.
"""
from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_bench import TOKEN, age_store, prepare, questions  # noqa: E402


def environ_for(user: str, text: str, msg_id: int) -> dict:
    """One signed POST /wechat environ with a text message."""
    from werkzeug.test import EnvironBuilder
    from wechatpy.utils import WeChatSigner

    timestamp, nonce = str(int(time.time())), f"c{msg_id}"
    signer = WeChatSigner()
    signer.add_data(TOKEN, timestamp, nonce)
    body = (f"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName>"
            f"<FromUserName><![CDATA[{user}]]></FromUserName>"
            f"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{text}]]></Content><MsgId>{msg_id}</MsgId></xml>").encode()
    builder = EnvironBuilder(path="/wechat", method="POST", data=body, content_type="text/xml",
                             query_string={"signature": signer.signature,
                                           "timestamp": timestamp, "nonce": nonce})
    try:
        return builder.get_environ()
    finally:
        builder.close()


def run(app, environs: list[dict], flush_every: int = 0) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, failures) for calling the app once per environ.

    The buffered log rows are written every `flush_every` messages, as the web
    process's timer would at about that many messages a second: a count, not
    a clock, so the work measured does not depend on how fast the machine is.
    """
    from conversations import logbuffer

    failures = 0

    def start_response(status, headers, exc_info=None):
        nonlocal failures
        if not status.startswith("200"):
            failures += 1

    cpu, wall = time.process_time(), time.perf_counter()
    for n, environ in enumerate(environs, 1):
        body = b"".join(app(environ, start_response))
        if b"<xml>" not in body:
            failures += 1
        if flush_every and (n % flush_every == 0 or n == len(environs)):
            with app.app_context():
                logbuffer.flush()
    return time.process_time() - cpu, time.perf_counter() - wall, failures


def database_cpu(pids: set) -> float:
    """CPU seconds the database server's backends for these connections have used (/proc)."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, TypeError):
            continue  # not on this machine, or gone
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def callgrind(*options: str) -> None:
    """Drive the callgrind this process runs under (instruction counts ignore the machine's load)."""
    import subprocess

    subprocess.run(["callgrind_control", *options, str(os.getpid())], check=True,
                   stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--residents", type=int, default=2000)
    parser.add_argument("--flush-every", type=int, default=100,
                        help="write the buffered log rows every N messages")
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions")
    parser.add_argument("--profile-dump", help="with --profile: also write the pstats file here")
    parser.add_argument("--callgrind", action="store_true",
                        help="under valgrind --tool=callgrind --instr-atstart=no: count only "
                             "the measured messages' instructions")
    parser.add_argument("--app", choices=("ours", "floor", "echo"), default="ours",
                        help="the app to measure: ours (wsgi), or bench/floor_app.py or "
                             "bench/echo_app.py with the same requests, for the ratio")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL"))
    args = parser.parse_args()
    os.environ.update(WECHAT_TOKEN=TOKEN, LOG_LEVEL="WARNING", MZT_ENV_FILE="",
                      REDIS_PREFIX=f"mzt-cpu-{os.getpid()}:",
                      RATELIMIT_WECHAT_IP="1000000 per second",
                      RATELIMIT_RESIDENT="1000 per minute",
                      MESSAGE_LOG_FLUSH_SECONDS="0",  # flushed by count (run)
                      # The requests are signed before the run: a slow one (valgrind) must
                      # not see its last ones refused as stale.
                      WECHAT_REPLAY_WINDOW="86400")
    if args.callgrind:
        # Checks made every few seconds (the knowledge version) would come every few
        # messages at valgrind's pace: at a production rate they are per hundreds.
        os.environ["KNOWLEDGE_CHECK_SECONDS"] = "3600"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{ROOT / 'instance' / 'bench.db'}"
    os.environ.pop("REDIS_URL", None)
    if args.redis_url:
        os.environ["REDIS_URL"] = args.redis_url
    # The engine on the reply pool, as in production, but never cut short: a
    # slow machine (or valgrind) must not turn a message into "success".
    os.environ["REPLY_BUDGET"] = "600"
    if args.profile:  # the engine inline, so the profiler sees it (it sees one thread)
        os.environ["REPLY_BUDGET"] = "0"
    prepare(dict(os.environ, PYTHONPATH=str(ROOT)))
    age_store(args.redis_url, os.environ["REDIS_PREFIX"])

    from sqlalchemy import event

    from bench.load_bench import forget_keys
    from core import create_app
    from core.extensions import db

    app = create_app()
    checkouts, backends = [0], set()

    def checked_out(dbapi_connection, *args) -> None:
        checkouts[0] += 1
        backends.add(getattr(getattr(dbapi_connection, "info", None), "backend_pid", None))

    with app.app_context():
        event.listen(db.engine, "checkout", checked_out)
    if args.app != "ours":  # the same requests through the floor or the echo (run flushes nothing)
        import importlib

        app = importlib.import_module(f"bench.{args.app}_app").app  # type: ignore[assignment]
        args.flush_every = 0
    texts = questions()
    base = int(time.time()) * 1000
    make = lambda n: environ_for(f"oCpu{n % args.residents:06d}", texts[n % len(texts)], base + n)  # noqa: E731
    try:
        run(app, [make(n) for n in range(200)], args.flush_every)  # warm-up: snapshot, understander, pool
        environs = [make(n) for n in range(200, 200 + args.messages)]
        checkouts[0] = 0
        server_cpu = database_cpu(backends)
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile(time.thread_time)  # CPU, not waits: the engine runs inline
            profiler.enable()
        if args.callgrind:
            callgrind("-z", "-i", "on")
        cpu, wall, failures = run(app, environs, args.flush_every)
        server_cpu = database_cpu(backends) - server_cpu
        if args.callgrind:
            callgrind("-i", "off", "-d")
        if args.profile:
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(args.profile)
            if args.profile_dump:
                stats.dump_stats(args.profile_dump)
            print(out.getvalue())
    finally:
        forget_keys(args.redis_url, os.environ["REDIS_PREFIX"])
    n = len(environs)
    print(f"{n} messages: CPU {cpu / n * 1000:.3f} ms/message, wall {wall / n * 1000:.3f} ms/message, "
          f"DB checkouts {checkouts[0] / n:.2f}/message, database server CPU "
          f"{server_cpu / n * 1000:.3f} ms/message, failures {failures}, "
          f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
