"""Frozen data the services return (never live ORM objects)."""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hazard_ledger.domain.enums import HazardLevel, HazardStatus, PhotoKind


@dataclass(frozen=True, slots=True)
class StationView:
    uuid: str
    code: str
    name: str
    township: str
    county: str
    doc_prefix: str
    is_local: bool


@dataclass(frozen=True, slots=True)
class UnitView:
    uuid: str
    name: str
    credit_code: str | None
    industry: str
    village: str
    address: str
    contact: str
    phone: str
    open_hazards: int = 0
    total_hazards: int = 0


@dataclass(frozen=True, slots=True)
class HazardRow:
    """One line of the ledger list."""

    code: str
    uuid: str
    station_code: str
    unit: str
    village: str
    description: str
    location: str
    level: HazardLevel
    status: HazardStatus
    industry: str
    found_on: dt.date
    deadline: dt.date | None
    responsible: str
    overdue_days: int


@dataclass(frozen=True, slots=True)
class PhotoView:
    uuid: str
    kind: PhotoKind
    sha256: str
    media_type: str
    original_name: str
    width: int
    height: int
    path: Path
    thumbnail: Path


@dataclass(frozen=True, slots=True)
class EventView:
    seq: int
    kind: str
    label: str
    occurred_at: str
    actor: str
    changes: dict[str, Any]


@dataclass(frozen=True, slots=True)
class HazardDetail:
    """Everything about one hazard, with its photos and its history."""

    code: str
    uuid: str
    station_code: str
    unit: str
    unit_uuid: str
    village: str
    status: HazardStatus
    level: HazardLevel
    description: str
    location: str
    category: str
    industry: str
    source: str
    basis: str
    found_on: dt.date
    inspector: str
    responsible: str
    responsible_phone: str
    requirement: str
    assigned_on: dt.date | None
    deadline: dt.date | None
    measures: str
    rectified_on: dt.date | None
    funds_fen: int | None
    verified_by: str
    verified_on: dt.date | None
    verification_result: str
    verification_opinion: str
    void_reason: str
    overdue_days: int
    photos: tuple[PhotoView, ...] = ()
    history: tuple[EventView, ...] = field(default_factory=tuple)

    @property
    def allowed_actions(self) -> list[str]:
        from hazard_ledger.domain.workflow import allowed_actions

        return [action.value for action in allowed_actions(self.status)]
