"""总览: counts by status and level, 整改率, the 3030 clock figures with the profile they follow,
a chart by 行业领域, overdue and due-soon lists (listed hazards with their 督 badge). In a county
ledger: a 站点 choice (all stations, or one) and a line of figures per station."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.services.dto import HazardRow
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.overview import overview
from hazard_ledger.services.stations import list_stations
from hazard_ledger.ui.chart import IndustryChart
from hazard_ledger.ui.county import StationCombo, StationFiguresTable
from hazard_ledger.ui.models.hazard_table import supervision_badge

CLOCK_TILES = (
    ("挂牌督办", "挂牌督办中（已挂牌、尚未销号）的重大事故隐患"),
    ("闭环超期", "尚未闭环、已超过闭环时限的隐患"),
    ("复查超期", "已报整改完成、超过复查时限仍未复查的隐患"),
    ("响应超时", "待交办、已超过响应时限的隐患"),
)
TILE_STYLE = "font-size: 20pt; font-weight: bold; color: %s;"


class OverviewTab(QWidget):
    open_hazard = Signal(str)

    def __init__(self, ledger: Ledger, due_soon_days: int = 3) -> None:
        super().__init__()
        self.ledger, self.due_soon_days = ledger, due_soon_days
        self.tiles: dict[str, QLabel] = {}
        tiles = QGridLayout()
        names = [s.label for s in HazardStatus] + ["重大隐患", "整改率", "逾期"]
        for i, name in enumerate(names):
            box = QGroupBox(name)
            value = QLabel("0")
            value.setObjectName(f"tile_{name}")
            value.setStyleSheet("font-size: 20pt; font-weight: bold; color: #101828;")
            QVBoxLayout(box).addWidget(value)
            tiles.addWidget(box, 0, i)
            self.tiles[name] = value
        for i, (name, tip) in enumerate(CLOCK_TILES):
            box = QGroupBox(name)
            box.setToolTip(tip)
            value = QLabel("0")
            value.setObjectName(f"tile_{name}")
            QVBoxLayout(box).addWidget(value)
            tiles.addWidget(box, 1, i)
            self.tiles[name] = value
        self.profile = QLabel()
        self.profile.setObjectName("profile_summary")
        self.profile.setWordWrap(True)
        self.profile.setStyleSheet("color: #475467;")
        self.profile_box = QGroupBox("闭环管控时限")
        QVBoxLayout(self.profile_box).addWidget(self.profile)
        self.tiles_grid, self.tile_columns = tiles, len(names)
        # A county ledger's 站点 choice takes the last tile of the second row (see _place_choice).
        self.station = StationCombo()
        self.station.currentIndexChanged.connect(self.refresh)
        self.station_box = QGroupBox(self.tr("站点"), self)
        self.station_box.setToolTip(self.tr("总览的范围：全部站点，或其中一个站点"))
        box_layout = QVBoxLayout(self.station_box)
        box_layout.addStretch()
        box_layout.addWidget(self.station)
        box_layout.addStretch()
        self._place_choice(several=False)
        self.chart = IndustryChart()
        chart_box = QGroupBox("各行业领域隐患（不含作废）")
        QVBoxLayout(chart_box).addWidget(self.chart)
        self.overdue = self._list()
        self.due_soon = self._list()
        lists = QHBoxLayout()
        for title, table in (
            ("逾期未整改（双击打开）", self.overdue),
            (f"临期（{due_soon_days} 天内到期）", self.due_soon),
        ):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(table)
            lists.addWidget(box)
        self.rate_note = QLabel()
        self.rate_note.setStyleSheet("color: #475467;")
        self.by_station = StationFiguresTable()
        self.by_station.station_chosen.connect(self.station.set_code)
        layout = QVBoxLayout(self)
        layout.addLayout(tiles)
        layout.addWidget(self.by_station)
        layout.addWidget(self.rate_note)
        layout.addWidget(chart_box, 2)
        layout.addLayout(lists, 2)

    def _place_choice(self, *, several: bool) -> None:
        """The profile spans the second row's free tiles; with several stations, the 站点
        choice takes the last of them."""
        first = len(CLOCK_TILES)
        span = self.tile_columns - first - (1 if several else 0)
        self.tiles_grid.removeWidget(self.profile_box)
        self.tiles_grid.addWidget(self.profile_box, 1, first, 1, span)
        if several and self.tiles_grid.indexOf(self.station_box) < 0:
            self.tiles_grid.addWidget(self.station_box, 1, self.tile_columns - 1)
        elif not several:
            self.tiles_grid.removeWidget(self.station_box)
        self.station_box.setVisible(several)

    def _list(self) -> QTableWidget:
        table = QTableWidget(0, 5)
        table.setHorizontalHeaderLabels(["编号", "单位", "期限", "逾期", "责任人"])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.cellDoubleClicked.connect(lambda row, _c, t=table: self._open(t, row))
        return table

    def _open(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        if item is not None:
            self.open_hazard.emit(item.text())

    def refresh(self) -> None:
        self.station.set_stations(list_stations(self.ledger))
        if self.station.several != self.station_box.isVisibleTo(self):
            self._place_choice(several=self.station.several)
        figures = overview(self.ledger, self.due_soon_days, station_code=self.station.code())
        self.by_station.set_figures(figures.by_station, figures.station_code)
        for status in HazardStatus:
            self.tiles[status.label].setText(str(figures.by_status[status]))
        self.tiles["重大隐患"].setText(str(figures.by_level[HazardLevel.MAJOR]))
        self.tiles["整改率"].setText(f"{figures.rectification_rate:.1%}")
        self.tiles["挂牌督办"].setText(str(figures.supervised))
        self.tiles["挂牌督办"].setStyleSheet(TILE_STYLE % "#101828")
        alarming = {
            "逾期": figures.overdue_count,
            "闭环超期": figures.closure_exceeded,
            "复查超期": figures.verification_overdue,
            "响应超时": figures.response_late,
        }
        for name, count in alarming.items():
            self.tiles[name].setText(str(count))
            self.tiles[name].setStyleSheet(TILE_STYLE % ("#d92d20" if count else "#101828"))
        self.profile.setText(f"各时限按 {figures.profile}")
        self.rate_note.setText(
            f"整改率 = 已闭环 {figures.closed} ÷ 发现 {figures.found}（发现数不含已作废的隐患）"
        )
        self.chart.set_rows(figures.by_industry)
        self._fill(self.overdue, figures.overdue)
        self._fill(self.due_soon, figures.due_soon)

    @staticmethod
    def _fill(table: QTableWidget, rows: list[HazardRow]) -> None:
        table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            values = [
                row.code,
                row.unit,
                str(row.deadline or ""),
                f"{row.overdue_days} 天" if row.overdue_days else "",
                row.responsible,
            ]
            for j, value in enumerate(values):
                table.setItem(i, j, QTableWidgetItem(value))
            if row.listed:
                code = table.item(i, 0)
                code.setIcon(supervision_badge())
                code.setToolTip(f"挂牌督办，督办期限 {row.supervision_deadline}")
        table.resizeColumnsToContents()
