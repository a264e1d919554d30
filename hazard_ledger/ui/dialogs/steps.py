"""The workflow steps as dialogs: 交办, 整改完成, 复查, 作废. The main window offers only the
steps the transition table allows for the selected hazard."""

import datetime as dt

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit, QRadioButton, QWidget

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.domain.validation import parse_yuan
from hazard_ledger.services import hazards
from hazard_ledger.services.calendar import load_calendar
from hazard_ledger.services.dto import HazardDetail
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.ui.dialogs.form import FormDialog
from hazard_ledger.ui.widgets import DeadlineChooser, PhotoList, date_edit, date_of, text_area


class _StepDialog(FormDialog):
    def __init__(
        self, parent: QWidget | None, ledger: Ledger, hazard: HazardDetail, title: str
    ) -> None:
        super().__init__(parent, f"{title} — {hazard.code}")
        self.ledger, self.hazard = ledger, hazard


class AssignDialog(_StepDialog):
    """交办: responsible person, deadline (a date, or N calendar/working days), requirement."""

    def __init__(self, parent: QWidget | None, ledger: Ledger, hazard: HazardDetail) -> None:
        super().__init__(parent, ledger, hazard, "交办整改")
        today = ledger.today()
        self.responsible = self.add_row("整改责任人*", QLineEdit(hazard.responsible), "responsible")
        self.phone = self.add_row(
            "联系电话", QLineEdit(hazard.responsible_phone), "responsible_phone"
        )
        self.requirement = self.add_row("整改要求", text_area(hazard.requirement), "requirement")
        self.on = self.add_row("交办日期", date_edit(today), "on")
        self.due = self.add_row(
            "整改期限*", DeadlineChooser(self.on, load_calendar(ledger)), "deadline"
        )
        self.errors["within"] = self.errors["deadline"]  # N days out of range

    def save(self) -> None:
        hazards.assign_hazard(
            self.ledger,
            self.hazard.code,
            responsible=self.responsible.text(),
            deadline=self.due.chosen(),
            phone=self.phone.text(),
            requirement=self.requirement.toPlainText(),
            on=date_of(self.on),
        )


class RectifyDialog(_StepDialog):
    """整改完成: measures, date, funds, 整改后 photos."""

    def __init__(self, parent: QWidget | None, ledger: Ledger, hazard: HazardDetail) -> None:
        super().__init__(parent, ledger, hazard, "登记整改完成")
        self.measures = self.add_row("整改措施*", text_area(), "measures")
        self.done_on = self.add_row("完成日期", date_edit(ledger.today()), "done_on")
        self.funds = self.add_row("整改资金(元)", QLineEdit(), "funds")
        self.photos = self.add_row("整改后照片", PhotoList(), "photo")

    def save(self) -> None:
        funds = self.funds.text().strip()
        hazards.rectify_hazard(
            self.ledger,
            self.hazard.code,
            measures=self.measures.toPlainText(),
            done_on=date_of(self.done_on),
            funds_fen=parse_yuan(funds) if funds else None,
            photos=self.photos.paths(),
        )


class VerifyDialog(_StepDialog):
    """复查: pass closes the loop; fail returns it to 整改中 with a new deadline."""

    def __init__(
        self, parent: QWidget | None, ledger: Ledger, hazard: HazardDetail, inspector: str = ""
    ) -> None:
        super().__init__(parent, ledger, hazard, "复查")
        self.by = self.add_row("复查人*", QLineEdit(inspector), "by")
        self.passed = QRadioButton("合格（闭环）")
        self.failed = QRadioButton("不合格（退回整改）")
        self.passed.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.passed)
        group.addButton(self.failed)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.passed)
        layout.addWidget(self.failed)
        self.add_row("复查结论", row)
        self.new_deadline = self.add_row(
            "新的整改期限", date_edit(ledger.today() + dt.timedelta(days=7)), "new_deadline"
        )
        self.failed.toggled.connect(self.new_deadline.setEnabled)
        self.new_deadline.setEnabled(False)
        self.opinion = self.add_row("复查意见", text_area(), "opinion")
        self.on = self.add_row("复查日期", date_edit(ledger.today()), "on")

    def save(self) -> None:
        passed = self.passed.isChecked()
        hazards.verify_hazard(
            self.ledger,
            self.hazard.code,
            by=self.by.text(),
            passed=passed,
            new_deadline=None if passed else date_of(self.new_deadline),
            opinion=self.opinion.toPlainText(),
            on=date_of(self.on),
        )


class VoidDialog(_StepDialog):
    """作废 with a reason; the hazard stays in the ledger, marked 已作废."""

    def __init__(self, parent: QWidget | None, ledger: Ledger, hazard: HazardDetail) -> None:
        super().__init__(parent, ledger, hazard, "作废隐患")
        self.reason = self.add_row("作废原因*", text_area(), "reason")

    def save(self) -> None:
        if not self.reason.toPlainText().strip():
            raise ValidationError("请填写作废原因。", field="reason")
        hazards.void_hazard(self.ledger, self.hazard.code, reason=self.reason.toPlainText())
