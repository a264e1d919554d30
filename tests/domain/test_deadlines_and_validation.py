import datetime as dt

import pytest

from hazard_ledger.domain.deadlines import add_days, overdue_days
from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.domain.validation import format_yuan, parse_date, parse_yuan

FRIDAY = dt.date(2026, 11, 20)


def test_calendar_days() -> None:
    assert add_days(FRIDAY, 10) == dt.date(2026, 11, 30)
    assert add_days(FRIDAY, 0) == FRIDAY


def test_working_days_skip_weekends() -> None:
    assert add_days(FRIDAY, 1, working_days=True) == dt.date(2026, 11, 23)  # Monday
    assert add_days(FRIDAY, 5, working_days=True) == dt.date(2026, 11, 27)
    assert add_days(dt.date(2026, 11, 21), 1, working_days=True) == dt.date(2026, 11, 23)


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValidationError):
        add_days(FRIDAY, -1)


def test_only_a_hazard_being_fixed_can_be_overdue() -> None:
    deadline = dt.date(2026, 11, 10)
    assert overdue_days(HazardStatus.ASSIGNED, deadline, FRIDAY) == 10
    assert overdue_days(HazardStatus.ASSIGNED, FRIDAY, FRIDAY) == 0
    for status in (HazardStatus.RECTIFIED, HazardStatus.VERIFIED, HazardStatus.VOIDED):
        assert overdue_days(status, deadline, FRIDAY) == 0
    assert overdue_days(HazardStatus.DISCOVERED, None, FRIDAY) == 0


@pytest.mark.parametrize("text", ["2026-13-01", "2026-02-30", "20261120", "昨天", "", "2026/11/20"])
def test_bad_dates_are_refused_with_a_sentence(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_date(text, label="整改期限")
    assert "整改期限" in refused.value.message


def test_dates_parse() -> None:
    assert parse_date(" 2026-1-5 ") == dt.date(2026, 1, 5)


@pytest.mark.parametrize(("text", "fen"), [("1200", 120000), ("0.5", 50), ("3,500.25", 350025)])
def test_money_in_yuan_is_kept_in_fen(text: str, fen: int) -> None:
    assert parse_yuan(text) == fen
    assert parse_yuan(format_yuan(fen)) == fen


@pytest.mark.parametrize("text", ["-1", "abc", "1.234", "NaN", "inf"])
def test_bad_money_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_yuan(text)


def test_levels_parse_from_chinese() -> None:
    assert HazardLevel.parse("重大") is HazardLevel.MAJOR
    assert HazardLevel.parse("重大事故隐患") is HazardLevel.MAJOR
    assert HazardLevel.parse("一般") is HazardLevel.GENERAL
    with pytest.raises(ValidationError, match=r"一般.*重大"):
        HazardLevel.parse("较大")
