"""SQLite savepoints that nest in the unit's transaction, as on PostgreSQL.

Python's sqlite3 driver opens a transaction only before a write, so a
SAVEPOINT issued before the unit's first write opened the transaction
itself, and its RELEASE committed everything so far (a sweep's first order,
a message's first rows): a later failure could no longer roll it back. The
driver's transaction is opened first, so the savepoint nests in it. Reads
outside a savepoint still take no lock until the first write, as before.
"""
from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "savepoint")
def _open_the_transaction_first(connection, name) -> None:
    dbapi_connection = connection.connection.dbapi_connection
    if isinstance(dbapi_connection, sqlite3.Connection) and not dbapi_connection.in_transaction:
        dbapi_connection.execute("BEGIN")
