"""挂牌督办 of a 重大事故隐患 as dialogs: 挂牌, 登记五落实, 整改进展, 督办延期, 申请验收,
验收 (通过/不通过), 销号. The window offers each only when the supervision's transition table
(domain.supervision) allows it; the services refuse anything else with a sentence."""

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.domain.supervision import LISTING_LEVELS
from hazard_ledger.domain.validation import format_yuan, parse_yuan
from hazard_ledger.services import supervision as service
from hazard_ledger.services.calendar import load_calendar
from hazard_ledger.services.dto import HazardDetail, SupervisionView
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.stations import get_local_station
from hazard_ledger.ui.dialogs.form import FormDialog
from hazard_ledger.ui.widgets import (
    DeadlineChooser,
    PhotoList,
    date_edit,
    date_of,
    radio_pair,
    text_area,
)


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("step_note")
    label.setStyleSheet("color: #475467;")
    label.setWordWrap(True)
    return label


class _SupervisionDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        ledger: Ledger,
        hazard: HazardDetail,
        supervision: SupervisionView | None,
        title: str,
        explanation: str = "",
    ) -> None:
        super().__init__(parent, f"{title} — {hazard.code}")
        self.ledger, self.hazard, self.supervision = ledger, hazard, supervision
        self.add_row("单位", QLabel(hazard.unit))
        description = QLabel(hazard.description)
        description.setWordWrap(True)
        self.add_row("隐患描述", description)
        if supervision is not None:
            self.add_row("挂牌文号", QLabel(f"{supervision.doc_no}（{supervision.level}）"))
        if explanation:
            self.body.insertWidget(1, note(explanation))

    @property
    def listed(self) -> SupervisionView:
        assert self.supervision is not None, "the step needs a listed hazard"
        return self.supervision


class ListHazardDialog(_SupervisionDialog):
    """挂牌督办: level, listing authority, supervising department, 文号, listed on, deadline."""

    def __init__(self, parent: QWidget | None, ledger: Ledger, hazard: HazardDetail) -> None:
        super().__init__(
            parent,
            ledger,
            hazard,
            None,
            "挂牌督办",
            "挂牌后，隐患的整改完成、复查和作废改由挂牌督办办理：登记五落实、申请验收、"
            "验收通过后销号闭环。",
        )
        station = get_local_station(ledger)
        county = station.county if station else ""
        self.level = self.add_row("挂牌级别*", QComboBox(), "level")
        self.level.addItems(list(LISTING_LEVELS))
        self.authority = self.add_row("挂牌单位*", QLineEdit(), "authority")
        self.authority.setPlaceholderText(f"如：{county or '某某县'}安全生产委员会")
        self.supervisor = self.add_row("督办单位", QLineEdit(), "supervisor")
        self.supervisor.setPlaceholderText(f"如：{county or '某某县'}应急管理局")
        self.doc_no = self.add_row("挂牌文号*", QLineEdit(), "doc_no")
        self.listed_on = self.add_row("挂牌日期", date_edit(ledger.today()), "listed_on")
        self.deadline = self.add_row(
            "督办期限*",
            DeadlineChooser(self.listed_on, load_calendar(ledger), default_days=90),
            "deadline",
        )
        self.errors["within"] = self.errors["deadline"]

    def save(self) -> None:
        service.list_hazard(
            self.ledger,
            self.hazard.code,
            level=self.level.currentText(),
            authority=self.authority.text(),
            supervisor=self.supervisor.text(),
            doc_no=self.doc_no.text(),
            listed_on=date_of(self.listed_on),
            deadline=self.deadline.chosen(),
        )


class PlanDialog(_SupervisionDialog):
    """登记五落实: 责任、措施、资金、时限、预案, each required; a registered plan can be amended."""

    def __init__(
        self,
        parent: QWidget | None,
        ledger: Ledger,
        hazard: HazardDetail,
        supervision: SupervisionView,
    ) -> None:
        amend = bool(supervision.plan_measures)
        super().__init__(
            parent,
            ledger,
            hazard,
            supervision,
            "修改五落实" if amend else "登记五落实",
            "尚未交办的隐患，登记五落实即为交办（责任人、时限取自方案）。" if not amend else "",
        )
        s = supervision
        self.responsibility = self.add_row(
            "责任（单位和人员）*", QLineEdit(s.plan_responsibility or hazard.unit), "responsibility"
        )
        self.measures = self.add_row(
            "整改措施*", text_area(s.plan_measures or hazard.requirement), "measures"
        )
        funds = format_yuan(s.plan_funds_fen)
        self.funds = self.add_row("整改资金(元)*", QLineEdit(funds), "funds")
        self.deadline = self.add_row(
            "整改时限*", date_edit(s.plan_deadline or s.deadline), "deadline"
        )
        self.contingency = self.add_row("应急预案*", text_area(s.plan_contingency), "contingency")

    def save(self) -> None:
        funds = self.funds.text().strip()
        if not funds:
            raise ValidationError("请填写整改资金（元）。", field="funds")
        service.register_plan(
            self.ledger,
            self.hazard.code,
            responsibility=self.responsibility.text(),
            measures=self.measures.toPlainText(),
            funds_fen=parse_yuan(funds),
            deadline=date_of(self.deadline),
            contingency=self.contingency.toPlainText(),
        )


class ProgressDialog(_SupervisionDialog):
    """整改进展: a dated note with photos."""

    def __init__(
        self,
        parent: QWidget | None,
        ledger: Ledger,
        hazard: HazardDetail,
        supervision: SupervisionView,
    ) -> None:
        super().__init__(parent, ledger, hazard, supervision, "登记整改进展")
        self.note = self.add_row("进展情况*", text_area(height=90), "note")
        self.on = self.add_row("日期", date_edit(ledger.today()), "on")
        self.photos = self.add_row("现场照片", PhotoList(), "photo")

    def save(self) -> None:
        service.report_progress(
            self.ledger,
            self.hazard.code,
            note=self.note.toPlainText(),
            on=date_of(self.on),
            photos=self.photos.paths(),
        )


class ExtendSupervisionDialog(_SupervisionDialog):
    """督办延期, as granted by the listing authority: the new deadline and the reason."""

    def __init__(
        self,
        parent: QWidget | None,
        ledger: Ledger,
        hazard: HazardDetail,
        supervision: SupervisionView,
    ) -> None:
        super().__init__(
            parent,
            ledger,
            hazard,
            supervision,
            "督办延期",
            f"登记{supervision.authority}同意的延期；督办期限随之改为新的日期。",
        )
        self.add_row("现督办期限", QLabel(supervision.deadline.isoformat()))
        self.to = self.add_row(
            "延至*", date_edit(supervision.deadline + dt.timedelta(days=30)), "to"
        )
        self.reason = self.add_row("延期理由*", text_area(), "reason")

    def save(self) -> None:
        service.extend_supervision(
            self.ledger, self.hazard.code, to=date_of(self.to), reason=self.reason.toPlainText()
        )


class ApplyAcceptanceDialog(_SupervisionDialog):
    """申请验收: the unit reports the fix done (the hazard's 整改完成)."""

    def __init__(
        self,
        parent: QWidget | None,
        ledger: Ledger,
        hazard: HazardDetail,
        supervision: SupervisionView,
    ) -> None:
        super().__init__(
            parent,
            ledger,
            hazard,
            supervision,
            "申请验收",
            "申请验收即登记整改完成（措施、资金取自五落实），隐患转为待复查，"
            f"由{supervision.supervisor or supervision.authority}验收。",
        )
        measures = QLabel(supervision.plan_measures)
        measures.setWordWrap(True)
        self.add_row("整改措施", measures)
        self.on = self.add_row("申请日期", date_edit(ledger.today()), "on")

    def save(self) -> None:
        service.apply_acceptance(self.ledger, self.hazard.code, on=date_of(self.on))


class AcceptanceDialog(_SupervisionDialog):
    """验收: 通过 (then 销号), or 不通过 (the hazard goes back to 整改中)."""

    def __init__(
        self,
        parent: QWidget | None,
        ledger: Ledger,
        hazard: HazardDetail,
        supervision: SupervisionView,
    ) -> None:
        super().__init__(parent, ledger, hazard, supervision, "验收")
        applied = supervision.applied_on
        self.add_row("申请日期", QLabel(applied.isoformat() if applied else ""))
        row, self.passed, self.failed = radio_pair("通过", "不通过（退回整改）")
        self.add_row("验收结论", row)
        by = supervision.supervisor or supervision.authority
        self.by = self.add_row("验收人（单位）*", QLineEdit(by), "by")
        self.on = self.add_row("验收日期", date_edit(ledger.today()), "on")
        self.opinion = self.add_row("验收意见", text_area(), "opinion")

    def save(self) -> None:
        service.decide_acceptance(
            self.ledger,
            self.hazard.code,
            passed=self.passed.isChecked(),
            by=self.by.text(),
            on=date_of(self.on),
            opinion=self.opinion.toPlainText(),
        )


class DelistDialog(_SupervisionDialog):
    """销号: the supervision ends and the hazard's loop closes (已闭环)."""

    def __init__(
        self,
        parent: QWidget | None,
        ledger: Ledger,
        hazard: HazardDetail,
        supervision: SupervisionView,
    ) -> None:
        accepted = supervision.accepted_on.isoformat() if supervision.accepted_on else ""
        super().__init__(
            parent,
            ledger,
            hazard,
            supervision,
            "销号",
            f"{supervision.accepted_by} 已于 {accepted} 验收通过。销号后隐患闭环（已闭环），"
            "不能再修改。",
        )
        self.on = self.add_row("销号日期", date_edit(ledger.today()), "on")

    def save(self) -> None:
        service.delist(self.ledger, self.hazard.code, on=date_of(self.on))
