"""Deadline arithmetic and the derived 'overdue' figures.

Working days come from a WorkingCalendar (holidays and 调休); without one, Monday–Friday.
"""

import datetime as dt

from hazard_ledger.domain.calendar import WEEKENDS_ONLY, WorkingCalendar, check_days
from hazard_ledger.domain.enums import HazardStatus


def add_days(
    start: dt.date,
    days: int,
    *,
    working_days: bool = False,
    calendar: WorkingCalendar = WEEKENDS_ONLY,
) -> dt.date:
    """The date ``days`` calendar days, or working days of ``calendar``, after ``start``."""
    if working_days:
        return calendar.add_working_days(start, days)
    check_days(days)
    return start + dt.timedelta(days=days)


def overdue_days(status: HazardStatus, deadline: dt.date | None, today: dt.date) -> int:
    """Days past the rectification deadline of a hazard still being fixed; 0 when not overdue.

    Only a hazard in 整改中 can be overdue: once the fix is reported the unit has done its part,
    and a closed or voided hazard is no longer watched.
    """
    if status is not HazardStatus.ASSIGNED or deadline is None or deadline >= today:
        return 0
    return (today - deadline).days
