"""`unit import`: the register of units from a station's spreadsheet (.xlsx or .csv).

A row names a unit already registered when its 统一社会信用代码 is registered, or else when its
name is; such a unit gets the row's non-blank values (an 'edited' event with what changed) or is
reported unchanged. Other rows add units. A blank cell never clears what is registered.

Every bad row is reported (row, cell, column, why). A file with any bad row imports nothing,
unless the caller asks to skip the bad rows. All of it is one transaction.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hazard_ledger.db.base import utc_now_text
from hazard_ledger.db.models import Unit
from hazard_ledger.domain.credit_code import normalize_credit_code
from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.services.events import append_record_event
from hazard_ledger.services.import_columns import UNIT_COLUMNS
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.snapshots import changed, snapshot
from hazard_ledger.services.stations import local_station
from hazard_ledger.services.table_file import (
    CellError,
    NothingWritten,
    RowError,
    Sheet,
    SheetRow,
    SheetSummary,
    cell_text,
    read_table,
    row_name,
    sort_errors,
    summaries,
)

# The longest text each field takes (the database's column sizes, as `unit add` checks them).
UNIT_LIMITS = {
    "name": 200,
    "industry": 100,
    "village": 100,
    "address": 300,
    "contact": 50,
    "phone": 50,
}
UNIT_LABELS = {c.field: c.label for c in UNIT_COLUMNS}


@dataclass(frozen=True, slots=True)
class UnitOutcome:
    sheet: str
    row: int
    name: str
    result: str  # "added", "updated" or "unchanged"
    changed: tuple[str, ...] = ()  # the labels of the fields an update changed


@dataclass(frozen=True, slots=True)
class UnitImportReport:
    file: str
    sheets: tuple[SheetSummary, ...]
    skipped_sheets: tuple[tuple[str, str], ...]  # (sheet, why it has no header row)
    outcomes: tuple[UnitOutcome, ...]  # empty when nothing was written
    errors: tuple[RowError, ...]
    written: bool  # False: the file had bad rows and they were not to be skipped

    def count(self, result: str) -> int:
        return sum(o.result == result for o in self.outcomes)

    @property
    def bad_rows(self) -> int:
        return len({(e.sheet, e.row) for e in self.errors})


class UnitConflict(Exception):
    """The row's unit contradicts the register (e.g. a name registered with another code)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field, self.reason = field, reason


def import_units(
    ledger: Ledger, path: str | Path, *, skip_bad_rows: bool = False, sheet: str | None = None
) -> UnitImportReport:
    """Register or update the units listed in a spreadsheet, in one transaction.

    Raises:
        ValidationError: the file cannot be read as a table of units (see table_file).
    """
    table = read_table(path, UNIT_COLUMNS, sheet=sheet)
    errors: list[RowError] = []
    parsed: list[tuple[Sheet, SheetRow, dict[str, str | None]]] = []
    seen: dict[tuple[str, str], tuple[str, int]] = {}  # (field, value) → (sheet, row)
    for each in table.sheets:
        for row in each.rows:
            values, row_errors = parse_unit_cells(each, row)
            row_errors += _repeats(each, row, values, seen)
            errors += row_errors
            if not row_errors:
                parsed.append((each, row, values))
    outcomes: list[UnitOutcome] = []
    written = True
    try:
        with ledger.write() as session:
            station_uuid = local_station(session).uuid
            touched: dict[str, tuple[str, int]] = {}  # unit uuid → the row that matched it
            for each, row, values in parsed:
                origin = {"file": table.name, "sheet": each.name, "row": row.number}
                try:
                    outcome = _import_unit(session, ledger, station_uuid, values, origin, touched)
                except UnitConflict as conflict:
                    errors.append(_row_error(each, row, conflict.field, conflict.reason))
                else:
                    outcomes.append(outcome)
            if errors and not skip_bad_rows:
                raise NothingWritten
    except NothingWritten:
        outcomes, written = [], False
    return UnitImportReport(
        file=table.name,
        sheets=summaries(table),
        skipped_sheets=table.skipped_sheets,
        outcomes=tuple(outcomes),
        errors=sort_errors(errors, table),
        written=written,
    )


def parse_unit_cells(sheet: Sheet, row: SheetRow) -> tuple[dict[str, str | None], list[RowError]]:
    """The unit fields of a row (None: blank, leave as registered) and its bad cells."""
    values: dict[str, str | None] = {}
    errors = []
    for column in UNIT_COLUMNS:
        text = cell_text(row.cells.get(column.field))
        try:
            values[column.field] = unit_value(column.field, text)
        except (CellError, ValidationError) as error:
            errors.append(_row_error(sheet, row, column.field, str(error)))
    return values, errors


def unit_value(field: str, text: str) -> str | None:
    """One checked unit field; None for a blank optional cell."""
    if field == "name" and not text:
        raise CellError("单位名称未填写")
    if not text:
        return None
    if field == "credit_code":
        return normalize_credit_code(text)
    limit = UNIT_LIMITS[field]
    if len(text) > limit:
        raise CellError(f"{UNIT_LABELS[field]}过长（{len(text)} 字，最多 {limit} 字）")
    return text


def _repeats(
    sheet: Sheet,
    row: SheetRow,
    values: Mapping[str, str | None],
    seen: dict[tuple[str, str], tuple[str, int]],
) -> list[RowError]:
    """A unit listed twice in one file: the later row is reported."""
    errors = []
    for field in ("credit_code", "name"):
        value = values.get(field)
        if not value:
            continue
        first = seen.setdefault((field, value), (sheet.name, row.number))
        if first != (sheet.name, row.number):
            why = f"与{row_name(first, sheet.name)}重复（{UNIT_LABELS[field]}相同：{value}）"
            errors.append(_row_error(sheet, row, field, why))
    return errors


def _row_error(sheet: Sheet, row: SheetRow, field: str, reason: str) -> RowError:
    letter = sheet.letters.get(field, "")
    return RowError(
        sheet=sheet.name,
        row=row.number,
        cell=f"{letter}{row.number}" if letter else "",
        column=sheet.headers.get(field, UNIT_LABELS.get(field, field)),
        reason=reason.rstrip("。"),
    )


def match_unit(session: Session, station_uuid: str, name: str, code: str | None) -> Unit | None:
    """The registered unit a row names: by 统一社会信用代码, then by exact name.

    Raises:
        UnitConflict: the name is registered with a different credit code.
    """
    if code:
        unit = session.scalars(
            select(Unit).where(Unit.station_uuid == station_uuid, Unit.credit_code == code)
        ).first()
        if unit is not None:
            return unit
    unit = session.scalars(
        select(Unit).where(Unit.station_uuid == station_uuid, Unit.name == name)
    ).first()
    if unit is not None and code and unit.credit_code and unit.credit_code != code:
        raise UnitConflict(
            "credit_code",
            f"单位“{name}”已登记的统一社会信用代码为 {unit.credit_code}，与本行的 {code} 不同",
        )
    return unit


def add_unit_row(
    session: Session,
    ledger: Ledger,
    station_uuid: str,
    values: Mapping[str, str | None],
    origin: Mapping[str, Any],
) -> Unit:
    """A new unit from checked values, with its 'added' event (which keeps where it came from)."""
    unit = Unit(
        station_uuid=station_uuid,
        name=values["name"],
        credit_code=values.get("credit_code"),
        **{field: values.get(field) or "" for field in UNIT_LIMITS if field != "name"},
    )
    session.add(unit)
    session.flush()
    append_record_event(
        session,
        unit,
        kind="added",
        actor=ledger.operator,
        changes=snapshot(unit),
        extra={"import": dict(origin)},
    )
    return unit


def _import_unit(
    session: Session,
    ledger: Ledger,
    station_uuid: str,
    values: Mapping[str, str | None],
    origin: dict[str, Any],
    touched: dict[str, tuple[str, int]],
) -> UnitOutcome:
    name, code = values["name"] or "", values.get("credit_code")
    where: tuple[str, int] = (origin["sheet"], origin["row"])
    unit = match_unit(session, station_uuid, name, code)
    if unit is None:
        add_unit_row(session, ledger, station_uuid, values, origin)
        return UnitOutcome(*where, name, "added")
    if unit.uuid in touched:
        first = row_name(touched[unit.uuid], origin["sheet"])
        raise UnitConflict("name", f"与{first}是同一单位（{unit.name}）")
    touched[unit.uuid] = where
    if name != unit.name:
        other = match_unit(session, station_uuid, name, None)
        if other is not None:
            code_text = f"，统一社会信用代码 {other.credit_code}" if other.credit_code else ""
            raise UnitConflict("name", f"单位名称“{name}”已登记为另一单位{code_text}")
    before = snapshot(unit)
    for field, value in values.items():
        if value is not None:
            setattr(unit, field, value)
    changes = changed(before, snapshot(unit))
    if not changes:
        return UnitOutcome(*where, unit.name, "unchanged")
    # As `unit edit` does it: the row's time and an 'edited' event with what changed.
    unit.updated_at = utc_now_text()
    session.flush()
    append_record_event(
        session,
        unit,
        kind="edited",
        actor=ledger.operator,
        changes=changes,
        extra={"import": origin},
    )
    labels = tuple(UNIT_LABELS[field] for field in changes)
    return UnitOutcome(*where, unit.name, "updated", labels)
