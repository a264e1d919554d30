"""Benchmark of the weekly sync: a full package of the whole ledger (no photos) and a week's
package with 2,000 changed hazards, each exported by the station and imported by a county.

The week's changes are written like bench/generate.py writes history (the workflow's next step
for each hazard, hash-chained, in one transaction), so the bench does not spend minutes on
service calls. Goal: the week's package exported and imported in under 2 s each.
"""

import datetime as dt
import io
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Date, insert, select, update

from bench.generate import TODAY, _Chain, _step
from hazard_ledger.db.models import Event, Hazard
from hazard_ledger.reports.weekly_xlsx import write_weekly_xlsx
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.snapshots import snapshot
from hazard_ledger.services.stations import init_station
from hazard_ledger.services.weekly import WeeklyReport, weekly_report
from hazard_ledger.sync.export import export_package
from hazard_ledger.sync.importer import import_package

WEEK_GOAL_S = 2.0
WEEK_CHANGES = 2_000
COLUMNS = Hazard.__table__.columns


def change_week(ledger: Ledger, count: int, seed: int = 11) -> int:
    """Move ``count`` open hazards one step along the loop (交办, 整改完成 or 复查合格), as a
    busy week would; returns how many changed."""
    rng = random.Random(seed)
    day = TODAY.isoformat()
    with ledger.write() as session:
        rows = list(
            session.scalars(
                select(Hazard).where(Hazard.status.in_(("discovered", "assigned", "rectified")))
            )
        )
        chosen = rng.sample(rows, min(count, len(rows)))
        station_uuid = chosen[0].station_uuid
        head = session.execute(
            select(Event.seq, Event.hash)
            .where(Event.station_uuid == station_uuid)
            .order_by(Event.seq.desc())
            .limit(1)
        ).one()
        chain = _Chain(station_uuid, head.seq, head.hash, dt.datetime(2026, 11, 17, tzinfo=dt.UTC))
        updates: list[dict[str, Any]] = []
        for hazard in chosen:
            state = snapshot(hazard)
            if hazard.status == "discovered":
                _step(
                    chain,
                    state,
                    "assigned",
                    "周检",
                    status="assigned",
                    responsible="负责人",
                    assigned_on=day,
                    deadline=(TODAY + dt.timedelta(days=7)).isoformat(),
                )
            elif hazard.status == "assigned":
                _step(
                    chain,
                    state,
                    "rectified",
                    "单位",
                    status="rectified",
                    measures="已整改",
                    rectified_on=day,
                    extension_to=None,
                    extension_reason=None,
                    extension_requested_on=None,
                )
            else:
                _step(
                    chain,
                    state,
                    "verified",
                    "周检",
                    status="verified",
                    verified_by="周检",
                    verified_on=day,
                    verification_result="pass",
                    verification_opinion="合格",
                )
            row = {"id": hazard.id}
            for key, value in state.items():
                if isinstance(COLUMNS[key].type, Date) and value:
                    value = dt.date.fromisoformat(value)
                row[key] = value
            updates.append(row)
        session.expunge_all()
        session.execute(update(Hazard), updates)
        session.execute(insert(Event), chain.rows)
    return len(chosen)


def sync_rows(station: Ledger, root: Path) -> list[list[str]]:
    """Full export/import of ``station`` (already seeded), then a week's changes both ways."""
    rows: list[list[str]] = []
    county = Ledger(root / "county", operator="县局", today=lambda: TODAY).open()
    try:
        init_station(county, code="TSX", name="泰顺县应急管理局", county="泰顺县")
        full_file = root / "full.zip"
        seconds, exported = _timed(lambda: export_package(station, full_file, full=True))
        size = full_file.stat().st_size / 1024**2
        rows.append(
            _row(
                f"sync export --full ({exported.counts['hazards']:,} hazards, "
                f"{exported.counts['events']:,} events, {size:.1f} MB)",
                seconds,
                None,
            )
        )
        seconds, imported = _timed(
            lambda: import_package(county, full_file, accept_new_station=True)
        )
        rows.append(
            _row(f"sync import, full ({imported.new_hazards:,} new hazards)", seconds, None)
        )
        changed = change_week(station, WEEK_CHANGES)
        week_file = root / "week.zip"
        seconds, exported = _timed(lambda: export_package(station, week_file))
        rows.append(
            _row(
                f"sync export, a week ({changed:,} changed hazards, "
                f"{exported.counts['events']:,} events)",
                seconds,
                WEEK_GOAL_S,
            )
        )
        seconds, weekly = _timed(lambda: _weekly_workbook(station))
        rows.append(
            _row(
                f"  of which the 周报 workbook ({len(weekly.overdue):,} 逾期 rows, "
                f"{len(weekly.details):,} 明细 rows)",
                seconds,
                None,
            )
        )
        seconds, imported = _timed(lambda: import_package(county, week_file))
        rows.append(
            _row(
                f"sync import, a week ({imported.updated_hazards:,} updated hazards)",
                seconds,
                WEEK_GOAL_S,
            )
        )
        report = check_ledger(county)
        if not report.ok:
            raise AssertionError(f"county ledger fails check after import: {report.problems[:3]}")
    finally:
        county.close()
    return rows


def _weekly_workbook(ledger: Ledger) -> WeeklyReport:
    """What the export spends on the 周报 inside the package: its figures and its workbook."""
    report = weekly_report(ledger)
    write_weekly_xlsx(report, io.BytesIO())
    return report


def _timed(action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def _row(label: str, seconds: float, goal: float | None) -> list[str]:
    verdict = "" if goal is None else ("PASS" if seconds < goal else "MISS") + f" <{goal:.0f} s"
    return [label, f"{seconds:.2f} s", "", "", "", verdict]
