"""What the station should act on now, shown when the window opens: listed hazards and their
supervision deadlines, overdue rectifications, deadlines falling due, 复查 overdue, closure
clocks exceeded. In every list the hazards under 挂牌督办 come first."""

from dataclasses import dataclass, field

from hazard_ledger.services.dto import HazardRow
from hazard_ledger.services.hazard_queries import HazardFilter, list_hazards
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.preferences import load_preferences

LIMIT = 200  # per list: a reminder, not the ledger


@dataclass(frozen=True, slots=True)
class Reminders:
    due_soon_days: int
    supervised: list[HazardRow] = field(default_factory=list)
    overdue: list[HazardRow] = field(default_factory=list)
    due_soon: list[HazardRow] = field(default_factory=list)
    verification_overdue: list[HazardRow] = field(default_factory=list)
    closure_exceeded: list[HazardRow] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.supervised
            or self.overdue
            or self.due_soon
            or self.verification_overdue
            or self.closure_exceeded
        )


def _listed_first(rows: list[HazardRow]) -> list[HazardRow]:
    return sorted(rows, key=lambda row: not row.listed)  # stable: keeps the list's order


def reminders(ledger: Ledger, due_soon_days: int | None = None) -> Reminders:
    """The reminder lists; ``due_soon_days`` defaults to the preferences' 临期 days."""
    days = load_preferences(ledger).due_soon_days if due_soon_days is None else due_soon_days

    def rows(filters: HazardFilter, sort: str, descending: bool = False) -> list[HazardRow]:
        found = list_hazards(ledger, filters, sort=sort, descending=descending, limit=LIMIT)
        return _listed_first(found)

    supervised = list_hazards(ledger, HazardFilter(supervised=True), limit=LIMIT)
    supervised.sort(key=lambda row: (row.supervision_deadline is None, row.supervision_deadline))
    return Reminders(
        due_soon_days=days,
        supervised=supervised,
        overdue=rows(HazardFilter(overdue=True), "overdue_days", descending=True),
        due_soon=rows(HazardFilter(due_within=days), "deadline"),
        verification_overdue=rows(HazardFilter(verification_overdue=True), "found_on"),
        closure_exceeded=rows(HazardFilter(closure_exceeded=True), "found_on"),
    )
