"""Deadline arithmetic and the derived 'overdue' figures.

Working days skip Saturdays and Sundays only; the holiday calendar comes with the 3030 issue.
"""

import datetime as dt

from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.domain.errors import ValidationError

MAX_DAYS = 3650


def add_days(start: dt.date, days: int, *, working_days: bool = False) -> dt.date:
    """The date ``days`` calendar days, or working days, after ``start``."""
    if days < 0 or days > MAX_DAYS:
        raise ValidationError(f"期限天数应在 0 到 {MAX_DAYS} 之间，不能是 {days}。", field="within")
    if not working_days:
        return start + dt.timedelta(days=days)
    day = start
    remaining = days
    while remaining:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return day


def overdue_days(status: HazardStatus, deadline: dt.date | None, today: dt.date) -> int:
    """Days past the rectification deadline of a hazard still being fixed; 0 when not overdue.

    Only a hazard in 整改中 can be overdue: once the fix is reported the unit has done its part,
    and a closed or voided hazard is no longer watched.
    """
    if status is not HazardStatus.ASSIGNED or deadline is None or deadline >= today:
        return 0
    return (today - deadline).days
