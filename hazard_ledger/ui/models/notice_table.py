"""The documents issued (整改通知书, 复查意见书) as a table, newest first."""

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from hazard_ledger.services.notices import NoticeView

COLUMNS = ["文号", "文书名称", "被检查单位", "下发日期", "隐患数", "送达", "状态"]
VOIDED = QColor("#98a2b3")
NOT_SERVED = QColor("#b54708")
Index = QModelIndex | QPersistentModelIndex


def served_text(notice: NoticeView) -> str:
    """送达 as the list shows it: date and recipient, or the refusal with its witness."""
    if notice.refused:
        return f"拒收（见证人 {notice.witness}）"
    if notice.served_on is not None:
        return f"{notice.served_on.isoformat()} {notice.served_to}"
    return "" if notice.status == "voided" else "未送达"


def status_text(notice: NoticeView) -> str:
    return "已作废" if notice.status == "voided" else "有效"


class NoticeTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.notices: list[NoticeView] = []

    def set_notices(self, notices: list[NoticeView]) -> None:
        self.beginResetModel()
        self.notices = notices
        self.endResetModel()

    def notice_at(self, row: int) -> NoticeView | None:
        return self.notices[row] if 0 <= row < len(self.notices) else None

    def row_of(self, number: str) -> int | None:
        return next((i for i, n in enumerate(self.notices) if n.number == number), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.notices)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.notices):
            return None
        notice = self.notices[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(notice, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(notice, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if notice.status == "voided":
                return QBrush(VOIDED)
            if column == 5 and notice.served_on is None:
                return QBrush(NOT_SERVED)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return notice.number
        return None


def _display(notice: NoticeView, column: int) -> str:
    return [
        notice.number,
        notice.title,
        notice.unit,
        notice.issued_on.isoformat(),
        str(len(notice.lines)),
        served_text(notice),
        status_text(notice),
    ][column]


def _tooltip(notice: NoticeView, column: int) -> str | None:
    if column == 6 and notice.status == "voided":
        return f"作废原因：{notice.void_reason}"
    if column == 5 and notice.served_on is not None:
        return f"{'拒收' if notice.refused else '送达'}日期：{notice.served_on.isoformat()}"
    if column == 0 and notice.refers_to_number:
        return f"复查：{notice.refers_to_number}"
    return None
