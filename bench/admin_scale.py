"""Admin list pages at scale: server time and page size with years of orders and a month of chat.

    .venv/bin/python bench/admin_scale.py --database-url postgresql://postgres@127.0.0.1:5432/mzt_bench \
        [--orders 10000] [--applications 400] [--messages 50000] [--repeat 7] [--json out.json]

Without --database-url it runs on a throwaway SQLite file. The target database is
emptied and built by the Alembic migrations (so their indexes are the ones
measured), seeded as `flask seed` does, then filled in bulk (bench/admin_fill.py)
with a realistic spread: orders over a year in every state (most closed and
rated, a fifth open, some overdue), applications, appointments, volunteers and
their hours, tickets, a month of logged messages with the bot's usual outcomes,
their missed questions, staff notices and the audit rows all of that leaves.

Each admin list page is then requested in-process through the WSGI app (no
network, so the figure is the server's time) as staff, an organisation or the
admin: once to warm up, then --repeat times. Prints per page the median and
worst time, the median of the app's own CPU time and of the time spent waiting
for SQL (on a shared machine the rest is waiting for a core), the response
size and the SQL statements per request, and marks what misses the targets
(300 ms, 200 KB).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MZT_ENV_FILE", "")
os.environ.setdefault("FLASK_SKIP_DOTENV", "1")

TARGET_MS, TARGET_KB = 300, 200

# (who, label, path); {number}, {reference}, {since}, {until} are filled from the data.
PAGES = [
    ("staff", "工作台", "/admin/"),
    ("staff", "居民点单 待审单", "/admin/orders"),
    ("staff", "居民点单 已办结", "/admin/orders?state=closed"),
    ("staff", "居民点单 已办结 按点单时间倒序", "/admin/orders?state=closed&sort=-created"),
    ("staff", "居民点单 已办结 按服务组织排序", "/admin/orders?state=closed&sort=organization"),
    ("staff", "居民点单 关键词", "/admin/orders?state=closed&q=打扫"),
    ("staff", "居民点单 电话尾号", "/admin/orders?state=closed&q=5678"),
    ("staff", "居民点单 单号开头", "/admin/orders?state=closed&q={number:.10}"),
    ("staff", "居民点单 类别+社区", "/admin/orders?state=closed&category=meal&community=幸福社区"),
    ("staff", "居民点单 超时", "/admin/orders?state=dispatched&overdue=1"),
    ("staff", "居民点单 差评", "/admin/orders?state=closed&rating=low"),
    ("staff", "居民点单 日期段", "/admin/orders?state=closed&since={since}&until={until}"),
    ("staff", "居民点单 第 100 页", "/admin/orders?state=closed&page=100"),
    ("staff", "回访队列", "/admin/orders/follow-up"),
    ("staff", "回访队列 已回访", "/admin/orders/follow-up?tab=done"),
    ("staff", "预申请", "/admin/applications"),
    ("staff", "预申请 已提交", "/admin/applications?status=submitted"),
    ("staff", "预申请 搜索", "/admin/applications?q=张"),
    ("staff", "预约", "/admin/appointments"),
    ("staff", "志愿者 待审核", "/admin/volunteers"),
    ("staff", "志愿者 已通过", "/admin/volunteers?status=approved"),
    ("staff", "转人工 处理中", "/admin/handoffs"),
    ("staff", "转人工 已结束", "/admin/handoffs?status=closed"),
    ("staff", "未答问题", "/admin/unanswered"),
    ("staff", "未答问题 搜索", "/admin/unanswered?q=低保"),
    ("staff", "通知", "/admin/notices"),
    ("org1", "组织工作台", "/admin/org/"),
    ("admin", "审计日志", "/admin/audit"),
    ("admin", "审计日志 按人", "/admin/audit?actor=staff"),
    ("admin", "审计日志 按对象类型", "/admin/audit?kind=order"),
    ("admin", "审计日志 按单号", "/admin/audit?object={number}"),
    ("admin", "审计日志 按申请编号", "/admin/audit?object={reference}"),
    ("admin", "审计日志 按操作", "/admin/audit?action=order.approve"),
    ("admin", "审计日志 日期段", "/admin/audit?since={since}&until={until}"),
    ("admin", "审计日志 第 500 页", "/admin/audit?page=500"),
    ("admin", "用户", "/admin/users"),
]
PASSWORDS = {"staff": "staff12345", "admin": "admin12345", "org1": "org12345"}


def build_app(url: str):
    """The app as production builds it, on `url`, with an empty schema from the migrations."""
    from flask_migrate import upgrade
    from sqlalchemy import text

    from core import create_app
    from core.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "REDIS_URL": None, "LOG_LEVEL": "WARNING",
                      "SECRET_KEY": "bench", "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
                      "MESSAGE_LOG_FLUSH_SECONDS": 0, "KNOWLEDGE_CHECK_SECONDS": 0})
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        upgrade(directory=str(ROOT / "migrations"))
        for _, seeder in sorted(app.extensions["mzt.seeders"], key=lambda s: s[0]):
            seeder()
        db.session.commit()
    return app


def analyze(db) -> None:
    """Planner statistics for the bulk-filled tables, as autovacuum keeps them in production."""
    from sqlalchemy import text

    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
        else:
            conn.execute(text("ANALYZE"))
            conn.commit()


class Queries:
    """Counts SQL statements sent while a request runs (an N+1 shows as a large count), and
    the time spent waiting for them."""

    def __init__(self, engine) -> None:
        from sqlalchemy import event

        self.count, self.seconds, self._start = 0, 0.0, 0.0
        event.listen(engine, "before_cursor_execute", self._sent)
        event.listen(engine, "after_cursor_execute", self._back)

    def _sent(self, *args) -> None:
        self.count += 1
        self._start = time.perf_counter()

    def _back(self, *args) -> None:
        self.seconds += time.perf_counter() - self._start


def sign_in(app, username: str):
    client = app.test_client()
    page = client.get("/admin/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/admin/login", data={"csrf_token": token, "username": username,
                                                 "password": PASSWORDS[username]})
    assert response.status_code == 302, f"{username} could not sign in"
    return client


def measure(app, clients: dict, path: str, repeat: int, queries: Queries) -> dict:
    client = clients[path[0]]
    first = client.get(path[1])
    assert first.status_code == 200, (path, first.status_code)
    times, cpu, sql, counts = [], [], [], []
    for _ in range(repeat):
        before, waited = queries.count, queries.seconds
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(path[1])
        body = response.get_data()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        sql.append((queries.seconds - waited) * 1000)
        counts.append(queries.count - before)
    # On a shared machine the wall time includes waiting for a core; the app's own CPU
    # time and the time spent in SQL say where it went.
    return {"ms": round(statistics.median(times), 1), "worst_ms": round(max(times), 1),
            "cpu_ms": round(statistics.median(cpu), 1), "sql_ms": round(statistics.median(sql), 1),
            "kb": round(len(body) / 1024, 1), "queries": max(counts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url")
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--applications", type=int, default=400)
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--only", help="measure only pages whose path contains this")
    parser.add_argument("--json", help="write the figures here too")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/admin_scale.db"

    from bench.admin_fill import fill
    from core.extensions import db

    app = build_app(url)
    with app.app_context():
        start = time.perf_counter()
        facts = fill(args.orders, args.applications, args.messages)
        print(f"filled in {time.perf_counter() - start:.0f} s: {facts['counts']}", flush=True)
        analyze(db)
        queries = Queries(db.engine)
    clients = {who: sign_in(app, who) for who in PASSWORDS}
    results = []
    for who, label, path in PAGES:
        path = path.format(**facts["fill"])
        if args.only and args.only not in path:
            continue
        figures = measure(app, clients, (who, path), args.repeat, queries)
        results.append({"page": label, "path": path, "who": who, **figures})
        miss = " ← over" if figures["ms"] > TARGET_MS or figures["kb"] > TARGET_KB else ""
        print(f"{figures['ms']:7.1f} ms (worst {figures['worst_ms']:7.1f}, app CPU {figures['cpu_ms']:6.1f}, "
              f"in SQL {figures['sql_ms']:6.1f})  {figures['kb']:6.1f} KB  {figures['queries']:3d} SQL  "
              f"{label}{miss}", flush=True)
    load = os.getloadavg()[0]
    backend = url.split(":")[0]
    print(f"\n{backend}, {len(results)} pages, load average {load:.1f}; "
          f"slowest median {max(r['ms'] for r in results)} ms, "
          f"largest {max(r['kb'] for r in results)} KB")
    if args.json:
        Path(args.json).write_text(json.dumps({"backend": backend, "load": load,
                                               "counts": facts["counts"], "pages": results},
                                              ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
