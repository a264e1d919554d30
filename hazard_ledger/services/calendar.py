"""The working-day calendar this ledger counts with: the official schedules shipped by the
``chinesecalendar`` package (the State Council's 放假安排, updated each year when published) and
any year a user adds, kept in ``holidays.json`` in the data dir. A user's year replaces the
package's for that year, so a schedule can be corrected or entered before an update ships."""

import datetime as dt
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from chinese_calendar import constants

from hazard_ledger.domain.calendar import (
    WorkingCalendar,
    calendar_year,
    missing_years_message,
)
from hazard_ledger.domain.deadlines import add_days
from hazard_ledger.domain.errors import NotFoundError
from hazard_ledger.services.ledger import Ledger

FILE_NAME = "holidays.json"
USER_HOLIDAY = "节假日"
_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


@dataclass(frozen=True, slots=True)
class CalendarYear:
    year: int
    source: str  # 内置 (package and version) or 用户添加
    holidays: tuple[dt.date, ...]
    workdays: tuple[dt.date, ...]


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline counted from a start date, with a warning when the count crossed a year the
    calendar has no schedule for."""

    day: dt.date
    warning: str = ""


def _shipped() -> tuple[dict[dt.date, str], set[dt.date]]:
    holidays = {day: _NAMES.get(str(name), str(name)) for day, name in constants.holidays.items()}
    return holidays, set(constants.workdays)


def _shipped_source() -> str:
    return f"内置（chinesecalendar {version('chinesecalendar')}）"


def _user_years(ledger: Ledger) -> dict[int, tuple[set[dt.date], set[dt.date]]]:
    """The years a user added; an unreadable file counts as none (it is rewritten on save)."""
    try:
        data: dict[str, Any] = json.loads((ledger.data_dir / FILE_NAME).read_text("utf-8"))
        return {
            int(year): (
                {dt.date.fromisoformat(d) for d in entry["holidays"]},
                {dt.date.fromisoformat(d) for d in entry.get("workdays", [])},
            )
            for year, entry in data.items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def load_calendar(ledger: Ledger) -> WorkingCalendar:
    holidays, workdays = _shipped()
    years = {day.year for day in holidays}
    for year, (days_off, days_on) in _user_years(ledger).items():
        holidays = {d: n for d, n in holidays.items() if d.year != year}
        holidays.update(dict.fromkeys(days_off, USER_HOLIDAY))
        workdays = {d for d in workdays if d.year != year} | days_on
        years.add(year)
    return WorkingCalendar(holidays, frozenset(workdays), frozenset(years))


def calendar_years(ledger: Ledger) -> list[CalendarYear]:
    """Every year with a schedule, newest first, saying where each came from."""
    calendar = load_calendar(ledger)
    user = _user_years(ledger)
    return [
        CalendarYear(
            year,
            "用户添加" if year in user else _shipped_source(),
            tuple(sorted(d for d in calendar.holidays if d.year == year)),
            tuple(sorted(d for d in calendar.workdays if d.year == year)),
        )
        for year in sorted(calendar.years, reverse=True)
    ]


def save_calendar_year(
    ledger: Ledger, year: int, holidays: Iterable[dt.date], workdays: Iterable[dt.date] = ()
) -> CalendarYear:
    """Add (or replace) ``year``'s schedule; checked first, written atomically."""
    days_off, days_on = calendar_year(year, holidays, workdays)
    years = _user_years(ledger)
    years[year] = (set(days_off), set(days_on))
    _write(ledger, years)
    return next(y for y in calendar_years(ledger) if y.year == year)


def remove_calendar_year(ledger: Ledger, year: int) -> None:
    """Drop a year a user added (the package's schedule for it, if any, applies again)."""
    years = _user_years(ledger)
    if years.pop(year, None) is None:
        raise NotFoundError(f"{year} 年的节假日安排不是用户添加的，不能删除。", field="year")
    _write(ledger, years)


def _write(ledger: Ledger, years: dict[int, tuple[set[dt.date], set[dt.date]]]) -> None:
    data = {
        str(year): {
            "holidays": [d.isoformat() for d in sorted(off)],
            "workdays": [d.isoformat() for d in sorted(on)],
        }
        for year, (off, on) in sorted(years.items())
    }
    path: Path = ledger.data_dir / FILE_NAME
    tmp = path.with_suffix(".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def deadline_after(
    ledger: Ledger, start: dt.date, days: int, *, working_days: bool = False
) -> Deadline:
    """``days`` calendar or working days after ``start``, as every ``--within`` counts."""
    if not working_days:
        return Deadline(add_days(start, days))
    calendar = load_calendar(ledger)
    day = add_days(start, days, working_days=True, calendar=calendar)
    return Deadline(day, missing_years_message(calendar.missing_years(start, day)))
