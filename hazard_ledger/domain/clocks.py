"""The "3030" closure clocks (闭环管控时限), derived from a hazard's dates and never stored.

A profile gives, per hazard level, a *response* limit (discovery → 交办/上报) and a *closure*
limit (discovery → verified closure), plus one *verification* limit (reported fix → 复查). Each
limit is counted in minutes, calendar days or working days. No published text of the "3030"
mechanism was found (DESIGN §4), so the default is an assumption stated as such, and editable.

Day limits end at the end of their last day: a hazard due "within 30 days" of 11-01 is on time
if closed on 12-01. Minute limits run from the moment the hazard was recorded in the program; a
hazard recorded after its discovery day (backfilled), or whose recording time is not at hand,
is taken as found at 00:00 of that day.
"""

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from hazard_ledger.domain.calendar import WorkingCalendar
from hazard_ledger.domain.deadlines import overdue_days
from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.errors import ValidationError

END_OF_DAY = dt.time.max
DAY_STEP = dt.timedelta(days=1)


class LimitUnit(StrEnum):
    MINUTES = "minutes"
    DAYS = "days"
    WORKING_DAYS = "working_days"

    @property
    def label(self) -> str:
        return {"minutes": "分钟", "days": "天", "working_days": "个工作日"}[self]


@dataclass(frozen=True, slots=True)
class Limit:
    amount: int
    unit: LimitUnit

    def __post_init__(self) -> None:
        most = 7 * 24 * 60 if self.unit is LimitUnit.MINUTES else 3650
        if not 1 <= self.amount <= most:
            raise ValidationError(
                f"时限应在 1 到 {most} {self.unit.label}之间，不能是 {self.amount}。",
                field="limit",
            )

    @property
    def label(self) -> str:
        return f"{self.amount} {self.unit.label}"

    def due(self, start: dt.datetime, calendar: WorkingCalendar) -> dt.datetime:
        """The last moment that still meets the limit, counted from ``start``."""
        return _due(self, start, calendar)

    def _compute_due(self, start: dt.datetime, calendar: WorkingCalendar) -> dt.datetime:
        if self.unit is LimitUnit.MINUTES:
            return start + dt.timedelta(minutes=self.amount)
        if self.unit is LimitUnit.DAYS:
            day = start.date() + dt.timedelta(days=self.amount)
        else:
            day = calendar.add_working_days(start.date(), self.amount)
        return dt.datetime.combine(day, END_OF_DAY)


@functools.lru_cache(maxsize=65536)
def _due(limit: Limit, start: dt.datetime, calendar: WorkingCalendar) -> dt.datetime:
    # A ledger's hazards share few discovery dates: a list derives each due date once.
    return limit._compute_due(start, calendar)


@dataclass(frozen=True, slots=True)
class ClosureProfile:
    name: str
    source: str  # where the values come from, shown beside the clocks
    response: Mapping[HazardLevel, Limit]
    closure: Mapping[HazardLevel, Limit]
    verification: Limit

    def summary(self) -> str:
        """One line for the places clocks are shown, e.g. the overview and the settings."""
        g, m = HazardLevel.GENERAL, HazardLevel.MAJOR
        return (
            f"{self.name}：响应 重大 {self.response[m].label}、一般 {self.response[g].label}；"
            f"闭环 重大 {self.closure[m].label}、一般 {self.closure[g].label}；"
            f"复查 {self.verification.label}"
        )


DEFAULT_PROFILE = ClosureProfile(
    name="3030",
    source=(
        "程序默认值：未见“3030”的正式文件，按重大隐患 30 分钟内响应、隐患 30 天内闭环的"
        "通行说法设定，可在设置中修改"
    ),
    response={
        HazardLevel.MAJOR: Limit(30, LimitUnit.MINUTES),
        HazardLevel.GENERAL: Limit(1, LimitUnit.WORKING_DAYS),
    },
    closure={
        HazardLevel.MAJOR: Limit(30, LimitUnit.DAYS),
        HazardLevel.GENERAL: Limit(30, LimitUnit.DAYS),
    },
    verification=Limit(3, LimitUnit.WORKING_DAYS),
)


@dataclass(frozen=True, slots=True)
class ClockFacts:
    """What the clocks are derived from: the hazard's dates and when it was recorded and
    assigned in the program (local time)."""

    level: HazardLevel
    status: HazardStatus
    found_on: dt.date
    recorded_at: dt.datetime | None = None  # needed only for limits counted in minutes
    assigned_on: dt.date | None = None
    assigned_at: dt.datetime | None = None
    deadline: dt.date | None = None
    rectified_on: dt.date | None = None
    verified_on: dt.date | None = None  # of the passing verification, once closed


@dataclass(frozen=True, slots=True)
class HazardClocks:
    response_due: dt.datetime | None = None
    response_late: bool = False
    closure_due: dt.date | None = None
    closure_days_left: int | None = None  # while open; negative once exceeded
    closure_exceeded: bool = False
    verification_due: dt.date | None = None
    verification_overdue: bool = False
    overdue_days: int = 0
    due_soon: bool = False
    watched: bool = field(default=True)  # False for a voided hazard: no clock runs


def _start(facts: ClockFacts) -> dt.datetime:
    if facts.recorded_at is not None and facts.recorded_at.date() == facts.found_on:
        return facts.recorded_at
    return dt.datetime.combine(facts.found_on, dt.time.min)


def _responded(facts: ClockFacts) -> dt.datetime | None:
    if facts.assigned_on is None:
        return None
    if facts.assigned_at is not None and facts.assigned_at.date() == facts.assigned_on:
        return facts.assigned_at
    return dt.datetime.combine(facts.assigned_on, dt.time.min)


def derive_clocks(
    facts: ClockFacts,
    profile: ClosureProfile,
    calendar: WorkingCalendar,
    now: dt.datetime,
    due_soon_days: int,
) -> HazardClocks:
    """Every clock of one hazard at ``now`` (local time)."""
    if facts.status is HazardStatus.VOIDED:
        return HazardClocks(watched=False)
    today = now.date()
    start = _start(facts)
    response_due = profile.response[facts.level].due(start, calendar)
    responded = _responded(facts)
    closure_due = profile.closure[facts.level].due(start, calendar)
    closed = facts.status is HazardStatus.VERIFIED
    closed_at = (
        dt.datetime.combine(facts.verified_on, dt.time.min)
        if closed and facts.verified_on
        else None
    )
    verification_due = None
    if facts.status is HazardStatus.RECTIFIED and facts.rectified_on is not None:
        verification_due = profile.verification.due(
            dt.datetime.combine(facts.rectified_on, dt.time.min), calendar
        )
    being_fixed = facts.status is HazardStatus.ASSIGNED and facts.deadline is not None
    return HazardClocks(
        response_due=response_due,
        response_late=(responded or now) > response_due,
        closure_due=closure_due.date(),
        closure_days_left=None if closed else (closure_due.date() - today).days,
        closure_exceeded=(closed_at or now) > closure_due,
        verification_due=verification_due.date() if verification_due else None,
        verification_overdue=verification_due is not None and now > verification_due,
        overdue_days=overdue_days(facts.status, facts.deadline, today),
        due_soon=facts.deadline is not None
        and being_fixed
        and 0 <= (facts.deadline - today).days <= due_soon_days,
    )


def latest_start_exceeded(limit: Limit, calendar: WorkingCalendar, today: dt.date) -> dt.date:
    """The latest start date whose day-counted ``limit`` ran out before ``today``: a clock
    started on or before it is exceeded today. Lets a list filter by a clock in SQL."""
    if limit.unit is LimitUnit.MINUTES:
        raise ValueError("minute limits have no day cutoff")
    low = today - dt.timedelta(days=limit.amount * 3 + 60)  # working days never stretch more

    def due(start: dt.date) -> dt.date:
        return limit.due(dt.datetime.combine(start, dt.time.min), calendar).date()

    high = today
    while low < high:  # due() never decreases as the start moves later: bisect
        middle = low + ((high - low).days + 1) // 2 * DAY_STEP
        if due(middle) < today:
            low = middle
        else:
            high = middle - DAY_STEP
    return low
