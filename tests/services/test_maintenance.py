"""backup / restore: copies that open; restores that check first and lose nothing."""

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from hazard_ledger.domain.errors import StorageError, ValidationError
from hazard_ledger.services import hazards, maintenance
from hazard_ledger.services.hazard_queries import list_hazards
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger


def record(ledger: Ledger, text: str) -> str:
    return hazards.record_hazard(
        ledger,
        hazards.NewHazard(unit="老街小吃店", description=text, found_on=dt.date(2026, 11, 1)),
    )


def test_backup_then_restore_brings_back_the_ledger(ledger: Ledger, tmp_path: Path) -> None:
    record(ledger, "疏散通道堵塞")
    copy = maintenance.backup(ledger, tmp_path / "备份.sqlite3")
    record(ledger, "备份之后登记的隐患")
    assert len(list_hazards(ledger)) == 2
    safety = maintenance.restore(ledger, copy)
    assert [r.description for r in list_hazards(ledger)] == ["疏散通道堵塞"]
    assert check_ledger(ledger).ok
    # the ledger as it was before the restore is kept
    with Ledger(tmp_path / "check", today=ledger.today) as other:
        maintenance.restore(other, safety)
        assert len(list_hazards(other)) == 2


def test_automatic_backups_rotate(ledger: Ledger) -> None:
    made = [maintenance.backup(ledger) for _ in range(maintenance.KEEP_AUTOMATIC + 3)]
    kept = sorted(ledger.backups_dir.glob("ledger-*.sqlite3"))
    assert kept == sorted(made[-maintenance.KEEP_AUTOMATIC :])
    assert maintenance.daily_backup(ledger) is None  # one was made just now


def test_backup_refuses_to_overwrite_the_ledger_itself(ledger: Ledger) -> None:
    with pytest.raises(ValidationError):
        maintenance.backup(ledger, ledger.database_file)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just text, not a database", "不是 SQLite 数据库"),
        (None, "不是隐患整改台账"),  # a SQLite file of another program
    ],
)
def test_restore_refuses_files_that_are_not_ledgers(
    ledger: Ledger, tmp_path: Path, content, message
) -> None:  # type: ignore[no-untyped-def]
    record(ledger, "保留的隐患")
    bad = tmp_path / "bad.sqlite3"
    if content is None:
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
        conn.close()
    else:
        bad.write_bytes(content)
    with pytest.raises(StorageError, match=message):
        maintenance.restore(ledger, bad)
    assert [r.description for r in list_hazards(ledger)] == ["保留的隐患"]


def test_restore_refuses_a_damaged_backup(ledger: Ledger, tmp_path: Path) -> None:
    for n in range(200):
        record(ledger, f"隐患{n}" * 20)
    copy = maintenance.backup(ledger, tmp_path / "copy.sqlite3")
    data = bytearray(copy.read_bytes())
    page = 4096
    for offset in range(page * 3, page * 3 + 400):  # scribble over a b-tree page
        data[offset] = 0xFF
    copy.write_bytes(bytes(data))
    with pytest.raises(StorageError):
        maintenance.restore(ledger, copy)
    assert len(list_hazards(ledger)) == 200


def test_restore_refuses_a_backup_from_a_newer_version(ledger: Ledger, tmp_path: Path) -> None:
    copy = maintenance.backup(ledger, tmp_path / "newer.sqlite3")
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="更新版本"):
        maintenance.restore(ledger, copy)
