"""The state of a record as plain JSON values: what events carry and what `check` compares."""

import datetime as dt
from typing import Any

from hazard_ledger.db.models import Hazard, Notice, Station, Supervision, Unit

HAZARD_FIELDS = (
    "uuid",
    "code",
    "station_uuid",
    "unit_uuid",
    "inspection_uuid",
    "status",
    "level",
    "description",
    "location",
    "category",
    "industry",
    "source",
    "basis",
    "found_on",
    "inspector",
    "responsible",
    "responsible_phone",
    "requirement",
    "assigned_on",
    "deadline",
    "measures",
    "rectified_on",
    "funds_fen",
    "verified_by",
    "verified_on",
    "verification_result",
    "verification_opinion",
    "void_reason",
    "extension_to",
    "extension_reason",
    "extension_requested_on",
)
UNIT_FIELDS = (
    "uuid",
    "station_uuid",
    "name",
    "credit_code",
    "industry",
    "village",
    "address",
    "contact",
    "phone",
)
STATION_FIELDS = ("uuid", "code", "name", "township", "county", "doc_prefix")
NOTICE_FIELDS = (
    "uuid",
    "station_uuid",
    "unit_uuid",
    "kind",
    "refers_to_uuid",
    "title",
    "number",
    "year",
    "serial",
    "status",
    "issued_on",
    "inspected_on",
    "inspected_place",
    "inspectors",
    "served_on",
    "served_to",
    "refused",
    "witness",
    "void_reason",
)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


SUPERVISION_FIELDS = (
    "uuid",
    "station_uuid",
    "hazard_uuid",
    "status",
    "level",
    "authority",
    "supervisor",
    "doc_no",
    "listed_on",
    "deadline",
    "plan_responsibility",
    "plan_measures",
    "plan_funds_fen",
    "plan_deadline",
    "plan_contingency",
    "applied_on",
    "accepted_by",
    "accepted_on",
    "acceptance_result",
    "acceptance_opinion",
    "delisted_on",
)
NOTICE_ITEM_FIELDS = ("hazard_uuid", "position", "deadline", "requirement", "result")
# Kept from schema 0003 on; NULL on older records, whose events never carried them.
_PRINTED_ITEM_FIELDS = ("description", "location", "basis")
_PRINTED_NOTICE_FIELDS = ("issuer", "unit_name")
Record = Hazard | Unit | Station | Notice | Supervision
_FIELDS: dict[type, tuple[str, ...]] = {
    Hazard: HAZARD_FIELDS,
    Unit: UNIT_FIELDS,
    Station: STATION_FIELDS,
    Notice: NOTICE_FIELDS,
    Supervision: SUPERVISION_FIELDS,
}
_TYPES: dict[type, str] = {
    Hazard: "hazard",
    Unit: "unit",
    Station: "station",
    Notice: "notice",
    Supervision: "supervision",
}


def snapshot(row: Record) -> dict[str, Any]:
    """The record's state fields as JSON values (dates as ISO text). A notice's state also
    holds its items (which hazards, deadlines, requirements), set by the notice services."""
    state = {name: _plain(getattr(row, name)) for name in _FIELDS[type(row)]}
    if isinstance(row, Notice):
        state |= _present(row, _PRINTED_NOTICE_FIELDS)
        state["items"] = [
            {name: _plain(getattr(item, name)) for name in NOTICE_ITEM_FIELDS}
            | _present(item, _PRINTED_ITEM_FIELDS)
            for item in row.items
        ]
    return state


def _present(row: object, names: tuple[str, ...]) -> dict[str, Any]:
    """The fields among ``names`` that are set (older records fold without them)."""
    return {name: value for name in names if (value := getattr(row, name)) is not None}


def record_type(row: Record) -> str:
    return _TYPES[type(row)]


def changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The fields of ``after`` that differ from ``before``."""
    return {key: value for key, value in after.items() if before.get(key) != value}
