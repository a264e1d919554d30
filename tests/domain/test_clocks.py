"""The 3030 clocks derived from a hazard's dates, on a calendar with China's 2026 holidays."""

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hazard_ledger.domain.clocks import (
    DEFAULT_PROFILE,
    ClockFacts,
    ClosureProfile,
    Limit,
    LimitUnit,
    derive_clocks,
    latest_start_exceeded,
)
from hazard_ledger.domain.enums import HazardLevel as L
from hazard_ledger.domain.enums import HazardStatus as S
from hazard_ledger.domain.errors import ValidationError
from tests.domain.test_calendar import CHINA

D, T = dt.date, dt.datetime


def clocks(facts: ClockFacts, now: dt.datetime, profile: ClosureProfile = DEFAULT_PROFILE):  # type: ignore[no-untyped-def]
    return derive_clocks(facts, profile, CHINA, now, due_soon_days=3)


MAJOR = ClockFacts(L.MAJOR, S.DISCOVERED, D(2026, 11, 2), recorded_at=T(2026, 11, 2, 9, 0))
GENERAL = replace(MAJOR, level=L.GENERAL)


def test_a_major_hazard_must_be_answered_within_30_minutes() -> None:
    assert clocks(MAJOR, T(2026, 11, 2, 9, 29)).response_late is False
    assert clocks(MAJOR, T(2026, 11, 2, 9, 31)).response_late is True
    in_time = replace(
        MAJOR, status=S.ASSIGNED, assigned_on=D(2026, 11, 2), assigned_at=T(2026, 11, 2, 9, 20)
    )
    assert clocks(in_time, T(2026, 11, 20)).response_late is False
    late = replace(in_time, assigned_at=T(2026, 11, 2, 10, 0))
    assert clocks(late, T(2026, 11, 20)).response_late is True
    assert clocks(MAJOR, T(2026, 11, 2, 9, 0)).response_due == T(2026, 11, 2, 9, 30)


def test_a_backfilled_hazard_starts_at_the_beginning_of_its_discovery_day() -> None:
    backfilled = replace(MAJOR, recorded_at=T(2026, 11, 5, 15, 0))
    assert clocks(backfilled, T(2026, 11, 5, 15, 0)).response_due == T(2026, 11, 2, 0, 30)
    # Assigned (as typed) on the discovery day: the program cannot know better than on time.
    same_day = replace(
        backfilled, status=S.ASSIGNED, assigned_on=D(2026, 11, 2), assigned_at=T(2026, 11, 5, 15)
    )
    assert clocks(same_day, T(2026, 11, 5, 15, 1)).response_late is False


def test_a_general_hazard_is_answered_by_the_next_working_day() -> None:
    before_holiday = replace(GENERAL, found_on=D(2026, 9, 30), recorded_at=T(2026, 9, 30, 16))
    # 10-01…10-07 National Day: the next working day is Thursday 10-08.
    result = clocks(before_holiday, T(2026, 10, 7, 12))
    assert result.response_due == T.combine(D(2026, 10, 8), dt.time.max)
    assert result.response_late is False
    assert clocks(before_holiday, T(2026, 10, 9, 8)).response_late is True


def test_the_closure_clock_counts_down_and_is_exceeded_after_30_days() -> None:
    open_one = replace(GENERAL, status=S.ASSIGNED, assigned_on=D(2026, 11, 2))
    assert clocks(open_one, T(2026, 11, 22, 10)).closure_days_left == 10
    assert clocks(open_one, T(2026, 12, 2, 23)).closure_days_left == 0
    assert clocks(open_one, T(2026, 12, 2, 23)).closure_exceeded is False
    exceeded = clocks(open_one, T(2026, 12, 4, 8))
    assert (exceeded.closure_days_left, exceeded.closure_exceeded) == (-2, True)
    closed_in_time = replace(open_one, status=S.VERIFIED, verified_on=D(2026, 12, 2))
    result = clocks(closed_in_time, T(2027, 3, 1))
    assert (result.closure_exceeded, result.closure_days_left) == (False, None)
    closed_late = replace(closed_in_time, verified_on=D(2026, 12, 3))
    assert clocks(closed_late, T(2027, 3, 1)).closure_exceeded is True


def test_verification_is_due_three_working_days_after_the_reported_fix() -> None:
    # Fix reported Friday 2026-09-25 (中秋 holiday): 09-28, 09-29, 09-30 → due 09-30.
    fixed = replace(GENERAL, status=S.RECTIFIED, rectified_on=D(2026, 9, 25))
    assert clocks(fixed, T(2026, 9, 30, 18)).verification_due == D(2026, 9, 30)
    assert clocks(fixed, T(2026, 9, 30, 18)).verification_overdue is False
    # 10-01…10-07 are holidays: still overdue from 10-01 on.
    assert clocks(fixed, T(2026, 10, 1, 9)).verification_overdue is True
    assert clocks(replace(fixed, status=S.ASSIGNED), T(2026, 10, 9)).verification_due is None


def test_overdue_and_due_soon_follow_the_deadline() -> None:
    being_fixed = replace(GENERAL, status=S.ASSIGNED, deadline=D(2026, 11, 20))
    assert clocks(being_fixed, T(2026, 11, 17)).due_soon is True
    assert clocks(being_fixed, T(2026, 11, 16)).due_soon is False
    late = clocks(being_fixed, T(2026, 11, 23))
    assert (late.overdue_days, late.due_soon) == (3, False)


def test_a_voided_hazard_runs_no_clock() -> None:
    result = clocks(replace(MAJOR, status=S.VOIDED), T(2027, 1, 1))
    assert not result.watched and not result.response_late and not result.closure_exceeded


def test_changing_the_profile_re_derives_the_clocks() -> None:
    relaxed = replace(
        DEFAULT_PROFILE,
        name="宽松",
        response={L.MAJOR: Limit(2, LimitUnit.DAYS), L.GENERAL: Limit(5, LimitUnit.WORKING_DAYS)},
        closure={L.MAJOR: Limit(90, LimitUnit.DAYS), L.GENERAL: Limit(60, LimitUnit.DAYS)},
    )
    now = T(2026, 11, 3, 9)
    assert clocks(MAJOR, now).response_late is True
    assert clocks(MAJOR, now, relaxed).response_late is False
    assert clocks(GENERAL, now, relaxed).closure_due == D(2027, 1, 1)
    assert "宽松" in relaxed.summary() and "90 天" in relaxed.summary()
    assert DEFAULT_PROFILE.summary().startswith("3030：响应 重大 30 分钟、一般 1 个工作日")


@pytest.mark.parametrize(
    ("amount", "unit"), [(0, LimitUnit.DAYS), (3651, LimitUnit.DAYS), (10081, LimitUnit.MINUTES)]
)
def test_limits_out_of_range_are_refused(amount: int, unit: LimitUnit) -> None:
    with pytest.raises(ValidationError, match="时限应在"):
        Limit(amount, unit)


@given(
    start=st.dates(D(2025, 1, 1), D(2026, 12, 31)),
    today=st.dates(D(2025, 1, 1), D(2026, 12, 31)),
    amount=st.integers(1, 60),
    unit=st.sampled_from([LimitUnit.DAYS, LimitUnit.WORKING_DAYS]),
)
def test_the_sql_cutoff_agrees_with_the_clock(
    start: dt.date, today: dt.date, amount: int, unit: LimitUnit
) -> None:
    """A list filters 'exceeded' as start ≤ cutoff; that must be exactly when the clock says so."""
    limit = Limit(amount, unit)
    exceeded = limit.due(T.combine(start, dt.time.min), CHINA).date() < today
    assert (start <= latest_start_exceeded(limit, CHINA, today)) is exceeded
