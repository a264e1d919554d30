"""The SQLite file: pragmas, migrations matching the models, refusing what is not ours."""

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import event, text

from hazard_ledger import paths
from hazard_ledger.db import migrate
from hazard_ledger.db.base import Base
from hazard_ledger.domain.errors import StorageError
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.units import UnitInput, add_unit


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_connection_gets_the_pragmas(ledger: Ledger) -> None:
    with ledger.read() as session:
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 15000


def test_write_transactions_take_the_write_lock_at_once(ledger: Ledger) -> None:
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(ledger.engine, "before_cursor_execute", listener)
    try:
        add_unit(ledger, UnitInput(name="新单位"))
    finally:
        event.remove(ledger.engine, "before_cursor_execute", listener)
    assert statements[0] == "BEGIN IMMEDIATE"


def test_the_migrations_build_exactly_the_models(ledger: Ledger) -> None:
    with ledger.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": migrate.include_object}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_a_ledger_from_a_newer_version_is_refused_untouched(ledger: Ledger) -> None:
    conn = sqlite3.connect(ledger.database_file)
    conn.execute("UPDATE alembic_version SET version_num = 'a_future_revision'")
    conn.commit()
    conn.close()
    ledger.close()
    before = digest(ledger.database_file)
    with pytest.raises(StorageError, match="更新版本的程序"):
        Ledger(ledger.data_dir).open()
    assert digest(ledger.database_file) == before


def test_a_database_of_another_program_is_refused(tmp_path: Path) -> None:
    tmp_path.joinpath("data").mkdir()
    conn = sqlite3.connect(paths.database_file(tmp_path / "data"))
    conn.execute("CREATE TABLE something_else (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="不是隐患整改台账"):
        Ledger(tmp_path / "data").open()


def test_an_existing_ledger_is_backed_up_before_migrating(ledger: Ledger, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ledger.close()
    current = migrate.head_revision()
    # Pretend this program knows a newer head than the file's revision.
    monkeypatch.setattr(migrate, "head_revision", lambda: "9999_pretend")
    ledger.open()
    copies = list(ledger.backups_dir.glob(f"before-migration-{current}-*.sqlite3"))
    assert len(copies) == 1
    conn = sqlite3.connect(copies[0])
    assert conn.execute("SELECT count(*) FROM units").fetchone()[0] == 2
    conn.close()


def test_the_data_dir_comes_from_the_option_then_the_environment(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "env"))
    assert paths.data_dir() == tmp_path / "env"
    assert paths.data_dir(tmp_path / "option") == tmp_path / "option"
    monkeypatch.delenv(paths.HOME_ENV)
    assert paths.data_dir().name == paths.APP_NAME
