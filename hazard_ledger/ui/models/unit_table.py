"""The units register as a table."""

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from hazard_ledger.services.dto import UnitView

COLUMNS = [
    ("name", "单位名称"),
    ("credit_code", "统一社会信用代码"),
    ("industry", "行业领域"),
    ("village", "村(社区)"),
    ("address", "地址"),
    ("contact", "联系人"),
    ("phone", "联系电话"),
    ("open_hazards", "在改隐患"),
    ("total_hazards", "隐患总数"),
]
Index = QModelIndex | QPersistentModelIndex


class UnitTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.units: list[UnitView] = []

    def set_units(self, units: list[UnitView]) -> None:
        self.beginResetModel()
        self.units = units
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.units):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(self.units[index.row()], COLUMNS[index.column()][0])
            return "" if value is None else str(value)
        return None
