"""Frozen data the services return (never live ORM objects)."""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hazard_ledger.domain.clocks import HazardClocks
from hazard_ledger.domain.enums import HazardLevel, HazardStatus, PhotoKind
from hazard_ledger.domain.supervision import SupervisionStatus


@dataclass(frozen=True, slots=True)
class StationView:
    uuid: str
    code: str
    name: str
    township: str
    county: str
    doc_prefix: str
    is_local: bool
    # Filled by list_stations (0 elsewhere): hazards not voided, and those still open.
    total_hazards: int = 0
    open_hazards: int = 0


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
    assigned_on: dt.date | None = None
    rectified_on: dt.date | None = None
    clocks: HazardClocks = field(default_factory=HazardClocks)
    supervision: str = ""  # the SupervisionStatus value of a listed hazard, else ""
    supervision_deadline: dt.date | None = None

    @property
    def listed(self) -> bool:
        """Under 挂牌督办 now (listed, not yet delisted)."""
        return self.supervision not in ("", "delisted")


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
    # What the event says besides the changed fields: a notice number, a reason, a note…
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ProgressReport:
    on: dt.date
    note: str
    actor: str
    photos: int


@dataclass(frozen=True, slots=True)
class SupervisionView:
    hazard_code: str
    status: SupervisionStatus
    level: str
    authority: str
    supervisor: str
    doc_no: str
    listed_on: dt.date
    deadline: dt.date
    plan_responsibility: str
    plan_measures: str
    plan_funds_fen: int | None
    plan_deadline: dt.date | None
    plan_contingency: str
    applied_on: dt.date | None
    accepted_by: str
    accepted_on: dt.date | None
    acceptance_result: str
    acceptance_opinion: str
    delisted_on: dt.date | None
    progress: tuple[ProgressReport, ...] = ()


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
    clocks: HazardClocks = field(default_factory=HazardClocks)
    profile: str = ""  # the 3030 profile's summary, shown beside the clocks
    supervision: SupervisionView | None = None
    extension_to: dt.date | None = None  # a pending 延期 request
    extension_reason: str = ""
    extension_requested_on: dt.date | None = None
    # The station the hazard belongs to: in a county ledger, an imported one (read-only here).
    station_name: str = ""
    station_local: bool = True

    @property
    def imported(self) -> bool:
        """Recorded by another station and imported with its sync package: read-only here."""
        return not self.station_local

    @property
    def listed(self) -> bool:
        """Under 挂牌督办 now (listed, not yet delisted)."""
        return (
            self.supervision is not None
            and self.supervision.status is not SupervisionStatus.DELISTED
        )

    @property
    def allowed_actions(self) -> list[str]:
        from hazard_ledger.domain.workflow import allowed_actions

        return [action.value for action in allowed_actions(self.status)]
