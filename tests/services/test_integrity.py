"""`check` finds every kind of tampering and names the first bad record."""

import datetime as dt
import sqlite3
from pathlib import Path

from hazard_ledger.services import hazards
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger


def loop(ledger: Ledger, photo: Path | None = None) -> str:
    code = hazards.record_hazard(
        ledger,
        hazards.NewHazard(
            unit="鑫源五金厂",
            description="砂轮机无防护罩",
            found_on=dt.date(2026, 11, 2),
            photos=[photo] if photo else [],
        ),
    )
    hazards.assign_hazard(
        ledger, code, responsible="张国强", deadline=dt.date(2026, 11, 20), on=dt.date(2026, 11, 3)
    )
    return code


def tamper(ledger: Ledger, *sql: str) -> None:
    """What someone with a SQLite tool could do: drop our guards and edit the file."""
    conn = sqlite3.connect(ledger.database_file)
    conn.execute("DROP TRIGGER IF EXISTS events_no_update")
    conn.execute("DROP TRIGGER IF EXISTS events_no_delete")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_a_clean_ledger_passes(ledger: Ledger, photo: Path) -> None:
    loop(ledger, photo)
    report = check_ledger(ledger)
    assert report.ok, report.problems
    assert report.events == 5 and report.attachments == 1  # station, 2 units, 2 hazard steps


def test_events_cannot_be_changed_through_sql(ledger: Ledger) -> None:
    loop(ledger)
    conn = sqlite3.connect(ledger.database_file)
    for statement in ("UPDATE events SET actor = 'x'", "DELETE FROM events"):
        try:
            conn.execute(statement)
        except sqlite3.IntegrityError as error:
            assert "append-only" in str(error)
        else:
            raise AssertionError(f"{statement} was allowed")
    conn.close()


def test_an_edited_event_breaks_the_chain(ledger: Ledger) -> None:
    loop(ledger)
    tamper(
        ledger,
        "UPDATE events SET payload = replace(payload, '2026-11-20', '2026-12-31') "
        "WHERE kind = 'assigned'",
    )
    report = check_ledger(ledger)
    assert not report.ok
    assert "第 5 条履历" in report.problems[0] and "内容与哈希不符" in report.problems[0]


def test_a_deleted_event_is_found(ledger: Ledger) -> None:
    loop(ledger)
    tamper(ledger, "DELETE FROM events WHERE seq = 4")
    assert "序号不连续" in check_ledger(ledger).problems[0]


def test_a_row_changed_behind_the_history_is_named(ledger: Ledger) -> None:
    code = loop(ledger)
    tamper(ledger, f"UPDATE hazards SET deadline = '2026-12-31' WHERE code = '{code}'")
    problems = check_ledger(ledger).problems
    assert len(problems) == 1
    assert code in problems[0] and "deadline" in problems[0] and "2026-11-20" in problems[0]


def test_a_status_forged_in_the_row_is_found(ledger: Ledger) -> None:
    code = loop(ledger)
    tamper(ledger, f"UPDATE hazards SET status = 'verified' WHERE code = '{code}'")
    assert code in check_ledger(ledger).problems[0]


def test_a_missing_or_altered_photo_is_found(ledger: Ledger, photo: Path) -> None:
    loop(ledger, photo)
    stored = next(ledger.attachments_dir.glob("??/*.jpg"))
    stored.write_bytes(stored.read_bytes() + b"x")
    assert "内容被改动" in check_ledger(ledger).problems[0]
    stored.unlink()
    assert "文件缺失" in check_ledger(ledger).problems[0]


def test_a_record_inserted_without_history_is_found(ledger: Ledger) -> None:
    tamper(
        ledger,
        "INSERT INTO units (uuid, station_uuid, name, industry, village, address, "
        "contact, phone, created_at, updated_at) SELECT 'u-x', uuid, '幽灵单位', '', '', "
        "'', '', '', '', '' FROM stations",
    )
    assert "幽灵单位" in check_ledger(ledger).problems[0]


def test_a_photo_moved_or_relabelled_behind_the_history_is_found(
    ledger: Ledger, photo: Path
) -> None:
    loop(ledger, photo)
    tamper(ledger, "UPDATE attachments SET kind = 'after'")
    report = check_ledger(ledger)
    assert not report.ok
    assert "与履历中的记载不符" in report.problems[0]
