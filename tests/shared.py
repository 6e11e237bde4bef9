"""What the test fixtures build once per test session and put back for each test.

Building an app (its URL rules are compiled one by one), seeding the sample
knowledge base (parsing it, hashing the demo passwords) and building an
understander from a knowledge snapshot took most of the suite's time when
every test did them again. Here each is done once, and each test starts from
the state the first build left:

- `SharedApp`: one app per backend. Before each test its config, extensions,
  WSGI stack and test client class are put back as create_app left them, and
  it gets an in-process store of its own (or a Redis store under the test's
  own key prefix) and a rate limiter that has counted nothing.
- `SqliteCopies` / `PostgresRows`: each test starts on an empty database, or
  the seeded one for a test that asks for `seeded` (SQLite: the file's pages
  copied from an in-memory copy before the test, unless the file still holds
  that copy unchanged; PostgreSQL: emptied after each test, the seeded rows
  inserted).
- `remember_understanders`: a snapshot equal to one seen before gets that
  snapshot's understander (it is a pure function of the snapshot).
- `SqliteCopies.remember_live`: while the file's knowledge is still that of the
  empty or seeded copy (no commit since it was copied in, no write to a knowledge
  table on the app's connections, nothing pending in the test's session),
  knowledge.live takes the snapshot it read from that copy before.
"""
from __future__ import annotations

import copy
import re
import sqlite3
from contextlib import closing

from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from core import create_app, fakeclock, store
from core.extensions import db


class SharedApp:
    """One app for every test on a backend, reset to its built state per test."""

    ATTRIBUTES = ("wsgi_app", "test_client_class", "session_interface")

    def __init__(self, backend: dict) -> None:
        config = dict(backend)
        name = config.pop("name")
        self.app = create_app(config)  # under the backend's shared REDIS_PREFIX
        self.app.config["BACKEND"] = name
        self._config = copy.deepcopy(dict(self.app.config))
        self._extensions = dict(self.app.extensions)
        self._attributes = {a: getattr(self.app, a) for a in self.ATTRIBUTES}
        self._views = dict(self.app.view_functions)
        self._setup = self._setup_now()
        url = make_url(self.app.config["SQLALCHEMY_DATABASE_URI"])
        self.database: SqliteCopies | PostgresRows
        if url.get_backend_name() == "sqlite":
            self.database = SqliteCopies(url.database)
            with self.app.app_context():
                event.listen(db.engine, "connect", _no_sync)
                self.database.watch(db.engine)
        else:
            self.database = PostgresRows()

    def fresh(self, prefix: str):
        """The app as built, with the key prefix `prefix` and nothing in its store."""
        app = self.app
        app.config.clear()
        app.config.update(copy.deepcopy(self._config))
        app.config["REDIS_PREFIX"] = prefix
        app.extensions.clear()
        app.extensions.update(self._extensions)
        for attribute, value in self._attributes.items():
            setattr(app, attribute, value)
        app.view_functions.clear()
        app.view_functions.update(self._views)  # a test may stand a view of its own in
        client = app.extensions["mzt.redis"]
        app.extensions["mzt.store"] = store.RedisStore(client, prefix) if client else store.MemoryStore()
        limiter = app.extensions["mzt.limiter"]
        # The limiter's keys carry the prefix it was made with (core.ratelimit).
        limiter._key_prefix = prefix + "rl"
        if client is None:
            limiter.reset()  # in memory: forget the last test's counts
        fakeclock.configure()  # as create_app does: a test may have set the clock's variables
        return app

    def _setup_now(self) -> tuple:
        app = self.app
        hooks = (app.before_request_funcs, app.after_request_funcs, app.teardown_request_funcs,
                 app.url_value_preprocessors, app.url_default_functions, app.template_context_processors)
        return (len(list(app.url_map.iter_rules())), tuple(len(v) for h in hooks for v in h.values()),
                len(app.teardown_appcontext_funcs),
                sum(len(h) for codes in app.error_handler_spec.values() for h in codes.values()))

    def check(self) -> None:
        """After a test: its changes to the app's setup would reach every later test."""
        assert self._setup_now() == self._setup, (
            "the test added a route, a hook or an error handler to the shared app: "
            "mark it @pytest.mark.own_app")

    def close(self) -> None:
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()


def finish_late_replies() -> None:
    """Wait for the replies still running past WeChat's budget (bot.deadline) to end.

    Such a reply finishes on the reply pool's thread after its request answered "success":
    it commits the message and queues its late delivery in the test that sent it. Left
    running, it would write into the next test's database (or a Redis already stopped) and
    take the interpreter from that test's own replies, which then run past their budget.
    """
    from bot import deadline

    with deadline._pool_guard:
        executor, deadline._pool["executor"], deadline._pool["pid"] = deadline._pool["executor"], None, None
    if executor is not None:
        executor.shutdown(wait=True)


def _no_sync(dbapi_connection, _record) -> None:
    """A test database need not survive a power cut: no fsync at each commit."""
    dbapi_connection.execute("PRAGMA synchronous=OFF")


def _seed() -> None:
    from flask import current_app

    for _, seeder in sorted(current_app.extensions["mzt.seeders"], key=lambda s: s[0]):
        seeder()
    db.session.commit()


# What knowledge.loader.snapshot_from_db reads.
KNOWLEDGE_WRITE = re.compile(
    r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b.*\b(guides|faq_entries|synonyms|dict_words|referrals)\b", re.I | re.S)


class SqliteCopies:
    """The SQLite file's empty and seeded states, kept in memory and copied back page by page.

    A test that wrote nothing leaves the file as it was copied in: SQLite's file change
    counter (header bytes 24-27, bumped by every commit) tells, and the copy is skipped.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._empty = self._copy()
        self._seeded: sqlite3.Connection | None = None
        self._holds: tuple[str, bytes] | None = None  # which copy the file holds unchanged
        self._knowledge_written = False

    def _copy(self) -> sqlite3.Connection:
        kept = sqlite3.connect(":memory:", check_same_thread=False)
        with closing(sqlite3.connect(self.path)) as source:
            source.backup(kept)
        return kept

    def _counter(self) -> bytes:
        with open(self.path, "rb") as handle:
            handle.seek(24)
            return handle.read(4)

    def _restore(self, name: str, kept: sqlite3.Connection) -> None:
        # Pooled connections closed first: the copy needs the file to itself.
        db.session.remove()
        db.engine.dispose()
        self._knowledge_written = False
        if self._holds == (name, self._counter()):
            return
        with closing(sqlite3.connect(self.path)) as target:
            _no_sync(target, None)
            kept.backup(target)
        self._holds = (name, self._counter())

    def untouched(self) -> str | None:
        """"empty" or "seeded" while the file's knowledge is that copy's: no commit since
        it was copied in, and no write to a knowledge table on the app's connections
        (uncommitted ones count: the test's session would read them)."""
        if self._holds is None or self._holds[1] != self._counter() or self._knowledge_written:
            return None
        session = db.session()
        if session.new or session.dirty or session.deleted:
            return None
        return self._holds[0]

    def watch(self, engine) -> None:
        """Note any write to a table the knowledge snapshot reads (knowledge.loader)."""
        @event.listens_for(engine, "before_cursor_execute")
        def _written(conn, cursor, statement, parameters, context, executemany) -> None:
            if KNOWLEDGE_WRITE.match(statement):
                self._knowledge_written = True

    def remember_live(self, monkeypatch, app) -> None:
        """On `app` (whose connections are watched), knowledge.live loads a snapshot once
        per copy and knowledge version."""
        from flask import current_app

        from knowledge import live

        load, seen = live._load, {}

        def remembered(version: int) -> None:
            held = self.untouched() if current_app._get_current_object() is app else None
            if held is None:
                return load(version)
            if (held, version) not in seen:
                load(version)
                seen[(held, version)] = live._current["pair"]
            live._current.update(pair=seen[(held, version)], version=version)

        monkeypatch.setattr(live, "_load", remembered)

    def start(self, app, seeded: bool) -> None:
        """Before a test: the file as the test wants it. What the last test left is put back
        only now, so a test that leaves the copy it was given unchanged costs no copy."""
        if seeded:
            self.seed(app)
        else:
            self.empty(app)

    def end(self, app) -> None:
        """After a test: nothing. The next test's start puts its own copy in (a test that
        reads this file through an app of its own asks for `app` or `seeded` as well)."""

    def seed(self, app) -> None:
        if self._seeded is None:
            self._restore("empty", self._empty)
            _seed()
            db.session.remove()
            db.engine.dispose()
            self._seeded = self._copy()
            self._holds = ("seeded", self._counter())
        else:
            self._restore("seeded", self._seeded)

    def empty(self, app) -> None:
        self._restore("empty", self._empty)


class PostgresRows:
    """Tables emptied with TRUNCATE; the seeded rows, read once, inserted again."""

    def __init__(self) -> None:
        self._rows: list[tuple] | None = None

    def start(self, app, seeded: bool) -> None:
        """Before a test: the tables are empty (emptied after the last one); seeded if asked."""
        if seeded:
            self.seed(app)

    def end(self, app) -> None:
        self.empty(app)

    def seed(self, app) -> None:
        if self._rows is None:
            _seed()
            with db.engine.connect() as conn:
                self._rows = [(table, [dict(row._mapping) for row in conn.execute(table.select())])
                              for table in db.metadata.sorted_tables]
            return
        with db.engine.begin() as conn:
            for table, rows in self._rows:
                if rows:
                    conn.execute(table.insert(), rows)
            # The id sequences move past the copied rows.
            for table, rows in self._rows:
                for column in table.primary_key.columns:
                    if rows and column.autoincrement is not False and column.type.python_type is int:
                        conn.execute(text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'),"
                            f" (SELECT MAX({column.name}) FROM \"{table.name}\"))"))

    def empty(self, app) -> None:
        names = ", ".join(f'"{t.name}"' for t in reversed(db.metadata.sorted_tables))
        with db.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


class UnderstanderMemo:
    """Builds an understander per distinct snapshot; an equal snapshot gets the one built."""

    SIZE = 8

    def __init__(self, build) -> None:
        self._build = build
        self._seen: list[tuple] = []

    def __call__(self, snapshot):
        for i, (same, seen, understander) in enumerate(self._seen):
            if snapshot is same or seen == snapshot:
                self._seen.insert(0, self._seen.pop(i))
                return understander
        understander = self._build(snapshot)
        self._seen.insert(0, (snapshot, copy.deepcopy(snapshot), understander))
        del self._seen[self.SIZE:]
        return understander


def remember_understanders(monkeypatch) -> None:
    """bot.understanding builds its understander through a memo of equal snapshots."""
    from bot import understanding

    monkeypatch.setattr(understanding, "Understander", UnderstanderMemo(understanding.Understander))
