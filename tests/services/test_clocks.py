"""Clocks derived for hazards in a ledger: from their dates, the saved profile and the time now."""

import datetime as dt
from dataclasses import replace

from hazard_ledger.domain.clocks import DEFAULT_PROFILE, Limit, LimitUnit
from hazard_ledger.domain.enums import HazardLevel
from hazard_ledger.services import hazards
from hazard_ledger.services.clocks import clock_context, hazard_clocks
from hazard_ledger.services.closure_profile import save_profile
from hazard_ledger.services.hazards import get_hazard_row
from hazard_ledger.services.ledger import Ledger
from tests.conftest import TODAY

T = dt.datetime


def clocks(ledger: Ledger, code: str, now: dt.datetime):  # type: ignore[no-untyped-def]
    ledger._now = lambda: now
    with ledger.read() as session:
        row = get_hazard_row(session, code)
        return hazard_clocks(session, [row], clock_context(ledger))[row.uuid]


def record(ledger: Ledger, level: HazardLevel) -> str:
    return hazards.record_hazard(
        ledger, hazards.NewHazard(unit="鑫源五金厂", description="配电房堆放杂物", level=level)
    )


def test_clocks_follow_the_hazards_steps_and_the_time_now(ledger: Ledger) -> None:
    major = record(ledger, HazardLevel.MAJOR)
    general = record(ledger, HazardLevel.GENERAL)
    # Recorded today in real time, but the ledger's 'today' is fixed: taken as found at 00:00.
    morning = T.combine(TODAY, dt.time(0, 20))
    assert clocks(ledger, major, morning).response_late is False
    assert clocks(ledger, major, T.combine(TODAY, dt.time(0, 40))).response_late is True
    # A general hazard has until the end of the next working day (Thursday 11-19).
    assert clocks(ledger, general, T(2026, 11, 19, 18)).response_late is False
    assert clocks(ledger, general, T(2026, 11, 20, 8)).response_late is True
    hazards.assign_hazard(ledger, general, responsible="张国强", deadline=dt.date(2026, 11, 25))
    assigned = clocks(ledger, general, T(2026, 11, 23, 9))
    assert assigned.response_late is False and assigned.due_soon is True
    assert assigned.closure_due == dt.date(2026, 12, 18) and assigned.closure_days_left == 25
    hazards.rectify_hazard(ledger, general, measures="已清理")
    # Fixed Wednesday 11-18: 复查 due within 3 working days, by Monday 11-23.
    assert clocks(ledger, general, T(2026, 11, 23, 17)).verification_overdue is False
    assert clocks(ledger, general, T(2026, 11, 24, 9)).verification_overdue is True


def test_a_new_profile_re_derives_every_clock(ledger: Ledger) -> None:
    code = record(ledger, HazardLevel.GENERAL)
    now = T(2026, 12, 20, 9)
    assert clocks(ledger, code, now).closure_exceeded is True
    longer = {lvl: Limit(60, LimitUnit.DAYS) for lvl in HazardLevel}
    save_profile(ledger, replace(DEFAULT_PROFILE, name="六十天", closure=longer))
    result = clocks(ledger, code, now)
    assert result.closure_exceeded is False and result.closure_due == dt.date(2027, 1, 17)
