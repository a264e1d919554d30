"""The state of a record as plain JSON values: what events carry and what `check` compares."""

import datetime as dt
from typing import Any

from hazard_ledger.db.models import Hazard, Station, Unit

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


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def snapshot(row: Hazard | Unit | Station) -> dict[str, Any]:
    """The record's state fields as JSON values (dates as ISO text)."""
    fields = {Hazard: HAZARD_FIELDS, Unit: UNIT_FIELDS, Station: STATION_FIELDS}[type(row)]
    return {name: _plain(getattr(row, name)) for name in fields}


def record_type(row: Hazard | Unit | Station) -> str:
    return {Hazard: "hazard", Unit: "unit", Station: "station"}[type(row)]


def changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The fields of ``after`` that differ from ``before``."""
    return {key: value for key, value in after.items() if before.get(key) != value}
