"""挂牌督办 and 延期 in the window: the 挂牌督办 menu and the 延期 steps driven as a person would,
each checked through the services; the guards visible as disabled actions with a reason."""

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.domain.supervision import SupervisionStatus
from hazard_ledger.services.hazard_queries import show_hazard
from hazard_ledger.services.supervision import get_supervision
from hazard_ledger.ui.dialogs.extension import DecideExtensionDialog, RequestExtensionDialog
from hazard_ledger.ui.dialogs.form import FormDialog
from hazard_ledger.ui.dialogs.supervision_steps import (
    AcceptanceDialog,
    ExtendSupervisionDialog,
    ListHazardDialog,
    PlanDialog,
    ProgressDialog,
)
from hazard_ledger.ui.hazard_steps import GENERAL_NOT_LISTED
from hazard_ledger.ui.main_window import MainWindow
from tests.conftest import make_photo
from tests.ui.conftest import answer

MAJOR = "LY-2026-0002"  # 重大, 待交办
OVERDUE = "LY-2026-0001"  # 一般, 整改中, deadline 2026-11-10


def ok(dialog: FormDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def select(window: MainWindow, code: str) -> None:
    window.open_hazard(code)
    assert window.detail.detail is not None and window.detail.detail.code == code


def run(window: MainWindow, name: str, fill) -> None:  # type: ignore[no-untyped-def]
    """Trigger the step ``name`` and fill its dialog with ``fill``."""
    seen: list[type] = []

    def fill_and_record(dialog: FormDialog) -> None:
        seen.append(type(dialog))
        fill(dialog)

    answer(fill_and_record)
    window.actions_by_name[name].trigger()
    assert seen, f"{name} opened no dialog"


def fill_listing(dialog: ListHazardDialog) -> None:
    dialog.level.setCurrentText("县级")
    dialog.authority.setText("泰顺县安委会")
    dialog.supervisor.setText("县应急管理局")
    dialog.doc_no.setText("泰安委〔2026〕8号")
    dialog.deadline.deadline.setDate(QDate(2027, 1, 31))
    ok(dialog)


def fill_plan(dialog: PlanDialog) -> None:
    dialog.responsibility.setText("老街小吃店 陈志强")
    dialog.measures.setPlainText("更换灭火器并建立月检制度")
    dialog.funds.setText("1200")
    dialog.deadline.setDate(QDate(2026, 12, 31))
    dialog.contingency.setPlainText("配备备用灭火器，落实专人看护")
    ok(dialog)


def test_listing_is_offered_for_major_hazards_only(window: MainWindow) -> None:
    actions = window.actions_by_name
    select(window, OVERDUE)  # 一般
    assert not actions["list"].isEnabled()
    assert actions["list"].toolTip() == GENERAL_NOT_LISTED
    assert window.supervision_button.toolTip() == GENERAL_NOT_LISTED
    assert not any(actions[n].isEnabled() for n in ("plan", "progress", "apply", "delist"))
    select(window, MAJOR)
    assert actions["list"].isEnabled()
    assert "挂牌督办" in window.supervision_button.toolTip()


def test_a_listed_hazard_goes_through_its_supervision_to_delisting(
    window: MainWindow, tmp_path: Path
) -> None:
    ledger, actions = window.ledger, window.actions_by_name
    select(window, MAJOR)
    run(window, "list", fill_listing)
    view = get_supervision(ledger, MAJOR)
    assert view is not None and view.status is SupervisionStatus.LISTED
    assert (view.doc_no, view.level, view.deadline) == (
        "泰安委〔2026〕8号",
        "县级",
        dt.date(2027, 1, 31),
    )
    # Listed: the ordinary 作废 is not offered, and says why; 挂牌督办 is not offered twice.
    assert not actions["void"].isEnabled() and "先销号" in actions["void"].toolTip()
    assert not actions["list"].isEnabled() and actions["plan"].isEnabled()
    row = next(i for i, r in enumerate(window.model.rows) if r.code == MAJOR)
    badge = window.model.data(window.model.index(row, 0), Qt.ItemDataRole.DecorationRole)
    assert badge is not None and not badge.isNull()
    assert (
        "督" in window.detail.toPlainText() and "泰安委〔2026〕8号" in window.detail.toPlainText()
    )

    run(window, "plan", fill_plan)
    assigned = show_hazard(ledger, MAJOR)
    assert assigned.status is HazardStatus.ASSIGNED and assigned.deadline == dt.date(2026, 12, 31)
    assert assigned.supervision is not None and assigned.supervision.plan_funds_fen == 120000
    # Being fixed under supervision: 整改完成, 延期 go through the supervision instead.
    assert not actions["rectify"].isEnabled() and "申请验收" in actions["rectify"].toolTip()
    assert not actions["extension_request"].isEnabled()
    assert "督办延期" in actions["extension_request"].toolTip()

    photo = make_photo(tmp_path / "进展.jpg")

    def fill_progress(dialog: ProgressDialog) -> None:
        dialog.note.setPlainText("新灭火器已到货")
        dialog.photos.add_files([photo])
        ok(dialog)

    run(window, "progress", fill_progress)

    def fill_extend(dialog: ExtendSupervisionDialog) -> None:
        dialog.to.setDate(QDate(2027, 2, 28))
        dialog.reason.setPlainText("春节停工")
        ok(dialog)

    run(window, "extend", fill_extend)
    run(window, "apply", ok)
    assert show_hazard(ledger, MAJOR).status is HazardStatus.RECTIFIED
    assert not actions["verify"].isEnabled() and "验收" in actions["verify"].toolTip()

    def reject(dialog: AcceptanceDialog) -> None:
        assert dialog.by.text() == "县应急管理局"  # the supervising department by default
        dialog.failed.setChecked(True)
        dialog.opinion.setPlainText("月检制度未建立")
        ok(dialog)

    run(window, "accept", reject)
    assert show_hazard(ledger, MAJOR).status is HazardStatus.ASSIGNED
    assert get_supervision(ledger, MAJOR).status is SupervisionStatus.PLANNED  # type: ignore[union-attr]
    run(window, "apply", ok)
    run(window, "accept", ok)
    assert get_supervision(ledger, MAJOR).status is SupervisionStatus.ACCEPTED  # type: ignore[union-attr]
    assert [n for n in ("plan", "progress", "apply", "accept") if actions[n].isEnabled()] == []
    run(window, "delist", ok)
    closed = show_hazard(ledger, MAJOR)
    assert closed.status is HazardStatus.VERIFIED and closed.supervision is not None
    assert closed.supervision.status is SupervisionStatus.DELISTED
    assert closed.supervision.deadline == dt.date(2027, 2, 28)
    assert [p.note for p in closed.supervision.progress] == ["新灭火器已到货"]
    shown = window.detail.toPlainText()
    assert "已销号" in shown and "新灭火器已到货" in shown and "月检制度未建立" in shown
    # The report's photo shows once, under the report (not again among the hazard's photos).
    assert window.detail.toHtml().count(str(closed.photos[0].thumbnail)) == 1


def test_supervision_errors_appear_beside_the_field_and_nothing_is_saved(
    window: MainWindow,
) -> None:
    ledger = window.ledger
    detail = show_hazard(ledger, MAJOR)
    dialog = ListHazardDialog(window, ledger, detail)
    dialog.authority.setText("泰顺县安委会")
    ok(dialog)
    assert "挂牌文号" in dialog.error_text("doc_no")
    assert get_supervision(ledger, MAJOR) is None
    fill_listing(dialog)
    listed = show_hazard(ledger, MAJOR)
    plan = PlanDialog(window, ledger, listed, listed.supervision)  # type: ignore[arg-type]
    plan.responsibility.setText("陈志强")
    plan.measures.setPlainText("更换灭火器")
    plan.contingency.setPlainText("专人看护")
    ok(plan)
    assert "整改资金" in plan.error_text("funds")
    plan.funds.setText("-5")
    ok(plan)
    assert plan.error_text("funds")
    assert get_supervision(ledger, MAJOR).status is SupervisionStatus.LISTED  # type: ignore[union-attr]
    assert show_hazard(ledger, MAJOR).status is HazardStatus.DISCOVERED
    progress = ProgressDialog(window, ledger, listed, listed.supervision)  # type: ignore[arg-type]
    ok(progress)
    assert "进展情况" in progress.error_text("note")
    # Steps out of order are not offered, and the window says when they will be.
    select(window, MAJOR)
    actions = window.actions_by_name
    assert not actions["delist"].isEnabled() and "“验收通过”时" in actions["delist"].toolTip()
    assert not actions["apply"].isEnabled() and "五落实已登记" in actions["apply"].toolTip()


def test_an_extension_is_requested_then_refused_then_approved(window: MainWindow) -> None:
    ledger, actions = window.ledger, window.actions_by_name
    select(window, OVERDUE)
    assert actions["extension_request"].isEnabled() and not actions["extension_decide"].isEnabled()
    assert "没有待审批" in actions["extension_decide"].toolTip()

    def too_early(dialog: RequestExtensionDialog) -> None:
        dialog.to.setDate(QDate(2026, 11, 9))
        dialog.reason.setPlainText("配件缺货")
        ok(dialog)
        assert "应晚于" in dialog.error_text("to")
        dialog.to.setDate(QDate(2026, 12, 1))
        ok(dialog)

    run(window, "extension_request", too_early)
    pending = show_hazard(ledger, OVERDUE)
    assert pending.extension_to == dt.date(2026, 12, 1)
    assert pending.deadline == dt.date(2026, 11, 10)  # unchanged until approved
    text = window.detail.toPlainText()
    assert "延期申请（待审批）" in text and "2026-12-01" in text and "配件缺货" in text
    assert not actions["extension_request"].isEnabled() and actions["extension_decide"].isEnabled()

    def refuse(dialog: DecideExtensionDialog) -> None:
        assert dialog.by.text() == "测试员"  # the operator by default
        dialog.refuse.setChecked(True)
        dialog.opinion.setPlainText("理由不充分")
        ok(dialog)

    run(window, "extension_decide", refuse)
    refused = show_hazard(ledger, OVERDUE)
    assert refused.deadline == dt.date(2026, 11, 10) and refused.extension_to is None
    assert "延期申请（待审批）" not in window.detail.toPlainText()

    def request(dialog: RequestExtensionDialog) -> None:
        dialog.to.setDate(QDate(2026, 12, 5))
        dialog.reason.setPlainText("配件已订货")
        ok(dialog)

    run(window, "extension_request", request)

    def approve(dialog: DecideExtensionDialog) -> None:
        dialog.by.setText("站长 王建国")
        ok(dialog)

    run(window, "extension_decide", approve)
    approved = show_hazard(ledger, OVERDUE)
    assert approved.deadline == dt.date(2026, 12, 5) and approved.overdue_days == 0
    assert [e.label for e in approved.history][-4:] == [
        "申请延期",
        "不批准延期",
        "申请延期",
        "批准延期",
    ]
    history = window.detail.toPlainText()
    assert "审批人：测试员" in history and "意见：理由不充分" in history
    assert "审批人：站长 王建国" in history and "期限：2026-12-05" in history


def test_a_decision_needs_the_approver(window: MainWindow) -> None:
    ledger = window.ledger
    select(window, OVERDUE)
    run(window, "extension_request", lambda d: (d.reason.setPlainText("缺货"), ok(d)))
    dialog = DecideExtensionDialog(window, ledger, show_hazard(ledger, OVERDUE))
    ok(dialog)
    assert "审批人" in dialog.error_text("by")
    assert show_hazard(ledger, OVERDUE).extension_to is not None  # still pending
