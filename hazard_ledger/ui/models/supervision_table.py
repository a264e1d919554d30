"""The hazards under 挂牌督办, one row each with its listing, soonest supervision deadline first."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from hazard_ledger.services.dto import HazardRow, SupervisionView
from hazard_ledger.ui.clock_text import days_left_text
from hazard_ledger.ui.supervision_html import RUNNING

COLUMNS = [
    "编号",
    "单位",
    "隐患描述",
    "挂牌级别",
    "挂牌文号",
    "挂牌日期",
    "督办期限",
    "剩余",
    "督办状态",
]
LATE = QColor("#b42318")
SOON = QColor("#b54708")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class ListedHazard:
    """A ledger row with its supervision."""

    hazard: HazardRow
    supervision: SupervisionView


class SupervisionTableModel(QAbstractTableModel):
    def __init__(self, due_soon_days: int = 3) -> None:
        super().__init__()
        self.due_soon_days = due_soon_days
        self.rows: list[ListedHazard] = []
        self.today = dt.date.today()

    def set_rows(self, rows: list[ListedHazard], today: dt.date) -> None:
        self.beginResetModel()
        self.today = today
        self.rows = sorted(rows, key=lambda r: (r.supervision.deadline, r.hazard.code))
        self.endResetModel()

    def row_at(self, row: int) -> ListedHazard | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, code: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.hazard.code == code), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def days_left(self, row: ListedHazard) -> int | None:
        """Days to the supervision deadline while the supervision runs (negative: overdue)."""
        if row.supervision.status not in RUNNING:
            return None
        return (row.supervision.deadline - self.today).days

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return row.hazard.description
        if role == Qt.ItemDataRole.ForegroundRole and column in (6, 7):
            left = self.days_left(row)
            if left is not None and left < 0:
                return QBrush(LATE)
            if left is not None and left <= self.due_soon_days:
                return QBrush(SOON)
        if role == Qt.ItemDataRole.UserRole:
            return row.hazard.code
        return None

    def _display(self, row: ListedHazard, column: int) -> str:
        s = row.supervision
        left = self.days_left(row)
        return [
            row.hazard.code,
            row.hazard.unit,
            " ".join(row.hazard.description.split()),
            s.level,
            s.doc_no,
            s.listed_on.isoformat(),
            s.deadline.isoformat(),
            days_left_text(s.deadline, self.today) if left is not None else "",
            s.status.label,
        ][column]
