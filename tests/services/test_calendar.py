"""The ledger's working-day calendar: the shipped schedules, years a user adds, and deadlines."""

import datetime as dt
import json

import pytest

from hazard_ledger.domain.errors import NotFoundError, ValidationError
from hazard_ledger.services.calendar import (
    FILE_NAME,
    calendar_years,
    deadline_after,
    load_calendar,
    remove_calendar_year,
    save_calendar_year,
)
from hazard_ledger.services.ledger import Ledger
from tests.domain.test_calendar import HOLIDAYS_2025, HOLIDAYS_2026, WORKDAYS_2025, WORKDAYS_2026

D = dt.date


def test_the_shipped_schedules_match_the_state_councils(ledger: Ledger) -> None:
    calendar = load_calendar(ledger)
    for year, holidays, workdays in (
        (2025, HOLIDAYS_2025, WORKDAYS_2025),
        (2026, HOLIDAYS_2026, WORKDAYS_2026),
    ):
        assert calendar.covers(year)
        assert {d for d in calendar.holidays if d.year == year} == holidays
        assert {d for d in calendar.workdays if d.year == year} == workdays
    assert calendar.holidays[D(2026, 2, 17)] == "春节"
    assert calendar.holidays[D(2026, 10, 1)] == "国庆节"


def test_deadlines_count_holidays_and_say_when_a_year_is_unknown(ledger: Ledger) -> None:
    inside = deadline_after(ledger, D(2026, 9, 30), 3, working_days=True)
    assert (inside.day, inside.warning) == (D(2026, 10, 10), "")
    assert deadline_after(ledger, D(2026, 9, 30), 3).day == D(2026, 10, 3)
    beyond = deadline_after(ledger, D(2026, 12, 30), 5, working_days=True)
    assert "2027 年" in beyond.warning


def test_a_user_adds_a_year_and_it_counts(ledger: Ledger) -> None:
    assert not load_calendar(ledger).covers(2027)
    # A made-up 2027 schedule: 01-01 off, Saturday 01-02 off too, Sunday 01-03 worked.
    added = save_calendar_year(ledger, 2027, [D(2027, 1, 1), D(2027, 1, 2)], [D(2027, 1, 3)])
    assert added.source == "用户添加" and added.workdays == (D(2027, 1, 3),)
    calendar = load_calendar(ledger)
    assert calendar.covers(2027)
    result = deadline_after(ledger, D(2026, 12, 31), 1, working_days=True)
    assert (result.day, result.warning) == (D(2027, 1, 3), "")
    assert [y.year for y in calendar_years(ledger)][:2] == [2027, 2026]
    assert calendar_years(ledger)[1].source.startswith("内置（chinesecalendar")
    remove_calendar_year(ledger, 2027)
    assert not load_calendar(ledger).covers(2027)
    with pytest.raises(NotFoundError):
        remove_calendar_year(ledger, 2026)  # shipped, not the user's


def test_a_users_year_replaces_the_shipped_one(ledger: Ledger) -> None:
    save_calendar_year(ledger, 2026, [D(2026, 1, 1)])
    calendar = load_calendar(ledger)
    assert calendar.is_working_day(D(2026, 2, 17))  # the shipped 春节 is gone for 2026
    assert not calendar.is_working_day(D(2026, 1, 1))
    assert not calendar.is_working_day(D(2025, 10, 1))  # other years keep theirs


def test_a_bad_year_is_refused_and_the_file_unchanged(ledger: Ledger) -> None:
    save_calendar_year(ledger, 2027, [D(2027, 1, 1)])
    before = (ledger.data_dir / FILE_NAME).read_bytes()
    with pytest.raises(ValidationError):
        save_calendar_year(ledger, 2028, [D(2027, 1, 1)])
    assert (ledger.data_dir / FILE_NAME).read_bytes() == before


def test_a_damaged_file_counts_as_no_user_years(ledger: Ledger) -> None:
    (ledger.data_dir / FILE_NAME).write_text("{not json", encoding="utf-8")
    assert load_calendar(ledger).covers(2026) and not load_calendar(ledger).covers(2027)
    save_calendar_year(ledger, 2027, [D(2027, 1, 1)])
    assert json.loads((ledger.data_dir / FILE_NAME).read_text("utf-8"))["2027"]["holidays"] == [
        "2027-01-01"
    ]
