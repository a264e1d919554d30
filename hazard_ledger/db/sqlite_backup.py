"""Copies of a SQLite ledger through the online backup API (safe while others write)."""

import sqlite3
from pathlib import Path


def copy_database(source: Path, target: Path) -> None:
    """Copy the database ``source`` into the file ``target`` (replaced if present)."""
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(source, timeout=15)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a self-contained single file
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(target)


def restore_database(source: Path, target: Path) -> None:
    """Overwrite the live database ``target`` with the content of ``source``, page by page,
    under SQLite's own locking (other connections see either the old or the new ledger)."""
    src = sqlite3.connect(source, timeout=15)
    try:
        dst = sqlite3.connect(target, timeout=15)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def inspect_file(path: Path) -> tuple[str, str | None, set[str]]:
    """Return (integrity_check result, alembic revision, tables) of the database at ``path``.

    Raises sqlite3.DatabaseError when the file is not a SQLite database at all. Call it on a
    copy: SQLite may write to a file it opens (its journal, a WAL checkpoint).
    """
    conn = sqlite3.connect(path)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return integrity, revision, tables
    finally:
        conn.close()
