"""The engine: SQLite pragmas on every connection, and explicit BEGIN modes.

pysqlite's own transaction handling is switched off so that we emit BEGIN ourselves: DDL becomes
transactional, and a write transaction can start with BEGIN IMMEDIATE, which takes the write lock
at once. That is what keeps the per-station hash chain strictly ordered when two processes write.
"""

import sqlite3

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

WRITE_OPTIONS = {"sqlite_begin": "IMMEDIATE"}
BUSY_TIMEOUT_MS = 15000


def make_engine(url: str) -> Engine:
    """Create the engine for ``url`` (``sqlite:///path`` or a PostgreSQL URL)."""
    if url.startswith("sqlite"):
        # NullPool: a desktop program with short sessions; no connection outlives its work, so
        # a restore or a backup never meets a stale pooled connection.
        engine = create_engine(url, poolclass=NullPool)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a transaction reported as committed survives a power cut, not only a killed process.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_on_begin(connection) -> None:  # type: ignore[no-untyped-def]
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def fts5_trigram_available() -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (SQLite ≥ 3.34)."""
    try:
        probe = sqlite3.connect(":memory:")
        try:
            probe.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
        finally:
            probe.close()
    except sqlite3.Error:
        return False
    return True
