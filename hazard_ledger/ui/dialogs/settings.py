"""设置, in pages: 本站 (station details, the operator's name, the due-soon window, the 周报's
week), 文书
(title, number templates, font), 闭环时限 (the 3030 profile) and 节假日 (the calendar)."""

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QSpinBox, QTabWidget, QWidget

from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.preferences import load_preferences, save_preferences
from hazard_ledger.services.stations import edit_station, get_local_station
from hazard_ledger.ui.dialogs.form import FormDialog
from hazard_ledger.ui.dialogs.settings_clocks import CalendarPage, ProfileSettings
from hazard_ledger.ui.dialogs.settings_documents import DocumentSettings

WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


class SettingsDialog(FormDialog):
    def __init__(self, parent: QWidget | None, ledger: Ledger) -> None:
        super().__init__(parent, "设置")
        self.setMinimumWidth(620)
        self.ledger = ledger
        station = get_local_station(ledger)
        assert station is not None
        prefs = load_preferences(ledger)
        self.tabs = QTabWidget()
        self.body.insertWidget(0, self.tabs)
        form = self._page("本站")
        code = QLineEdit(station.code)
        code.setReadOnly(True)
        code.setToolTip("站点简码用于隐患编号，初始化后不能修改")
        self.add_row("站点简码", code, None, form)
        self.name = self.add_row("站名*", QLineEdit(station.name), "name", form)
        self.township = self.add_row("乡镇（街道）", QLineEdit(station.township), "township", form)
        self.county = self.add_row("县（市、区）", QLineEdit(station.county), "county", form)
        self.doc_prefix = self.add_row(
            "文号简称", QLineEdit(station.doc_prefix), "doc_prefix", form
        )
        self.operator = self.add_row(
            "操作员姓名", QLineEdit(prefs.operator or ledger.operator), "operator", form
        )
        self.due_soon = QSpinBox()
        self.due_soon.setRange(0, 60)
        self.due_soon.setValue(prefs.due_soon_days)
        self.due_soon.setSuffix(" 天")
        self.add_row("临期提醒", self.due_soon, "due_soon_days", form)
        self.week_start = QComboBox()
        self.week_start.setObjectName("week_start")
        for day, name in enumerate(WEEKDAYS):
            self.week_start.addItem(f"{name}至{WEEKDAYS[(day - 1) % 7]}", day)
        self.week_start.setCurrentIndex(prefs.week_start if 0 <= prefs.week_start <= 6 else 0)
        self.week_start.setToolTip(
            "周报的统计周期（默认周一至周日）；周号按周期最后一天所在的 ISO 周"
        )
        self.add_row("周报统计周期", self.week_start, "week_start", form)
        self.documents = DocumentSettings(
            self, self._page("文书"), ledger, prefs, prefix=self.doc_prefix
        )
        self.profile = ProfileSettings(self, self._page("闭环时限"), ledger)
        self.calendar = CalendarPage(ledger)
        self.tabs.addTab(self.calendar, "节假日")

    def _page(self, title: str) -> QFormLayout:
        page = QWidget()
        form = QFormLayout(page)
        self.tabs.addTab(page, title)
        return form

    def save(self) -> None:
        # The 文书 and 闭环时限 pages are checked first, so a bad entry saves nothing.
        prefs = self.documents.checked(load_preferences(self.ledger))
        profile = self.profile.checked()
        save_preferences(
            self.ledger,
            replace(
                prefs,
                operator=self.operator.text(),
                due_soon_days=self.due_soon.value(),
                week_start=int(self.week_start.currentData()),
            ),
        )
        edit_station(
            self.ledger,
            name=self.name.text(),
            township=self.township.text(),
            county=self.county.text(),
            doc_prefix=self.doc_prefix.text(),
        )
        self.profile.save(profile)
