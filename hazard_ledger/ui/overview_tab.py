"""总览: counts by status and level, 整改率, a chart by 行业领域, overdue and due-soon lists."""

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
from hazard_ledger.ui.chart import IndustryChart


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
        layout = QVBoxLayout(self)
        layout.addLayout(tiles)
        layout.addWidget(self.rate_note)
        layout.addWidget(chart_box, 2)
        layout.addLayout(lists, 2)

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
        figures = overview(self.ledger, self.due_soon_days)
        for status in HazardStatus:
            self.tiles[status.label].setText(str(figures.by_status[status]))
        self.tiles["重大隐患"].setText(str(figures.by_level[HazardLevel.MAJOR]))
        self.tiles["整改率"].setText(f"{figures.rectification_rate:.1%}")
        self.tiles["逾期"].setText(str(len(figures.overdue)))
        self.tiles["逾期"].setStyleSheet(
            "font-size: 20pt; font-weight: bold; color: %s;"
            % ("#d92d20" if figures.overdue else "#101828")
        )
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
        table.resizeColumnsToContents()
