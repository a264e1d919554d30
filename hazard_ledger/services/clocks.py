"""The 3030 clocks of hazards, derived when read from the hazard's dates, the profile, the
working-day calendar and the time now (domain.clocks says how)."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hazard_ledger.db.models import Event, Hazard
from hazard_ledger.domain.calendar import WorkingCalendar
from hazard_ledger.domain.clocks import ClockFacts, ClosureProfile, HazardClocks, derive_clocks
from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.workflow import Action
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


def clocks_of(hazard: Hazard, times: StepTimes, context: ClockContext) -> HazardClocks:
    status = HazardStatus(hazard.status)
    facts = ClockFacts(
        level=HazardLevel(hazard.level),
        status=status,
        found_on=hazard.found_on,
        recorded_at=times.recorded_at,
        assigned_on=hazard.assigned_on,
        assigned_at=times.assigned_at,
        deadline=hazard.deadline,
        rectified_on=hazard.rectified_on,
        verified_on=hazard.verified_on if status is HazardStatus.VERIFIED else None,
    )
    return derive_clocks(
        facts, context.profile, context.calendar, context.now, context.due_soon_days
    )


def hazard_clocks(
    session: Session, hazards: list[Hazard], context: ClockContext
) -> dict[str, HazardClocks]:
    """The clocks of ``hazards`` by uuid, with one query for the times of their steps."""
    times = step_times(session, (h.uuid for h in hazards))
    return {h.uuid: clocks_of(h, times[h.uuid], context) for h in hazards}
