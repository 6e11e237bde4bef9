"""Migration e5c1d3a7b9f0 gives rows written before residents had a channel the channel they came from.

On SQLite always; on PostgreSQL too when TEST_DATABASE_URL is set (a database of its own).
"""
from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from core import create_app
from core.extensions import db
from tests.test_migration_history import fresh_postgres  # noqa: F401  (fixture)

BEFORE = "k16a5ca1e0d1"
# id -> the channels the message log has them on, oldest first; and the channel the row should get.
RESIDENTS = {
    "居民A": (("simulator",), "simulator"),
    "终端居民": (("cli",), "cli"),
    "居民B": (("simulator", "cli"), "cli"),  # wrote last from the terminal
    "oWeChatOnly": (("wechat",), "wechat"),
    "oBothChannels": (("simulator", "wechat", "simulator"), "wechat"),  # ever on WeChat: WeChat's
    "oNeverLogged": ((), "wechat"),
}
TABLES = {"applications": "channel", "orders": "channel", "tickets": "channel",
          "notifications": "resident_channel", "volunteers": "channel"}


def _placeholder(column: sa.Column, n: int):
    kind = column.type.python_type if not isinstance(column.type, sa.JSON) else dict
    return {int: n, float: 0.0, bool: False, datetime: datetime(2026, 11, 1, 9, n % 60),
            dict: "{}"}.get(kind, f"x{n}")


def _insert(conn, table: sa.Table, n: int, **values) -> None:
    """A row with the given values; every other NOT NULL column without a default gets a placeholder."""
    for column in table.columns:
        if column.name not in values and not column.nullable and column.server_default is None \
                and not (column.primary_key and column.autoincrement in (True, "auto")):
            values[column.name] = _placeholder(column, n)
    conn.execute(table.insert().values(**values))


def _old_rows(engine) -> None:
    tables = sa.MetaData()
    tables.reflect(engine)
    n = 0
    with engine.begin() as conn:
        for resident, (channels, _) in RESIDENTS.items():
            for channel in channels:
                n += 1
                _insert(conn, tables.tables["message_log"], n, resident=resident, channel=channel,
                        at=datetime(2026, 11, 1, 8, n))
            for name in TABLES:
                n += 1
                key = {"applications": {"reference": f"SQ-{n}", "idempotency_key": f"k{n}"},
                       "orders": {"number": f"DD-{n}"}, "volunteers": {}, "tickets": {},
                       "notifications": {}}[name]
                _insert(conn, tables.tables[name], n, resident=resident, **key)
            _insert(conn, tables.tables["notify_contacts"], n, openid=resident)
        n += 1
        _insert(conn, tables.tables["orders"], n, number="DD-open311", resident="")  # filed by another system


def _channels(engine) -> dict[str, dict[str, str]]:
    with engine.connect() as conn:
        found = {name: dict(conn.execute(sa.text(f"SELECT resident, {column} FROM {name}")).all())
                 for name, column in TABLES.items()}
        found["notify_contacts"] = dict(conn.execute(sa.text("SELECT openid, channel FROM notify_contacts")).all())
        return found


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'r.db'}"
    return request.getfixturevalue("fresh_postgres").replace("postgresql://", "postgresql+psycopg://", 1)


def test_rows_get_the_channel_they_came_from_and_a_downgrade_gives_them_back(database):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database, "REDIS_URL": None, "TESTING": True,
                      "LOG_LEVEL": "WARNING"})
    with app.app_context():
        upgrade(revision=BEFORE)
        _old_rows(db.engine)
        upgrade()
        expected = {resident: channel for resident, (_, channel) in RESIDENTS.items()}
        for name, rows in _channels(db.engine).items():
            rows.pop("", None)  # the Open311 order: nobody, left at the default
            assert rows == expected, name
        downgrade(revision=BEFORE)
        inspector = sa.inspect(db.engine)
        assert "channel" not in {c["name"] for c in inspector.get_columns("orders")}
        assert "ix_orders_resident" in {i["name"] for i in inspector.get_indexes("orders")}
        with db.engine.connect() as conn:
            assert conn.scalar(sa.text("SELECT COUNT(*) FROM orders")) == len(RESIDENTS) + 1
        upgrade()
        assert _channels(db.engine)["volunteers"] == expected
        db.engine.dispose()
