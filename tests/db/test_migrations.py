"""A ledger saved at every released schema opens with this version: migrated (after a backup
copy), with every record kept and `check` passing."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from hazard_ledger.db import migrate
from hazard_ledger.services.hazard_queries import list_hazards
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("ledger-*.sqlite3"))


def counts(path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(path)
    try:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("hazards", "units", "events")
        )
    finally:
        conn.close()


def test_there_is_a_fixture_for_every_released_schema() -> None:
    # 0002 (notices) was released with the 整改通知书; its fixture holds issued, served and
    # voided notices; 0003 (挂牌督办, 延期) with a listed hazard, its plan and progress, and a
    # pending extension.
    assert [f.name for f in FIXTURES][:3] == [
        "ledger-0001.sqlite3",
        "ledger-0002.sqlite3",
        "ledger-0003.sqlite3",
    ]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_an_old_ledger_opens_migrated_and_whole(fixture: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(fixture, data / "ledger.sqlite3")
    before = counts(fixture)
    with Ledger(data) as ledger:
        assert migrate.current_revision(ledger.engine) == migrate.head_revision()
        report = check_ledger(ledger)
        assert report.ok, report.problems
        assert len(list_hazards(ledger)) == before[0]
    assert counts(data / "ledger.sqlite3")[:2] == before[:2]
    revision = fixture.stem.removeprefix("ledger-")
    if revision != migrate.head_revision():
        assert list((data / "backups").glob(f"before-migration-{revision}-*.sqlite3"))
