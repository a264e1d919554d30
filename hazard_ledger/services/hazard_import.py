"""`hazard import`: a station's earlier Excel 台账 brought into the ledger (docs/excel-import.md).

Each good row becomes a hazard with this station's next code (the year of its 发现日期), in the
status the sheet shows, through one 'imported' event that keeps where the row came from and its
import key. Units are found by 统一社会信用代码, then by name (as `unit import` does), or added.
A row whose key is already among this station's imported events is reported and skipped, so
importing a file again adds nothing. Bad rows are reported; a file with any imports nothing
unless they are to be skipped. All of it is one transaction.
"""

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from hazard_ledger.db.models import Event, Hazard, Unit
from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.domain.numbering import hazard_code, hazard_code_prefix
from hazard_ledger.domain.workflow import Action, next_status
from hazard_ledger.services.events import append_record_event
from hazard_ledger.services.hazard_import_rows import ParsedRow, parse_hazard_row
from hazard_ledger.services.import_columns import HAZARD_COLUMNS
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.snapshots import snapshot
from hazard_ledger.services.stations import local_station
from hazard_ledger.services.table_file import (
    NothingWritten,
    RowError,
    SheetSummary,
    read_table,
    row_name,
    sort_errors,
    summaries,
)
from hazard_ledger.services.unit_import import UnitConflict, add_unit_row, match_unit


@dataclass(frozen=True, slots=True)
class HazardOutcome:
    sheet: str
    row: int
    result: str  # "added", or "already" (imported before, or its 隐患编号 is in the ledger)
    code: str  # the new hazard's code; for "already", the hazard it is
    unit: str
    status: HazardStatus | None = None


@dataclass(frozen=True, slots=True)
class HazardImportReport:
    file: str
    sheets: tuple[SheetSummary, ...]
    skipped_sheets: tuple[tuple[str, str], ...]  # (sheet, why it has no header row)
    outcomes: tuple[HazardOutcome, ...]  # empty when nothing was written
    new_units: tuple[str, ...]
    errors: tuple[RowError, ...]
    written: bool  # False: the file had bad rows and they were not to be skipped

    def count(self, result: str) -> int:
        return sum(o.result == result for o in self.outcomes)

    @property
    def bad_rows(self) -> int:
        return len({(e.sheet, e.row) for e in self.errors})

    def by_status(self) -> dict[HazardStatus, int]:
        """How many new hazards landed in each status (every status, in workflow order)."""
        added = [o.status for o in self.outcomes if o.result == "added"]
        return {status: added.count(status) for status in HazardStatus}


def import_hazards(
    ledger: Ledger, path: str | Path, *, skip_bad_rows: bool = False, sheet: str | None = None
) -> HazardImportReport:
    """Bring the hazards of a spreadsheet ledger in, in one transaction.

    Raises:
        ValidationError: the file cannot be read as a hazard ledger (see table_file).
    """
    table = read_table(path, HAZARD_COLUMNS, sheet=sheet)
    today = ledger.today()
    errors: list[RowError] = []
    parsed: list[ParsedRow] = []
    first_of_key: dict[str, tuple[str, int]] = {}  # import key → (sheet, row)
    for each in table.sheets:
        for row in each.rows:
            item = parse_hazard_row(each, row, today)
            if not item.errors:
                item = replace(item, key=row_key(item))
                first = first_of_key.setdefault(item.key, (each.name, row.number))
                if first != (each.name, row.number):
                    item = item.repeated(row_name(first, each.name))
            errors += item.errors
            if not item.errors:
                parsed.append(item)
    outcomes: list[HazardOutcome] = []
    new_units: list[str] = []
    written = True
    try:
        with ledger.write() as session:
            writer = _Writer(session, ledger, table.name)
            for item in parsed:
                try:
                    outcome, unit_added = writer.write(item)
                except UnitConflict as conflict:
                    errors.append(item.error(conflict.field, conflict.reason))
                    continue
                outcomes.append(outcome)
                if unit_added:
                    new_units.append(outcome.unit)
            if errors and not skip_bad_rows:
                raise NothingWritten
    except NothingWritten:
        outcomes, new_units, written = [], [], False
    return HazardImportReport(
        file=table.name,
        sheets=summaries(table),
        skipped_sheets=table.skipped_sheets,
        outcomes=tuple(outcomes),
        new_units=tuple(new_units),
        errors=sort_errors(errors, table),
        written=written,
    )


def _imported_keys(session: Session, station_uuid: str) -> dict[str, str]:
    """Import key → hazard code, for every hazard this station imported, and every hazard code
    of the station (a sheet's 隐患编号 may be one of ours: the program's own ledger, re-read)."""
    codes = session.scalars(select(Hazard.code).where(Hazard.station_uuid == station_uuid))
    keys = {f"编号:{code}": code for code in codes}
    rows = session.execute(
        select(Event.payload, Hazard.code)
        .join(Hazard, Hazard.uuid == Event.record_uuid)
        .where(
            Event.station_uuid == station_uuid,
            Event.record_type == "hazard",
            Event.kind == Action.IMPORT.value,
        )
    )
    for payload, code in rows:
        key = json.loads(payload).get("import", {}).get("key")
        if key:
            keys[key] = code
    return keys


class _Writer:
    """Writes the good rows of one import inside its transaction."""

    def __init__(self, session: Session, ledger: Ledger, file_name: str) -> None:
        self.session, self.ledger, self.file_name = session, ledger, file_name
        self.station = local_station(session)
        self.known = _imported_keys(session, self.station.uuid)
        self.serials: dict[int, int] = {}  # year → the last serial given
        self.units: dict[tuple[str, str | None], Unit] = {}  # (name, credit code) → unit

    def write(self, item: ParsedRow) -> tuple[HazardOutcome, bool]:
        """The row's new hazard (and whether its unit was added), or the hazard it already is."""
        unit_name = item.unit["name"] or ""
        where = (item.sheet.name, item.row.number)
        if item.key in self.known:
            return HazardOutcome(*where, "already", self.known[item.key], unit_name), False
        origin = {"file": self.file_name, "sheet": item.sheet.name, "row": item.row.number}
        unit, unit_added = self._unit(item.unit, origin)
        values = dict(item.hazard)
        values["industry"] = values["industry"] or unit.industry
        landing = next_status(None, Action.IMPORT, landing=item.status)
        hazard = Hazard(
            code=self._next_code(values["found_on"].year),
            station_uuid=self.station.uuid,
            unit_uuid=unit.uuid,
            status=landing.value,
            **values,
        )
        self.session.add(hazard)
        self.session.flush()
        append_record_event(
            self.session,
            hazard,
            kind=Action.IMPORT.value,
            actor=self.ledger.operator,
            changes=snapshot(hazard),
            extra={"import": {**origin, "key": item.key, **item.notes}},
        )
        self.known[item.key] = hazard.code
        return HazardOutcome(*where, "added", hazard.code, unit.name, landing), unit_added

    def _unit(self, values: dict[str, str | None], origin: dict[str, Any]) -> tuple[Unit, bool]:
        """The registered unit a row names (as `unit import` matches), or a new one."""
        key = (values["name"] or "", values.get("credit_code"))
        unit = self.units.get(key) or match_unit(self.session, self.station.uuid, *key)
        added = unit is None
        if unit is None:
            unit = add_unit_row(self.session, self.ledger, self.station.uuid, values, origin)
        self.units[key] = unit
        return unit, added

    def _next_code(self, year: int) -> str:
        """This station's next hazard code of ``year`` (numbered as hazards._next_code does)."""
        if year not in self.serials:
            prefix = hazard_code_prefix(self.station.code, year)
            self.serials[year] = (
                self.session.scalar(
                    select(
                        func.max(cast(func.substr(Hazard.code, len(prefix) + 1), Integer))
                    ).where(Hazard.code.like(f"{prefix}%"))
                )
                or 0
            )
        self.serials[year] += 1
        return hazard_code(self.station.code, year, self.serials[year])


def row_key(item: ParsedRow) -> str:
    return import_key(
        item.notes.get("original_code", ""),
        item.unit["name"] or "",
        item.hazard["found_on"],
        item.hazard["description"],
        item.hazard["location"],
    )


def import_key(
    original_code: str, unit: str, found_on: dt.date, description: str, place: str
) -> str:
    """What identifies a row across imports: its 隐患编号 when that looks like a code (plain
    serial numbers 1, 2, 3… restart in every sheet, so they do not), else a fingerprint of
    unit, 发现日期, 隐患描述 and 部位 with spaces, letter widths and end punctuation folded."""
    code = _fold(original_code).upper()
    if code and (not code.isdigit() or len(code) >= 6):
        return f"编号:{code}"
    parts = [_fold(unit), found_on.isoformat(), _fold(description), _fold(place)]
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()
    return f"指纹:{digest[:32]}"


def _fold(text: str) -> str:
    folded = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    return folded.rstrip("。.;；,，")
