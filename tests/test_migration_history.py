"""Migrations are history: a frozen baseline, one chain onto it, and revisions that work on full tables.

On PostgreSQL (TEST_DATABASE_URL set) a database of its own goes through
`flask db upgrade` -> `downgrade base` -> `upgrade` -> `check`.
"""
from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import subprocess
import sys
import uuid
from pathlib import Path
from unittest import mock

import pytest
import sqlalchemy as sa
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.operations import Operations, ops
from alembic.operations.base import AbstractOperations
from alembic.script import ScriptDirectory

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = ROOT / "migrations"
BASELINE = "89e54bc9a5ca"
# sha256 of migrations/versions/89e54bc9a5ca_initial_schema.py as deployed databases have it.
BASELINE_SHA256 = "803580f059b260c4e1b90f5e52675bc9dd6988b1d451b49e340b603087f8ef7c"


def _scripts() -> ScriptDirectory:
    config = Config(str(MIGRATIONS / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config)


def added_columns(upgrade) -> list[tuple[str, sa.Column]]:
    """Every add_column (plain or batch) an upgrade makes, run in offline mode on PostgreSQL."""
    context = MigrationContext.configure(dialect_name="postgresql",
                                         opts={"as_sql": True, "output_buffer": io.StringIO()})
    found: list[tuple[str, sa.Column]] = []
    invoke = AbstractOperations.invoke

    def recording(self, operation):
        if isinstance(operation, ops.AddColumnOp):
            found.append((operation.table_name, operation.column))
        return invoke(self, operation)

    with mock.patch.object(AbstractOperations, "invoke", recording), Operations.context(context):
        upgrade()
    return found


def not_null_without_default(upgrade) -> list[str]:
    """Columns that fail on a table with rows: NOT NULL with nothing to fill them."""
    return [f"{table}.{column.name}" for table, column in added_columns(upgrade)
            if not column.nullable and column.server_default is None
            and column.computed is None and column.identity is None]


def test_the_baseline_is_frozen():
    path = next((MIGRATIONS / "versions").glob(f"{BASELINE}_*.py"))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == BASELINE_SHA256, (
        "never edit the baseline: add a revision with down_revision = '89e54bc9a5ca'")


def test_every_revision_chains_onto_the_baseline():
    # A rewritten history leaves deployed databases at a revision no file names.
    assert _scripts().get_bases() == [BASELINE]


def test_no_revision_after_the_baseline_adds_not_null_without_server_default():
    problems = {}
    for script in _scripts().walk_revisions():
        if script.revision != BASELINE:
            found = not_null_without_default(script.module.upgrade)
            if found:
                problems[script.revision] = found
    assert problems == {}, "a NOT NULL column on an existing table needs a server_default"


def _module(tmp_path, body: str):
    path = tmp_path / f"rev_{uuid.uuid4().hex[:6]}.py"
    path.write_text("from alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n"
                    + body, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_check_catches_plain_and_batch_not_null_columns(tmp_path):
    plain = _module(tmp_path, "    op.add_column('users', sa.Column('x', sa.Integer(), "
                              "nullable=False))\n")
    batch = _module(tmp_path, "    with op.batch_alter_table('orders') as b:\n"
                              "        b.add_column(sa.Column('y', sa.String(8), nullable=False))\n"
                              "        b.add_column(sa.Column('z', sa.String(8)))\n")
    assert not_null_without_default(plain.upgrade) == ["users.x"]
    assert not_null_without_default(batch.upgrade) == ["orders.y"]


def test_the_check_accepts_a_server_default_and_new_tables(tmp_path):
    module = _module(tmp_path, "    op.add_column('users', sa.Column('x', sa.Integer(), "
                               "nullable=False, server_default='0'))\n"
                               "    op.create_table('t', sa.Column('id', sa.Integer(), "
                               "primary_key=True), sa.Column('v', sa.Text(), nullable=False))\n")
    assert not_null_without_default(module.upgrade) == []


def _database_url(base: str, name: str) -> str:
    return sa.make_url(base).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def fresh_postgres():
    """A PostgreSQL database made for this test and dropped after it."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base or not base.startswith("postgres"):
        pytest.skip("needs TEST_DATABASE_URL on PostgreSQL")
    name = f"mzt_migcheck_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(_database_url(base, "postgres").replace(
        "postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield _database_url(base, name)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_upgrade_downgrade_upgrade_check_on_postgresql(fresh_postgres):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("APP_ENV", "DATABASE_"))}
    env.update(DATABASE_URL=fresh_postgres, LOG_LEVEL="WARNING", MZT_ENV_FILE="",
               FLASK_SKIP_DOTENV="1")
    env.pop("REDIS_URL", None)
    for args in (["upgrade"], ["downgrade", "base"], ["upgrade"], ["check"]):
        result = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", *args],
                                cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"flask db {' '.join(args)}:\n{result.stderr[-3000:]}"
    engine = sa.create_engine(fresh_postgres.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT version_num FROM alembic_version")) == _scripts().get_current_head()
    engine.dispose()
