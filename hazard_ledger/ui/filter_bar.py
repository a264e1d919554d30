"""The filter bar above the ledger: 站点 (a county ledger only), status, level, 行业领域, 村,
overdue, due soon, 挂牌督办, the 3030 clocks (闭环超期, 复查超期), text search."""

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.hazard_queries import HazardFilter
from hazard_ledger.ui.county import StationCombo


class FilterBar(QWidget):
    changed = Signal(object)  # HazardFilter

    def __init__(self, due_soon_days: int = 3) -> None:
        super().__init__()
        self.due_soon_days = due_soon_days
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：描述、部位、单位、编号（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.addItem("全部状态", None)
        for status in HazardStatus:
            self.status.addItem(status.label, status)
        self.level = QComboBox()
        self.level.addItem("全部等级", None)
        for level in HazardLevel:
            self.level.addItem(level.label, level)
        self.industry = QComboBox()
        self.village = QComboBox()
        self.station = StationCombo()  # hidden unless the ledger holds several stations
        self.overdue = QCheckBox("逾期")
        self.due_soon = QCheckBox(f"临期（{due_soon_days} 天内）")
        self.supervised = QCheckBox("督办")
        self.supervised.setToolTip("挂牌督办中（已挂牌、尚未销号）的重大事故隐患")
        self.closure_exceeded = QCheckBox("闭环超期")
        self.closure_exceeded.setToolTip("尚未闭环、已超过闭环时限（3030）的隐患")
        self.verification_overdue = QCheckBox("复查超期")
        self.verification_overdue.setToolTip("已报整改完成、超过复查时限仍未复查的隐患")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        layout.addWidget(self.station, 1)
        for label, box in (
            ("状态", self.status),
            ("等级", self.level),
            ("行业", self.industry),
            ("村(社区)", self.village),
        ):
            box.setToolTip(label)
            layout.addWidget(box, 1)
        for box in self.checks():
            layout.addWidget(box)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)  # wait for a pause in typing before querying
        self._timer.timeout.connect(self.emit)
        self.search.textChanged.connect(self._timer.start)
        for box in (self.station, self.status, self.level, self.industry, self.village):
            box.currentIndexChanged.connect(self.emit)
        for check in self.checks():
            check.toggled.connect(self.emit)
        self.set_choices([], [])

    def checks(self) -> tuple[QCheckBox, ...]:
        return (
            self.overdue,
            self.due_soon,
            self.supervised,
            self.closure_exceeded,
            self.verification_overdue,
        )

    def set_choices(self, industries: list[str], villages: list[str]) -> None:
        for box, values, label in (
            (self.industry, industries, "全部行业"),
            (self.village, villages, "全部村(社区)"),
        ):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(label, "")
            for value in values:
                box.addItem(value, value)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)

    def set_stations(self, stations: list[StationView]) -> None:
        """The stations the ledger holds: the 站点 choice shows when there are several."""
        self.station.set_stations(stations)

    def filters(self) -> HazardFilter:
        return HazardFilter(
            station=self.station.code(),
            # Qt keeps a StrEnum item's data as a plain str: made an enum again here.
            status=HazardStatus(status) if (status := self.status.currentData()) else None,
            level=HazardLevel(level) if (level := self.level.currentData()) else None,
            industry=self.industry.currentData() or "",
            village=self.village.currentData() or "",
            search=self.search.text(),
            overdue=self.overdue.isChecked(),
            due_within=self.due_soon_days if self.due_soon.isChecked() else None,
            supervised=self.supervised.isChecked(),
            closure_exceeded=self.closure_exceeded.isChecked(),
            verification_overdue=self.verification_overdue.isChecked(),
        )

    def cancel_pending(self) -> None:
        """Drop a search still waiting for the typing pause (the window is closing)."""
        self._timer.stop()

    def emit(self) -> None:
        self.changed.emit(self.filters())
