"""Backups (SQLite online backup API), rotation, and restore with checks before replacing."""

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from hazard_ledger.db import migrate
from hazard_ledger.db.sqlite_backup import copy_database, inspect_file, restore_database
from hazard_ledger.domain.errors import StorageError, ValidationError
from hazard_ledger.services.ledger import Ledger

AUTO_PREFIX = "ledger-"
KEEP_AUTOMATIC = 14


def _require_sqlite(ledger: Ledger) -> None:
    if not ledger.is_sqlite:
        raise ValidationError(
            "备份与恢复只适用于本机 SQLite 台账；数据库服务器请用其自身的备份工具。"
        )


def backup(ledger: Ledger, output: str | Path | None = None) -> Path:
    """Copy the ledger to ``output``, or to a new dated file in the backups dir (rotated)."""
    _require_sqlite(ledger)
    if output is not None:
        target = Path(output).expanduser().resolve()
        if target == ledger.database_file.resolve():
            raise ValidationError("备份文件不能覆盖正在使用的台账本身。")
        if not target.parent.is_dir():
            raise ValidationError(f"目录不存在：{target.parent}")
        copy_database(ledger.database_file, target)
        return target
    ledger.backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = ledger.backups_dir / f"{AUTO_PREFIX}{stamp}.sqlite3"
    copy_database(ledger.database_file, target)
    _rotate(ledger.backups_dir)
    return target


def _rotate(folder: Path) -> None:
    automatic = sorted(folder.glob(f"{AUTO_PREFIX}*.sqlite3"))
    for old in automatic[:-KEEP_AUTOMATIC]:
        old.unlink(missing_ok=True)


def daily_backup(ledger: Ledger) -> Path | None:
    """Make an automatic backup unless one was made in the last 24 hours."""
    if not ledger.is_sqlite or not ledger.database_file.exists():
        return None
    newest = sorted(ledger.backups_dir.glob(f"{AUTO_PREFIX}*.sqlite3"))
    if newest:
        age = dt.datetime.now().timestamp() - newest[-1].stat().st_mtime
        if age < 24 * 3600:
            return None
    return backup(ledger)


def restore(ledger: Ledger, source: str | Path) -> Path:
    """Replace the ledger with the backup ``source`` after checking it. The current ledger is
    first backed up; returns that safety copy's path. ``source`` itself is never modified."""
    _require_sqlite(ledger)
    source = Path(source).expanduser()
    if not source.is_file():
        raise ValidationError(f"找不到备份文件：{source}")
    ledger.backups_dir.mkdir(parents=True, exist_ok=True)
    candidate = ledger.backups_dir / "restore-candidate.sqlite3"
    shutil.copyfile(source, candidate)
    try:
        try:
            integrity, revision, tables = inspect_file(candidate)
        except sqlite3.DatabaseError:
            raise StorageError(f"“{source.name}”不是 SQLite 数据库文件，台账未作改动。") from None
        if integrity != "ok":
            raise StorageError(f"备份文件“{source.name}”已损坏（{integrity}），台账未作改动。")
        if revision is None or "hazards" not in tables:
            raise StorageError(f"“{source.name}”不是隐患整改台账的备份，台账未作改动。")
        if revision not in migrate.known_revisions():
            raise StorageError(
                f"备份文件“{source.name}”来自更新版本的程序，本程序无法使用，台账未作改动。"
            )
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        safety = ledger.backups_dir / f"before-restore-{stamp}.sqlite3"
        if ledger.database_file.exists():
            copy_database(ledger.database_file, safety)
        ledger.close()
        restore_database(candidate, ledger.database_file)
        ledger.open()  # migrates an older backup to the current schema
        return safety
    finally:
        candidate.unlink(missing_ok=True)
