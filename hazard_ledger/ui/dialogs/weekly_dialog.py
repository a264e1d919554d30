"""The 周报 dialog: which week (the current one first, then the weeks before, each starting on
the ledger's week-start day), which station (a county ledger only), the 审核人, and what to do:
预览/打印 (the PDF in the preview) or 导出 Excel…."""

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hazard_ledger.services.dto import StationView
from hazard_ledger.services.periods import Period, period_of
from hazard_ledger.ui.county import StationCombo

WEEKS_OFFERED = 26  # half a year back; an older week is a CLI matter (report weekly --period)
WEEKDAYS = "一二三四五六日"
PREVIEW, EXCEL = "preview", "xlsx"


@dataclass(frozen=True, slots=True)
class WeeklyChoice:
    period: Period
    station_code: str  # "" for every station of the ledger
    reviewer: str


def recent_periods(today: dt.date, week_start: int, count: int = WEEKS_OFFERED) -> list[Period]:
    """The period holding ``today``, then the ``count - 1`` before it."""
    current = period_of(today, week_start)
    return [period_of(current.start - dt.timedelta(days=7 * n), week_start) for n in range(count)]


class WeeklyDialog(QDialog):
    """Accepted with ``action`` PREVIEW or EXCEL; ``choice()`` says what to report."""

    def __init__(
        self,
        parent: QWidget | None,
        today: dt.date,
        week_start: int,
        stations: list[StationView],
        reviewer: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("weekly_dialog")
        self.setWindowTitle(self.tr("周报"))
        self.action = ""
        self.periods = recent_periods(today, week_start)
        self.period = QComboBox()
        self.period.setObjectName("weekly_period")
        for index, period in enumerate(self.periods):
            suffix = self.tr("（本周，截至今天）") if index == 0 else ""
            self.period.addItem(period.label + suffix, period.code)
        self.station = StationCombo()  # hidden unless the ledger holds several stations
        self.station.setMinimumContentsLength(20)
        self.station.set_stations(stations)
        self.reviewer = QLineEdit(reviewer)
        self.reviewer.setObjectName("weekly_reviewer")
        self.reviewer.setMaxLength(50)
        self.reviewer.setPlaceholderText(self.tr("可不填：留空则周报上留出签名处"))
        form = QFormLayout()
        form.addRow(self.tr("统计周期"), self.period)
        if self.station.several:
            form.addRow(self.tr("站点"), self.station)
        form.addRow(self.tr("审核人"), self.reviewer)
        note = QLabel(
            self.tr("每周从星期{0}开始（在“设置”中可改）。本周的数字截至今天。").format(
                WEEKDAYS[week_start]
            )
        )
        note.setStyleSheet("color: #475467;")
        note.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.preview_button = QPushButton(self.tr("预览/打印"))
        self.preview_button.setObjectName("weekly_preview")
        self.preview_button.setDefault(True)
        self.excel_button = QPushButton(self.tr("导出 Excel…"))
        self.excel_button.setObjectName("weekly_excel")
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.excel_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(lambda: self._finish(PREVIEW))
        self.excel_button.clicked.connect(lambda: self._finish(EXCEL))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _finish(self, action: str) -> None:
        self.action = action
        self.accept()

    def choice(self) -> WeeklyChoice:
        return WeeklyChoice(
            period=self.periods[max(0, self.period.currentIndex())],
            station_code=self.station.code() if self.station.several else "",
            reviewer=self.reviewer.text().strip(),
        )
