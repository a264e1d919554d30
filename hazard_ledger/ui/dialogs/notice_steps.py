"""What happens to an issued document: 登记送达 (or the refusal, with a witness), 作废 (with a
reason; the number stays used), and 出具复查意见书 for a 整改通知书."""

from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QWidget,
)

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.notices import NoticeView, VoidResult, serve_notice, void_notice
from hazard_ledger.services.reviews import review_notice
from hazard_ledger.ui.dialogs.form import FormDialog
from hazard_ledger.ui.documents import preflight
from hazard_ledger.ui.widgets import date_edit, date_of, text_area


class ServeDialog(FormDialog):
    """送达: who signed for it and when; or that the unit refused, and who witnessed it."""

    def __init__(self, parent: QWidget | None, ledger: Ledger, notice: NoticeView) -> None:
        super().__init__(parent, f"登记送达 — {notice.number}")
        self.ledger, self.notice = ledger, notice
        self.signed = QRadioButton("签收")
        self.refused = QRadioButton("拒收")
        self.signed.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.signed)
        group.addButton(self.refused)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.signed)
        layout.addWidget(self.refused)
        layout.addStretch()
        self.add_row("被检查单位", QLabel(notice.unit))
        self.add_row("送达方式", row)
        self.to = self.add_row("签收人*", QLineEdit(), "to")
        self.witness = self.add_row("见证人", QLineEdit(), "witness")
        self.on = self.add_row("送达日期", date_edit(ledger.today()), "on")
        self.refused.toggled.connect(self._mode)
        self._mode(False)

    def _mode(self, refused: bool) -> None:
        self.witness.setEnabled(refused)
        label = self.form.labelForField(self.to)
        if isinstance(label, QLabel):
            label.setText("受送达人" if refused else "签收人*")
        label = self.form.labelForField(self.witness)
        if isinstance(label, QLabel):
            label.setText("见证人*" if refused else "见证人")

    def save(self) -> None:
        refused = self.refused.isChecked()
        serve_notice(
            self.ledger,
            self.notice.number,
            to=self.to.text(),
            on=date_of(self.on),
            refused=refused,
            witness=self.witness.text() if refused else "",
        )


class VoidNoticeDialog(FormDialog):
    """作废 with a reason, confirmed: the number is never given again."""

    def __init__(self, parent: QWidget | None, ledger: Ledger, notice: NoticeView) -> None:
        super().__init__(parent, f"作废文书 — {notice.number}")
        self.ledger, self.notice = ledger, notice
        self.result_: VoidResult | None = None
        note = QLabel(
            "作废后文号保留、不再使用，文书仍留在记录中。"
            + (
                "尚未整改的隐患将撤回交办、回到待交办，可另行下发通知书。"
                if notice.kind == "rectification"
                else ""
            )
        )
        note.setWordWrap(True)
        self.add_row("", note)
        self.reason = self.add_row("作废原因*", text_area(), "reason")

    def try_accept(self) -> None:
        """Ask once the reason is there; a declined confirmation leaves the dialog open."""
        if self.reason.toPlainText().strip() and not self.confirmed():
            return
        super().try_accept()

    def confirmed(self) -> bool:
        answer = QMessageBox.question(
            self,
            "确认作废",
            f"确定作废 {self.notice.number}？此操作不能撤销。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def save(self) -> None:
        if not self.reason.toPlainText().strip():
            raise ValidationError("请填写作废原因。", field="reason")
        self.result_ = void_notice(
            self.ledger, self.notice.number, reason=self.reason.toPlainText()
        )


def void_summary(number: str, result: VoidResult) -> str:
    """What voiding did, in a sentence or two."""
    text = f"已作废 {number}（文号保留，不再使用）。"
    if result.withdrawn:
        text += f"\n撤回交办、回到待交办的隐患：{'、'.join(result.withdrawn)}。"
    if result.kept:
        text += f"\n已整改或已复查、保持原状的隐患：{'、'.join(result.kept)}。"
    return text


class ReviewDialog(FormDialog):
    """出具整改复查意见书 for a 整改通知书 whose hazards have all been verified."""

    def __init__(self, parent: QWidget | None, ledger: Ledger, notice: NoticeView) -> None:
        super().__init__(parent, f"出具整改复查意见书 — {notice.number}")
        self.ledger, self.notice = ledger, notice
        self.number = ""
        self.add_row("整改通知书", QLabel(f"{notice.number}（{notice.unit}）"))
        note = QLabel("复查意见书列出通知书中每条隐患的复查结论；不合格的隐患附新的整改期限。")
        note.setWordWrap(True)
        self.add_row("", note)
        self.on = self.add_row("下发日期", date_edit(ledger.today()), "issued_on")

    def save(self) -> None:
        self.number = review_notice(
            self.ledger,
            self.notice.number,
            issued_on=date_of(self.on),
            preflight=preflight(self.ledger),
        )
