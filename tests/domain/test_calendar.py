"""Working days across China's holidays and make-up workdays (调休), checked against the State
Council's published schedules (written out here by hand, independently of the data package)."""

import datetime as dt

import pytest

from hazard_ledger.domain.calendar import (
    WEEKENDS_ONLY,
    WorkingCalendar,
    calendar_year,
    missing_years_message,
    parse_days,
)
from hazard_ledger.domain.deadlines import add_days
from hazard_ledger.domain.errors import ValidationError

D = dt.date


def span(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


# 国务院办公厅关于2025年部分节假日安排的通知 (2024-11-12) and the 2026 notice (2025-11).
HOLIDAYS_2025 = {
    *span(D(2025, 1, 1), D(2025, 1, 1)),
    *span(D(2025, 1, 28), D(2025, 2, 4)),  # 春节
    *span(D(2025, 4, 4), D(2025, 4, 6)),
    *span(D(2025, 5, 1), D(2025, 5, 5)),
    *span(D(2025, 5, 31), D(2025, 6, 2)),
    *span(D(2025, 10, 1), D(2025, 10, 8)),  # 国庆、中秋
}
WORKDAYS_2025 = {D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)}
HOLIDAYS_2026 = {
    *span(D(2026, 1, 1), D(2026, 1, 3)),
    *span(D(2026, 2, 15), D(2026, 2, 23)),  # 春节
    *span(D(2026, 4, 4), D(2026, 4, 6)),
    *span(D(2026, 5, 1), D(2026, 5, 5)),
    *span(D(2026, 6, 19), D(2026, 6, 21)),
    *span(D(2026, 9, 25), D(2026, 9, 27)),
    *span(D(2026, 10, 1), D(2026, 10, 7)),  # 国庆
}
WORKDAYS_2026 = {
    D(2026, 1, 4),
    D(2026, 2, 14),
    D(2026, 2, 28),
    D(2026, 5, 9),
    D(2026, 9, 20),
    D(2026, 10, 10),
}
CHINA = WorkingCalendar(
    dict.fromkeys(HOLIDAYS_2025 | HOLIDAYS_2026, "节假日"),
    frozenset(WORKDAYS_2025 | WORKDAYS_2026),
    frozenset({2025, 2026}),
)


@pytest.mark.parametrize(
    ("start", "days", "expected", "why"),
    [
        # Wednesday 2026-09-30 + 1: 10-01…10-07 off, 10-08 Thursday is the first working day.
        (D(2026, 9, 30), 1, D(2026, 10, 8), "National Day week skipped"),
        # 10-08 Thu, 10-09 Fri, 10-10 Saturday worked (调休), 10-12 Monday.
        (D(2026, 9, 30), 3, D(2026, 10, 10), "a make-up Saturday counts"),
        (D(2026, 9, 30), 4, D(2026, 10, 12), "the Sunday after does not"),
        # 2026-09-25…27 中秋 off, but Sunday 09-20 is worked.
        (D(2026, 9, 18), 1, D(2026, 9, 20), "make-up Sunday before 中秋"),
        (D(2026, 9, 24), 1, D(2026, 9, 28), "中秋 Friday skipped"),
        # Spring Festival 2026: Sat 02-14 worked, 02-15…02-23 off, Sat 02-28 worked.
        (D(2026, 2, 13), 1, D(2026, 2, 14), "the Saturday before 春节 is worked"),
        (D(2026, 2, 14), 1, D(2026, 2, 24), "nine days of 春节 skipped"),
        (D(2026, 2, 24), 4, D(2026, 2, 28), "and the Saturday after is worked"),
        # Across the New Year: 2025-12-31 Wed → 2026-01-01…03 off, Sunday 01-04 worked.
        (D(2025, 12, 31), 1, D(2026, 1, 4), "a year boundary with 调休"),
        # 2025 Spring Festival: Sun 01-26 worked; 01-28…02-04 off; Sat 02-08 worked.
        (D(2025, 1, 24), 1, D(2025, 1, 26), "2025 make-up Sunday"),
        (D(2025, 1, 27), 1, D(2025, 2, 5), "2025 春节 skipped"),
        (D(2025, 2, 7), 1, D(2025, 2, 8), "2025 make-up Saturday"),
        (D(2026, 3, 6), 0, D(2026, 3, 6), "zero days is the start"),
    ],
)
def test_working_days_across_holidays(
    start: dt.date, days: int, expected: dt.date, why: str
) -> None:
    assert add_days(start, days, working_days=True, calendar=CHINA) == expected, why


def test_without_a_schedule_working_days_are_monday_to_friday_and_the_gap_is_named() -> None:
    assert WEEKENDS_ONLY.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 1)
    assert CHINA.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 1)  # 2027 unknown
    assert CHINA.missing_years(D(2026, 12, 31), D(2027, 1, 1)) == [2027]
    assert CHINA.missing_years(D(2026, 2, 1), D(2026, 3, 1)) == []
    message = missing_years_message([2027])
    assert "2027 年" in message and "周一至周五" in message
    assert missing_years_message([]) == ""


def test_counting_working_days_between_two_dates() -> None:
    assert CHINA.working_days_between(D(2026, 9, 30), D(2026, 10, 12)) == 4
    assert CHINA.working_days_between(D(2026, 10, 12), D(2026, 9, 30)) == -4
    assert CHINA.working_days_between(D(2026, 3, 2), D(2026, 3, 2)) == 0


def test_calendar_days_ignore_the_calendar() -> None:
    assert add_days(D(2026, 9, 30), 10, calendar=CHINA) == D(2026, 10, 10)
    with pytest.raises(ValidationError, match="期限天数"):
        add_days(D(2026, 9, 30), -1, working_days=True, calendar=CHINA)


@pytest.mark.parametrize(
    ("year", "holidays", "workdays", "message"),
    [
        (2027, [D(2026, 12, 31)], [], "不在 2027 年内"),
        (2027, [], [], "请填写 2027 年的法定节假日"),
        (2027, [D(2027, 1, 1)], [D(2027, 1, 4)], "是工作日"),  # a Monday
        (2027, [D(2027, 1, 2)], [D(2027, 1, 2)], "既是节假日又是调休上班日"),
        (1900, [D(1900, 1, 1)], [], "不在 1990–2100"),
    ],
)
def test_a_typed_year_is_checked(year, holidays, workdays, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match=message):
        calendar_year(year, holidays, workdays)


def test_typed_days_and_ranges_are_read() -> None:
    text = "2027-01-01\n2027-02-06~2027-02-08，2027-10-01至2027-10-02、2027-05-01..2027-05-01"
    assert parse_days(text, field="holidays", label="节假日") == [
        D(2027, 1, 1),
        D(2027, 2, 6),
        D(2027, 2, 7),
        D(2027, 2, 8),
        D(2027, 10, 1),
        D(2027, 10, 2),
        D(2027, 5, 1),
    ]
    assert parse_days("  ", field="holidays", label="节假日") == []
    for bad in ("2027-13-01", "明天", "2027-02-08~2027-02-06", "2027-01-01~2027-06-01"):
        with pytest.raises(ValidationError, match="节假日中的"):
            parse_days(bad, field="holidays", label="节假日")
