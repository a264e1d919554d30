"""The 周报's period: seven days from the ledger's week-start weekday (Monday by default), named
by the ISO week of its last day, e.g. 2026-W47."""

import datetime as dt
import re
from dataclasses import dataclass

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.preferences import load_preferences

_PERIOD = re.compile(r"(\d{4})\s*-?\s*W\s*(\d{1,2})", re.IGNORECASE)
_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


@dataclass(frozen=True, slots=True)
class Period:
    """Seven days, ``start`` to ``end`` inclusive, named by the ISO week of ``end``."""

    year: int  # ISO year and week of the period's last day
    week: int
    start: dt.date
    end: dt.date

    @property
    def code(self) -> str:
        """E.g. ``2026-W47``: what ``parse_period`` reads back."""
        return f"{self.year}-W{self.week:02d}"

    @property
    def span(self) -> str:
        """E.g. ``11月16日—11月22日`` (with the years when it spans a new year)."""
        if self.start.year != self.end.year:
            return f"{day_text(self.start, True)}—{day_text(self.end, True)}"
        return f"{day_text(self.start)}—{day_text(self.end)}"

    @property
    def label(self) -> str:
        """E.g. ``2026年第47周（11月16日—11月22日）``."""
        return f"{self.year}年第{self.week}周（{self.span}）"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def day_text(day: dt.date, year: bool = False) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if year else f"{day.month}月{day.day}日"


def _check_week_start(week_start: int) -> int:
    if type(week_start) is not int or not 0 <= week_start <= 6:
        raise ValidationError("每周起始日应为 0（周一）到 6（周日）。", field="week_start")
    return week_start


def period_of(day: dt.date, week_start: int = 0) -> Period:
    """The period (of weeks starting on ``week_start``, 0 Monday … 6 Sunday) holding ``day``."""
    start = day - dt.timedelta(days=(day.weekday() - _check_week_start(week_start)) % 7)
    end = start + dt.timedelta(days=6)
    iso = end.isocalendar()
    return Period(iso.year, iso.week, start, end)


def parse_period(text: str, *, week_start: int = 0) -> Period:
    """The period ``text`` names: an ISO week ``2026-W47`` (also ``2026W47``, ``2026-w47``), or
    a date ``2026-11-18`` (the period holding it). With ``week_start`` (0 Monday … 6 Sunday,
    the ledger's Preferences.week_start) a week ``YYYY-Www`` is the period whose last day falls
    in that ISO week. A malformed or impossible week raises ValidationError."""
    value = (text or "").strip()
    _check_week_start(week_start)
    if _DAY.fullmatch(value):
        try:
            return period_of(dt.date.fromisoformat(_padded(value)), week_start)
        except (ValueError, OverflowError):
            raise ValidationError(f"日期“{text}”不存在或超出范围。", field="period") from None
    match = _PERIOD.fullmatch(value)
    if match is None:
        raise ValidationError(
            f"统计周期“{text}”无法识别：请写成 2026-W47（ISO 周）或该周中的一个日期 2026-11-18。",
            field="period",
        )
    year, week = int(match[1]), int(match[2])
    if not 1900 <= year <= 2999:
        raise ValidationError(f"统计周期“{text}”的年份超出范围。", field="period")
    last_weekday = (week_start - 1) % 7  # the period ends the day before its start weekday
    try:
        end = dt.date.fromisocalendar(year, week, last_weekday + 1)
    except ValueError:
        weeks = dt.date(year, 12, 28).isocalendar().week
        raise ValidationError(
            f"统计周期“{text}”不存在：{year} 年按 ISO 周共 {weeks} 周（第 1—{weeks} 周）。",
            field="period",
        ) from None
    return Period(year, week, end - dt.timedelta(days=6), end)


def _padded(text: str) -> str:
    year, month, day = text.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def week_start_of(ledger: Ledger) -> int:
    """The ledger's week-start weekday (a damaged preferences file means Monday)."""
    value = load_preferences(ledger).week_start
    return value if type(value) is int and 0 <= value <= 6 else 0


def ledger_period(ledger: Ledger, text: str | None = None) -> Period:
    """The period ``text`` names with the ledger's week start; without text, the current one
    (the period holding today)."""
    week_start = week_start_of(ledger)
    if text is None or not text.strip():
        return period_of(ledger.today(), week_start)
    return parse_period(text, week_start=week_start)
