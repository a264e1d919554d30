"""登记隐患 / 修改隐患: a unit picker with quick-add, pick-lists, photos by dialog or drop."""

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from hazard_ledger.domain.enums import HazardLevel
from hazard_ledger.domain.vocab import CATEGORIES, INDUSTRIES, SOURCES
from hazard_ledger.services import hazards
from hazard_ledger.services.dto import HazardDetail
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.units import unit_names
from hazard_ledger.ui.dialogs.form import FormDialog
from hazard_ledger.ui.dialogs.unit_form import UnitDialog
from hazard_ledger.ui.widgets import PhotoList, choice_box, date_edit, date_of, text_area

LEVELS = {"一般": HazardLevel.GENERAL, "重大": HazardLevel.MAJOR}


class HazardDialog(FormDialog):
    """New hazard, or the details of ``hazard`` to edit. ``code`` holds the code after accept."""

    def __init__(
        self,
        parent: QWidget | None,
        ledger: Ledger,
        hazard: HazardDetail | None = None,
        inspector: str = "",
    ) -> None:
        super().__init__(parent, f"修改隐患 {hazard.code}" if hazard else "登记隐患")
        self.ledger, self.hazard = ledger, hazard
        self.code = hazard.code if hazard else ""
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._fill_units(hazard.unit if hazard else "")
        quick_add = QPushButton("新增单位…")
        quick_add.clicked.connect(self.add_unit)
        unit_row = QWidget()
        row = QHBoxLayout(unit_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.unit, 1)
        row.addWidget(quick_add)
        self.add_row("单位*", unit_row, "unit")
        h = hazard
        self.description = self.add_row(
            "隐患描述*", text_area(h.description if h else ""), "description"
        )
        self.location = self.add_row("部位", QLineEdit(h.location if h else ""), "location")
        self.level = self.add_row(
            "等级",
            choice_box(list(LEVELS), h.level.label if h else "一般", editable=False),
            "level",
        )
        self.category = self.add_row(
            "隐患类别", choice_box(CATEGORIES, h.category if h else ""), "category"
        )
        self.industry = self.add_row(
            "行业领域", choice_box(INDUSTRIES, h.industry if h else ""), "industry"
        )
        self.industry.setToolTip("不填则取单位的行业领域")
        self.source = self.add_row(
            "隐患来源", choice_box(SOURCES, h.source if h else "日常检查"), "source"
        )
        self.basis = self.add_row("依据", text_area(h.basis if h else "", 50), "basis")
        self.found_on = self.add_row(
            "发现日期", date_edit(h.found_on if h else ledger.today()), "found_on"
        )
        self.inspector = self.add_row(
            "检查人", QLineEdit(h.inspector if h else inspector), "inspector"
        )
        self.photos = PhotoList()
        if hazard is None:
            self.add_row("整改前照片", self.photos, "photo")

    def _fill_units(self, current: str) -> None:
        self.unit.clear()
        self.unit.addItems(unit_names(self.ledger))
        self.unit.setCurrentText(current)

    def add_unit(self) -> None:
        dialog = UnitDialog(self, self.ledger)
        if dialog.exec() and dialog.saved:
            self._fill_units(dialog.saved.name)

    def save(self) -> None:
        details = {
            "unit": self.unit.currentText(),
            "description": self.description.toPlainText(),
            "location": self.location.text(),
            "level": LEVELS[self.level.currentText()],
            "category": self.category.currentText(),
            "industry": self.industry.currentText(),
            "source": self.source.currentText(),
            "basis": self.basis.toPlainText(),
            "found_on": date_of(self.found_on),
            "inspector": self.inspector.text(),
        }
        if self.hazard is None:
            new = hazards.NewHazard(**details, photos=self.photos.paths())
            self.code = hazards.record_hazard(self.ledger, new)
        else:
            hazards.edit_hazard(self.ledger, self.hazard.code, hazards.HazardEdit(**details))
