"""The working-day calendar: China's public holidays (法定节假日) and make-up workdays (调休上班).

A year is *covered* when the calendar has that year's official schedule. For a year it does not
cover, working days fall back to Monday–Friday, and callers are told which years those were
(``missing_years``) so that they can say so: a deadline counted across an unknown Spring Festival
may land a week early.
"""

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from hazard_ledger.domain.errors import ValidationError

DAY = dt.timedelta(days=1)
MAX_DAYS = 3650


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: a cache key for due dates
class WorkingCalendar:
    """Which days are working days.

    Attributes:
        holidays: days off by the State Council's schedule (weekend days of a holiday included),
            with the holiday's name.
        workdays: weekend days that are worked instead (调休上班).
        years: the years whose schedule is known.
    """

    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    workdays: frozenset[dt.date] = frozenset()
    years: frozenset[int] = frozenset()

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def covers(self, year: int) -> bool:
        return year in self.years

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (``start`` itself not counted)."""
        check_days(days)
        day = start
        while days:
            day += DAY
            if self.is_working_day(day):
                days -= 1
        return day

    def next_working_day(self, start: dt.date) -> dt.date:
        return self.add_working_days(start, 1)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += DAY
            count += self.is_working_day(day)
        return count

    def missing_years(self, start: dt.date, end: dt.date) -> list[int]:
        """The years from ``start`` to ``end`` whose schedule this calendar does not know."""
        low, high = sorted((start.year, end.year))
        return [year for year in range(low, high + 1) if year not in self.years]


WEEKENDS_ONLY = WorkingCalendar()


def check_days(days: int) -> None:
    if days < 0 or days > MAX_DAYS:
        raise ValidationError(f"期限天数应在 0 到 {MAX_DAYS} 之间，不能是 {days}。", field="within")


def missing_years_message(years: Iterable[int]) -> str:
    """The warning for a count of working days that crossed years without a schedule."""
    years = list(years)
    if not years:
        return ""
    named = "、".join(f"{year} 年" for year in years)
    return (
        f"日历中没有 {named}的法定节假日安排，工作日按周一至周五计算；"
        "可在“设置 → 节假日”中添加该年的安排。"
    )


def calendar_year(
    year: int, holidays: Iterable[dt.date], workdays: Iterable[dt.date]
) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """Check one year's schedule as a person typed it; returns (holidays, workdays).

    Every date must fall in ``year``; a make-up workday must be a Saturday or Sunday (a weekday
    is a working day anyway) and cannot also be a holiday; a year has at least one holiday.
    """
    if not 1990 <= year <= 2100:
        raise ValidationError(f"年份 {year} 不在 1990–2100 之间。", field="year")
    days_off, days_on = frozenset(holidays), frozenset(workdays)
    for label, days, name in (
        ("节假日", days_off, "holidays"),
        ("调休上班日", days_on, "workdays"),
    ):
        stray = sorted(day for day in days if day.year != year)
        if stray:
            raise ValidationError(f"{label} {stray[0]} 不在 {year} 年内。", field=name)
    if not days_off:
        raise ValidationError(f"请填写 {year} 年的法定节假日。", field="holidays")
    weekday = sorted(day for day in days_on if day.weekday() < 5)
    if weekday:
        raise ValidationError(
            f"调休上班日 {weekday[0]} 是工作日（周一至周五），只需填写调休上班的周末。",
            field="workdays",
        )
    both = sorted(days_off & days_on)
    if both:
        raise ValidationError(f"{both[0]} 不能既是节假日又是调休上班日。", field="workdays")
    return days_off, days_on


def parse_days(text: str, *, field: str, label: str) -> list[dt.date]:
    """Dates as a person types them: separated by commas, 、 or new lines, with ranges written
    ``2027-02-06~2027-02-12`` (also ``至`` or ``..``)."""
    days: list[dt.date] = []
    for part in re.split(r"[,，、;；\s]+", text.strip()):
        if not part:
            continue
        ends = re.split(r"~|～|至|\.\.", part)
        try:
            first, last = dt.date.fromisoformat(ends[0]), dt.date.fromisoformat(ends[-1])
        except ValueError:
            raise ValidationError(
                f"{label}中的“{part}”不是日期（应写作 2027-01-01 或 2027-02-06~2027-02-12）。",
                field=field,
            ) from None
        if len(ends) > 2 or last < first or (last - first).days > 60:
            raise ValidationError(f"{label}中的“{part}”不是有效的日期范围。", field=field)
        days += [first + DAY * i for i in range((last - first).days + 1)]
    return days
