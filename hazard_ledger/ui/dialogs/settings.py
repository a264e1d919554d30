"""设置: station details, the operator's name, the due-soon window. Later issues add their pages
(document-number template, 3030 profile, fonts) as further tabs here."""

from dataclasses import replace

from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.preferences import load_preferences, save_preferences
from hazard_ledger.services.stations import edit_station, get_local_station
from hazard_ledger.ui.dialogs.form import FormDialog


class SettingsDialog(FormDialog):
    def __init__(self, parent: QWidget | None, ledger: Ledger) -> None:
        super().__init__(parent, "设置")
        self.ledger = ledger
        station = get_local_station(ledger)
        assert station is not None
        prefs = load_preferences(ledger)
        code = QLineEdit(station.code)
        code.setReadOnly(True)
        code.setToolTip("站点简码用于隐患编号，初始化后不能修改")
        self.add_row("站点简码", code)
        self.name = self.add_row("站名*", QLineEdit(station.name), "name")
        self.township = self.add_row("乡镇（街道）", QLineEdit(station.township), "township")
        self.county = self.add_row("县（市、区）", QLineEdit(station.county), "county")
        self.doc_prefix = self.add_row("文号简称", QLineEdit(station.doc_prefix), "doc_prefix")
        self.operator = self.add_row(
            "操作员姓名", QLineEdit(prefs.operator or ledger.operator), "operator"
        )
        self.due_soon = QSpinBox()
        self.due_soon.setRange(0, 60)
        self.due_soon.setValue(prefs.due_soon_days)
        self.due_soon.setSuffix(" 天")
        self.add_row("临期提醒", self.due_soon, "due_soon_days")

    def save(self) -> None:
        prefs = load_preferences(self.ledger)
        save_preferences(
            self.ledger,
            replace(prefs, operator=self.operator.text(), due_soon_days=self.due_soon.value()),
        )
        edit_station(
            self.ledger,
            name=self.name.text(),
            township=self.township.text(),
            county=self.county.text(),
            doc_prefix=self.doc_prefix.text(),
        )
