"""The 3030 clocks of hazards, derived when read from the hazard's dates, the profile, the
working-day calendar and the time now (domain.clocks says how)."""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hazard_ledger.db.models import Event, Hazard
from hazard_ledger.domain.calendar import WorkingCalendar
from hazard_ledger.domain.clocks import (
    ClockFacts,
    ClosureProfile,
    HazardClocks,
    LimitUnit,
    derive_clocks,
    latest_start_exceeded,
)
from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.workflow import Action
from hazard_ledger.services.batches import chunks
from hazard_ledger.services.calendar import load_calendar
from hazard_ledger.services.closure_profile import load_profile
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.preferences import load_preferences


@dataclass(frozen=True, slots=True)
class ClockContext:
    """Everything clocks depend on besides the hazard: read once per listing."""

    profile: ClosureProfile
    calendar: WorkingCalendar
    now: dt.datetime
    due_soon_days: int


def clock_context(ledger: Ledger) -> ClockContext:
    return ClockContext(
        load_profile(ledger),
        load_calendar(ledger),
        ledger.now(),
        load_preferences(ledger).due_soon_days,
    )


def local_time(utc_text: str) -> dt.datetime:
    """A stored UTC timestamp (``2026-11-22T07:00:00.000001Z``) as naive local time."""
    moment = dt.datetime.fromisoformat(utc_text.replace("Z", "+00:00"))
    return moment.astimezone().replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class StepTimes:
    """When a hazard was recorded and last assigned in the program (local time), from its
    events: hashed facts that travel with the weekly sync, unlike the rows' bookkeeping."""

    recorded_at: dt.datetime
    assigned_at: dt.datetime | None = None


def step_times(session: Session, hazard_uuids: Iterable[str]) -> dict[str, StepTimes]:
    uuids = list(hazard_uuids)
    rows = session.execute(
        select(Event.record_uuid, Event.kind, func.max(Event.occurred_at))
        .where(
            Event.record_uuid.in_(uuids),
            Event.kind.in_((Action.RECORD.value, Action.ASSIGN.value)),
        )
        .group_by(Event.record_uuid, Event.kind)
    ).all()
    recorded = {uuid: at for uuid, kind, at in rows if kind == Action.RECORD.value}
    assigned = {uuid: at for uuid, kind, at in rows if kind == Action.ASSIGN.value}
    return {
        uuid: StepTimes(local_time(at), local_time(assigned[uuid]) if uuid in assigned else None)
        for uuid, at in recorded.items()
    }


@dataclass(frozen=True, slots=True)
class ClockRow:
    """The columns of a hazard its clocks are derived from."""

    uuid: str
    level: HazardLevel
    status: HazardStatus
    found_on: dt.date
    assigned_on: dt.date | None
    deadline: dt.date | None
    rectified_on: dt.date | None
    verified_on: dt.date | None


def minute_levels(profile: ClosureProfile) -> set[HazardLevel]:
    """The levels whose response is counted in minutes: only their clocks need the times of
    the recording and assignment events."""
    return {lvl for lvl, limit in profile.response.items() if limit.unit is LimitUnit.MINUTES}


def clocks_for(
    session: Session, rows: Sequence[ClockRow], context: ClockContext
) -> dict[str, HazardClocks]:
    """The clocks of ``rows`` by uuid; event times are read only where minutes count."""
    timed = minute_levels(context.profile)
    needing = [row.uuid for row in rows if row.level in timed]
    times: dict[str, StepTimes] = {}
    for batch in chunks(needing):
        times.update(step_times(session, list(batch)))
    return {row.uuid: _derive(row, times.get(row.uuid), context) for row in rows}


def _derive(row: ClockRow, times: StepTimes | None, context: ClockContext) -> HazardClocks:
    facts = ClockFacts(
        level=row.level,
        status=row.status,
        found_on=row.found_on,
        recorded_at=times.recorded_at if times else None,
        assigned_on=row.assigned_on,
        assigned_at=times.assigned_at if times else None,
        deadline=row.deadline,
        rectified_on=row.rectified_on,
        verified_on=row.verified_on if row.status is HazardStatus.VERIFIED else None,
    )
    return derive_clocks(
        facts, context.profile, context.calendar, context.now, context.due_soon_days
    )


def clock_row(hazard: Hazard) -> ClockRow:
    return ClockRow(
        hazard.uuid,
        HazardLevel(hazard.level),
        HazardStatus(hazard.status),
        hazard.found_on,
        hazard.assigned_on,
        hazard.deadline,
        hazard.rectified_on,
        hazard.verified_on,
    )


def hazard_clocks(
    session: Session, hazards: list[Hazard], context: ClockContext
) -> dict[str, HazardClocks]:
    """The clocks of ``hazards`` (rows) by uuid."""
    return clocks_for(session, [clock_row(h) for h in hazards], context)


def closure_cutoffs(context: ClockContext, today: dt.date) -> dict[HazardLevel, dt.date]:
    """Per level, the latest discovery date whose closure clock has run out by ``today``."""
    return {
        level: latest_start_exceeded(limit, context.calendar, today)
        for level, limit in context.profile.closure.items()
    }


def verification_cutoff(context: ClockContext, today: dt.date) -> dt.date:
    """The latest reported-fix date whose 复查 is overdue by ``today``."""
    return latest_start_exceeded(context.profile.verification, context.calendar, today)
