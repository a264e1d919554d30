"""登记 / 修改单位."""

from PySide6.QtWidgets import QLineEdit, QWidget

from hazard_ledger.domain.vocab import INDUSTRIES
from hazard_ledger.services.dto import UnitView
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.units import UnitInput, add_unit, edit_unit
from hazard_ledger.ui.dialogs.form import FormDialog
from hazard_ledger.ui.widgets import choice_box


class UnitDialog(FormDialog):
    """Add a unit, or edit ``unit`` when given. ``saved`` holds the result after accept."""

    def __init__(
        self,
        parent: QWidget | None,
        ledger: Ledger,
        unit: UnitView | None = None,
        villages: list[str] | None = None,
    ) -> None:
        super().__init__(parent, "修改单位" if unit else "登记单位")
        self.ledger, self.unit = ledger, unit
        self.saved: UnitView | None = None
        self.name = self.add_row("单位名称*", QLineEdit(unit.name if unit else ""), "name")
        self.credit_code = self.add_row(
            "统一社会信用代码", QLineEdit(unit.credit_code or "" if unit else ""), "credit_code"
        )
        self.industry = self.add_row(
            "行业领域", choice_box(INDUSTRIES, unit.industry if unit else ""), "industry"
        )
        self.village = self.add_row(
            "村(社区)", choice_box(villages or [], unit.village if unit else ""), "village"
        )
        self.address = self.add_row("地址", QLineEdit(unit.address if unit else ""), "address")
        self.contact = self.add_row("联系人", QLineEdit(unit.contact if unit else ""), "contact")
        self.phone = self.add_row("联系电话", QLineEdit(unit.phone if unit else ""), "phone")

    def save(self) -> None:
        data = UnitInput(
            name=self.name.text(),
            credit_code=self.credit_code.text(),
            industry=self.industry.currentText(),
            village=self.village.currentText(),
            address=self.address.text(),
            contact=self.contact.text(),
            phone=self.phone.text(),
        )
        if self.unit is None:
            self.saved = add_unit(self.ledger, data)
        else:
            self.saved = edit_unit(self.ledger, self.unit.uuid, data)
