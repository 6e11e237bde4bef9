"""Time arithmetic in SQL, the same on PostgreSQL and SQLite (the ORM has no portable form).

Figures group thousands of rows by day in the database; these compile to each
dialect's own date arithmetic.
"""
from __future__ import annotations

from sqlalchemy import Float, Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class seconds_between(FunctionElement):
    """Seconds from the first timestamp to the second."""

    type = Float()
    inherit_cache = True


class days_since(FunctionElement):
    """Whole days from the first timestamp to the second (the second not earlier)."""

    type = Integer()
    inherit_cache = True


def _args(element, compiler, **kw) -> list[str]:
    return [compiler.process(arg, **kw) for arg in element.clauses]


@compiles(seconds_between)
def _seconds(element, compiler, **kw):
    start, end = _args(element, compiler, **kw)
    return f"EXTRACT(EPOCH FROM ({end} - {start}))"


@compiles(seconds_between, "sqlite")
def _seconds_sqlite(element, compiler, **kw):
    start, end = _args(element, compiler, **kw)
    return f"((julianday({end}) - julianday({start})) * 86400.0)"


@compiles(days_since)
def _days(element, compiler, **kw):
    start, end = _args(element, compiler, **kw)
    return f"CAST(FLOOR(EXTRACT(EPOCH FROM ({end} - {start})) / 86400) AS INTEGER)"


@compiles(days_since, "sqlite")
def _days_sqlite(element, compiler, **kw):
    start, end = _args(element, compiler, **kw)
    # Truncation is the floor here: the second time is never the earlier.
    return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"
