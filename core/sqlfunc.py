"""Time arithmetic in SQL, the same on PostgreSQL and SQLite (the ORM has no portable form).

Figures group thousands of rows by day in the database; these compile to each
dialect's own date arithmetic.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Integer, case
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


def period_of(column, starts: list[datetime]):
    """Which period a stored time falls in (0 … len(starts) - 1), counted by the database.

    `starts` are the periods' first instants in stored UTC, ascending; rows before
    the first are filtered out by the caller. Months are not all one length, so
    a CASE (the same on every database) rather than arithmetic.
    """
    return case(*((column < start, n) for n, start in enumerate(starts[1:])), else_=len(starts) - 1)
