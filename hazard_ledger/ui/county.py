"""The county view: a county ledger holds its own station and those imported from the townships'
sync packages. The 站点 choice (in the ledger's filter bar and on the overview) and the overview's
table of figures per station; both stay hidden while the ledger holds one station only."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

from hazard_ledger.services.dto import StationView
from hazard_ledger.services.overview import StationFigures

IMPORTED_COLOR = QColor("#475467")


def station_label(station: StationView) -> str:
    """罗阳镇应急消防管理站（LY）."""
    return f"{station.name}（{station.code}）"


def short_name(station: StationView) -> str:
    """What a narrow column shows: 本站 for this install's own, else the township (or the name
    when the township is not given)."""
    return "本站" if station.is_local else station.township or station.name


class StationCombo(QComboBox):
    """全部站点, then every station of the ledger (this install's first). Shown only when the
    ledger holds several stations; ``code`` is the chosen station's code, "" for all of them."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("station_choice")
        self.setToolTip(self.tr("站点"))
        # Narrow when closed (the filter bar is full); the list shows the whole names.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.stations: list[StationView] = []
        self.set_stations([])

    @property
    def several(self) -> bool:
        return len(self.stations) > 1

    def set_stations(self, stations: list[StationView]) -> None:
        """Offer ``stations``, keeping the choice when its station is still there (no signal)."""
        current = self.code()
        self.stations = list(stations)
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("全部站点"), "")
        for station in self.stations:
            self.addItem(station_label(station), station.code)
            tip = self.tr("本站") if station.is_local else self.tr("导入的数据（只读）")
            self.setItemData(self.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(max(0, self.findData(current)))
        self.blockSignals(False)
        self.view().setMinimumWidth(self.view().sizeHintForColumn(0) + 24)
        self.setVisible(self.several)

    def code(self) -> str:
        return str(self.currentData() or "")

    def set_code(self, code: str) -> None:
        """Choose the station ``code`` ("" for all of them); emits the change."""
        self.setCurrentIndex(max(0, self.findData(code)))


class StationFiguresTable(QTableWidget):
    """The overview's line per station: 发现, 已闭环, 整改率, 逾期, 挂牌督办. Double-click a line
    to see that station's figures (``station_chosen``)."""

    station_chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__(0, 6)
        self.setObjectName("station_figures")
        self.setHorizontalHeaderLabels(
            [
                self.tr("站点"),
                self.tr("发现"),
                self.tr("已闭环"),
                self.tr("整改率"),
                self.tr("逾期"),
                self.tr("挂牌督办"),
            ]
        )
        self.setToolTip(self.tr("各站隐患（发现数不含已作废的隐患）；双击查看该站的总览"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.columnCount()):
            header.resizeSection(column, 96)
        self.cellDoubleClicked.connect(self._chosen)
        self.hide()

    def set_figures(self, lines: list[StationFigures], chosen: str = "") -> None:
        """Show ``lines`` (hidden unless there are several), selecting the station ``chosen``."""
        self.setRowCount(len(lines))
        for row, line in enumerate(lines):
            name = line.name + (self.tr("（本站）") if line.is_local else self.tr("（导入）"))
            values = [
                name,
                str(line.found),
                str(line.closed),
                f"{line.rectification_rate:.1%}",
                str(line.overdue),
                str(line.supervised),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, line.code)
                    if not line.is_local:
                        item.setForeground(IMPORTED_COLOR)
                else:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if column == 4 and line.overdue:
                    item.setForeground(QColor("#d92d20"))
                self.setItem(row, column, item)
        chosen_row = next((i for i, line in enumerate(lines) if line.code == chosen), None)
        if chosen_row is None:
            self.clearSelection()
        else:
            self.selectRow(chosen_row)
        rows_height = sum(self.rowHeight(i) for i in range(min(len(lines), 6)))
        self.setFixedHeight(self.horizontalHeader().height() + rows_height + 2 * self.frameWidth())
        self.setVisible(len(lines) > 1)

    def code_at(self, row: int) -> str:
        item = self.item(row, 0)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def _chosen(self, row: int, _column: int) -> None:
        self.station_chosen.emit(self.code_at(row))
