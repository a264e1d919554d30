"""延期: a unit's request for more time (申请延期) and the station's decision (审批延期).

The deadline moves only when a request is approved; both steps land in the hazard's history.
A hazard under 挂牌督办 is extended through its supervision instead (督办延期)."""

import datetime as dt

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from hazard_ledger.services.dto import HazardDetail
from hazard_ledger.services.extensions import decide_extension, request_extension
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.ui.dialogs.form import FormDialog
from hazard_ledger.ui.widgets import date_edit, date_of, radio_pair, text_area


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: #475467;")
    label.setWordWrap(True)
    return label


class RequestExtensionDialog(FormDialog):
    """申请延期: the proposed deadline, the reason, the date of the request."""

    def __init__(self, parent: QWidget | None, ledger: Ledger, hazard: HazardDetail) -> None:
        super().__init__(parent, f"申请延期 — {hazard.code}")
        self.ledger, self.hazard = ledger, hazard
        today = ledger.today()
        current = hazard.deadline
        self.add_row("单位", QLabel(hazard.unit))
        self.add_row("现整改期限", QLabel(current.isoformat() if current else "（未定）"))
        start = max(current, today) if current else today
        self.to = self.add_row("延至*", date_edit(start + dt.timedelta(days=7)), "to")
        self.reason = self.add_row("延期理由*", text_area(), "reason")
        self.on = self.add_row("申请日期", date_edit(today), "on")
        self.body.insertWidget(1, _muted("申请登记后须经审批；批准前整改期限不变。"))

    def save(self) -> None:
        request_extension(
            self.ledger,
            self.hazard.code,
            to=date_of(self.to),
            reason=self.reason.toPlainText(),
            on=date_of(self.on),
        )


class DecideExtensionDialog(FormDialog):
    """审批延期: 批准 (the deadline becomes the requested date) or 不批准, by whom, when, why."""

    def __init__(
        self, parent: QWidget | None, ledger: Ledger, hazard: HazardDetail, by: str = ""
    ) -> None:
        super().__init__(parent, f"审批延期 — {hazard.code}")
        self.ledger, self.hazard = ledger, hazard
        asked = hazard.extension_requested_on
        self.add_row("单位", QLabel(hazard.unit))
        description = QLabel(hazard.description)
        description.setWordWrap(True)
        self.add_row("隐患描述", description)
        self.add_row("现整改期限", QLabel(hazard.deadline.isoformat() if hazard.deadline else ""))
        self.add_row(
            "申请延至",
            QLabel(hazard.extension_to.isoformat() if hazard.extension_to else ""),
        )
        reason = QLabel(hazard.extension_reason)
        reason.setWordWrap(True)
        self.add_row("延期理由", reason)
        self.add_row("申请日期", QLabel(asked.isoformat() if asked else ""))
        row, self.approve, self.refuse = radio_pair("批准", "不批准")
        self.add_row("审批结论", row)
        self.by = self.add_row("审批人*", QLineEdit(by), "by")
        self.on = self.add_row("审批日期", date_edit(ledger.today()), "on")
        self.opinion = self.add_row("审批意见", text_area(), "opinion")
        self.deadline_after: dt.date | None = None

    def save(self) -> None:
        self.deadline_after = decide_extension(
            self.ledger,
            self.hazard.code,
            approve=self.approve.isChecked(),
            by=self.by.text(),
            on=date_of(self.on),
            opinion=self.opinion.toPlainText(),
        )
