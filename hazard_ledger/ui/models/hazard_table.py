"""The ledger table: rows fetched page by page, filtered and sorted in SQL (never in a proxy).
A hazard under 挂牌督办 carries a red 督 badge before its code; the 3030 clocks have columns of
their own (derived, so not sortable). In a county ledger the 站点 column names each hazard's
station (the view hides it while the ledger holds one station)."""

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.supervision import SupervisionStatus
from hazard_ledger.services.dto import HazardRow, StationView
from hazard_ledger.services.hazard_queries import HazardFilter, count_by_status, list_hazards
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.ui.clock_text import clock_flags, closure_text
from hazard_ledger.ui.county import IMPORTED_COLOR, short_name, station_label

COLUMNS = [
    ("code", "编号"),
    ("station", "站点"),
    ("unit", "单位"),
    ("village", "村(社区)"),
    ("description", "隐患描述"),
    ("level", "等级"),
    ("status", "状态"),
    ("found_on", "发现日期"),
    ("deadline", "期限"),
    ("overdue_days", "逾期天数"),
    ("closure", "闭环时限"),
    ("clock_flags", "时限提示"),
    ("responsible", "责任人"),
]
# Derived from the 3030 profile at read time: the database cannot sort by them.
CLOCKS = {"closure", "clock_flags"}
# The station is the code's prefix: sorting by 编号 lists the hazards station by station.
UNSORTABLE = CLOCKS | {"station"}
HEADER_TIPS = {
    "station": "隐患所属的站点（编号以站点简码开头：按编号排序即按站点排列）",
    "closure": "3030 闭环时限：未闭环的剩余天数或已超天数；已闭环的是否按时（不能排序）",
    "clock_flags": "响应超时、复查超期（不能排序）",
}
PAGE = 500
OVERDUE = QColor("#fde2e1")
DUE_SOON = QColor("#fff3cd")
MAJOR = QColor("#b42318")
LATE = QColor("#b42318")
_BADGE: list[QIcon] = []
# What the 站点 column answers itself; other roles (row colours…) as every column does.
STATION_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
)
Index = QModelIndex | QPersistentModelIndex


class HazardTableModel(QAbstractTableModel):
    """Read-only rows of the ledger; ``reload`` applies filters and sort."""

    def __init__(self, ledger: Ledger, due_soon_days: int = 3) -> None:
        super().__init__()
        self.ledger = ledger
        self.due_soon_days = due_soon_days
        self.filters = HazardFilter()
        self.sort_key, self.descending = "found_on", True
        self.rows: list[HazardRow] = []
        self.loaded = False
        self.total = 0
        self.counts: dict[HazardStatus, int] = dict.fromkeys(HazardStatus, 0)
        self.stations: dict[str, StationView] = {}  # by code

    def set_stations(self, stations: list[StationView]) -> None:
        """The ledger's stations, which the 站点 column names (shown on the next reload)."""
        self.stations = {station.code: station for station in stations}

    # -- loading -----------------------------------------------------------------------------
    def reload(self, filters: HazardFilter | None = None) -> None:
        """Query again (after a change, a new filter, or a new sort)."""
        if filters is not None:
            self.filters = filters
        self.beginResetModel()
        self.counts = count_by_status(self.ledger, self.filters)
        status = self.filters.status
        self.total = self.counts[status] if status else sum(self.counts.values())
        self.rows = self._page(0)
        self.loaded = True
        self.endResetModel()

    def _page(self, offset: int) -> list[HazardRow]:
        return list_hazards(
            self.ledger,
            self.filters,
            sort=self.sort_key,
            descending=self.descending,
            limit=PAGE,
            offset=offset,
        )

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        more = self._page(len(self.rows))
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def sortable(self, column: int) -> bool:
        return COLUMNS[column][0] not in UNSORTABLE

    def sort_column(self) -> int:
        """The column the rows are sorted by now."""
        return next(i for i, (key, _label) in enumerate(COLUMNS) if key == self.sort_key)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key, descending = COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder
        if key in UNSORTABLE:
            return  # the view puts its indicator back (LedgerTableView)
        if (key, descending) == (self.sort_key, self.descending) and self.loaded:
            return  # the view re-announces its sort while being set up
        self.sort_key, self.descending = key, descending
        self.reload()

    # -- Qt model ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(COLUMNS[section][0])
        return None

    def row_at(self, row: int) -> HazardRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        hazard = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if key == "station" and role in STATION_ROLES:
            return self._station_data(hazard, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(hazard, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(hazard, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "code" and hazard.listed:
            return supervision_badge()
        if role == Qt.ItemDataRole.ForegroundRole and key in CLOCKS:
            late = hazard.clocks.closure_exceeded if key == "closure" else True
            return QBrush(LATE) if late else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if hazard.overdue_days:
                return QBrush(OVERDUE)
            if self._due_soon(hazard):
                return QBrush(DUE_SOON)
        major = hazard.level is HazardLevel.MAJOR
        if role == Qt.ItemDataRole.ForegroundRole and key == "level" and major:
            return QBrush(MAJOR)
        if role == Qt.ItemDataRole.FontRole and (
            (key == "level" and hazard.level is HazardLevel.MAJOR)
            or (key == "overdue_days" and hazard.overdue_days)
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return hazard.code
        return None

    def _station_data(self, hazard: HazardRow, role: int) -> Any:
        station = self.stations.get(hazard.station_code)
        if role == Qt.ItemDataRole.DisplayRole:
            return short_name(station) if station else hazard.station_code
        if role == Qt.ItemDataRole.ToolTipRole and station is not None:
            return station_label(station) + ("" if station.is_local else "（导入的数据，只读）")
        if role == Qt.ItemDataRole.ForegroundRole and station and not station.is_local:
            return QBrush(IMPORTED_COLOR)
        return None

    def _due_soon(self, hazard: HazardRow) -> bool:
        if hazard.status is not HazardStatus.ASSIGNED or hazard.deadline is None:
            return False
        left = (hazard.deadline - self.ledger.today()).days
        return 0 <= left <= self.due_soon_days


def supervision_badge() -> QIcon:
    """The red 督 drawn before a listed hazard's code."""
    if not _BADGE:
        pixmap = QPixmap(18, 18)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(LATE)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(0, 0, 18, 18, 3, 3)
        font = QFont()
        font.setPixelSize(13)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "督")
        painter.end()
        _BADGE.append(QIcon(pixmap))
    return _BADGE[0]


def _tooltip(hazard: HazardRow, key: str) -> str | None:
    if key == "description":
        return hazard.description
    if key == "code" and hazard.listed:
        status = SupervisionStatus(hazard.supervision).label
        deadline = hazard.supervision_deadline
        return f"挂牌督办：{status}" + (f"，督办期限 {deadline}" if deadline else "")
    if key == "closure" and hazard.clocks.closure_due is not None:
        return f"闭环时限 {hazard.clocks.closure_due}"
    return None


def _display(hazard: HazardRow, key: str) -> str:
    if key == "closure":
        return closure_text(hazard.clocks)
    if key == "clock_flags":
        return "、".join(clock_flags(hazard.clocks))
    value = getattr(hazard, key)
    if key == "level":
        return value.label
    if key == "status":
        return value.label
    if key == "overdue_days":
        return f"{value} 天" if value else ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if key == "description":
        return " ".join(str(value).split())
    return "" if value is None else str(value)
