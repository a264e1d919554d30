"""The units register: list, search, add, edit."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.units import list_units
from hazard_ledger.ui.dialogs.unit_form import UnitDialog
from hazard_ledger.ui.models.unit_table import UnitTableModel


class UnitsTab(QWidget):
    units_changed = Signal()

    def __init__(self, ledger: Ledger) -> None:
        super().__init__()
        self.ledger = ledger
        self.search = QLineEdit()
        self.search.setPlaceholderText("按名称、信用代码、村(社区)、地址查找")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        add = QPushButton("登记单位…")
        add.clicked.connect(self.add_unit)
        self.edit_button = QPushButton("修改…")
        self.edit_button.clicked.connect(self.edit_unit)
        self.model = UnitTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(self.edit_unit)
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(add)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        self.model.set_units(list_units(self.ledger, self.search.text()))
        self.table.resizeColumnsToContents()

    def _villages(self) -> list[str]:
        return sorted({u.village for u in self.model.units if u.village})

    def add_unit(self) -> None:
        if UnitDialog(self, self.ledger, villages=self._villages()).exec():
            self.refresh()
            self.units_changed.emit()

    def edit_unit(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        unit = self.model.units[rows[0].row()]
        if UnitDialog(self, self.ledger, unit, villages=self._villages()).exec():
            self.refresh()
            self.units_changed.emit()
