"""Notices in the window: issued from the ledger's selection, then found, served, voided,
reviewed and reprinted from the 文书 tab. Checked in the services and in the PDF text."""

import datetime as dt

from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox

from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.services import hazards
from hazard_ledger.services.hazard_queries import list_hazards, show_hazard
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.notices import get_notice, issue_notice, list_notices
from hazard_ledger.ui.dialogs.form import FormDialog
from hazard_ledger.ui.dialogs.issue_notice import IssueNoticeDialog, plan_notice
from hazard_ledger.ui.dialogs.notice_steps import ReviewDialog, ServeDialog, VoidNoticeDialog
from hazard_ledger.ui.dialogs.pdf_preview import PdfPreviewDialog
from hazard_ledger.ui.main_window import MainWindow
from tests.ui.conftest import answer

D = dt.date
FIRST = "（罗）应消整改〔2026〕1号"


def ok(dialog: FormDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def select_rows(window: MainWindow, codes: list[str], current: str) -> None:
    """Ctrl-click ``codes`` in the ledger table, ``current`` last."""
    window.table.clearSelection()
    selection = window.table.selectionModel()
    for code in [*[c for c in codes if c != current], current]:
        row = next(i for i, r in enumerate(window.model.rows) if r.code == code)
        selection.setCurrentIndex(
            window.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def pdf_text(dialog: PdfPreviewDialog) -> str:
    """The document's text without line breaks or spaces (a number may wrap)."""
    return "".join("".join(page.extract_text().split()) for page in PdfReader(dialog.pdf).pages)


def wait_preview(qtbot, holder) -> PdfPreviewDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: holder.last_preview is not None and holder.last_preview.isVisible(),
        timeout=10000,
    )
    return holder.last_preview


def test_issue_from_a_selection_across_units_and_states(
    app, qtbot, waiting: Ledger, messages
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(waiting)
    qtbot.addWidget(window)
    window.show()
    # Two 待交办 of 鑫源五金厂, one 待交办 of 老街小吃店, one already 整改中.
    select_rows(
        window,
        ["LY-2026-0004", "LY-2026-0005", "LY-2026-0002", "LY-2026-0001"],
        current="LY-2026-0004",
    )
    assert window.detail.detail is not None and window.detail.detail.code == "LY-2026-0004"
    assert len(window.selected_rows()) == 4
    assert window.actions_by_name["notice"].isEnabled()
    seen: dict[str, object] = {}

    def fill(dialog: IssueNoticeDialog) -> None:
        seen["notes"] = dialog.findChild(QLabel, "selection_notes").text()
        seen["checked"] = [h.code for h in dialog.hazards.checked()]
        seen["offered"] = [h.code for h in dialog.hazards.hazards]
        seen["responsible"] = dialog.responsible.text()
        dialog.due.by_days.setChecked(True)
        dialog.due.days.setValue(10)
        dialog.requirement.setPlainText("限期整改到位")
        dialog.inspectors.setText("张建华、李晓峰")
        dialog.place.setText("生产车间、仓库")
        ok(dialog)

    answer(fill)
    window.actions_by_name["notice"].trigger()
    notes = str(seen["notes"])
    assert "LY-2026-0001" in notes and "不是“待交办”" in notes
    assert "老街小吃店" in notes and "另行下发" in notes
    assert seen["checked"] == ["LY-2026-0004", "LY-2026-0005"]
    assert seen["offered"] == ["LY-2026-0004", "LY-2026-0005"]  # 鑫源五金厂's 待交办 only
    assert seen["responsible"] == "张国强"  # the unit's contact
    # In the services: one notice, both hazards assigned by it, nothing else touched.
    notice = get_notice(waiting, FIRST)
    assert [line.code for line in notice.lines] == ["LY-2026-0004", "LY-2026-0005"]
    assert notice.inspectors == "张建华、李晓峰" and notice.inspected_place == "生产车间、仓库"
    for code in ("LY-2026-0004", "LY-2026-0005"):
        hazard = show_hazard(waiting, code)
        assert hazard.status is HazardStatus.ASSIGNED and hazard.responsible == "张国强"
        assert hazard.deadline == D(2026, 11, 28) and hazard.requirement == "限期整改到位"
    assert show_hazard(waiting, "LY-2026-0002").status is HazardStatus.DISCOVERED
    # The window shows the new state and the new notice's preview.
    preview = wait_preview(qtbot, window)
    assert FIRST in pdf_text(preview) and "车间砂轮机无防护罩" in pdf_text(preview)
    assert "整改中 3" in window.counts.text()
    preview.reject()
    assert not messages
    window.close()


def test_errors_appear_beside_the_fields_and_nothing_is_saved(app, waiting: Ledger) -> None:  # type: ignore[no-untyped-def]
    rows = {r.code: r for r in list_hazards(waiting)}
    plan = plan_notice(waiting, [rows["LY-2026-0002"]], rows["LY-2026-0002"])
    assert plan is not None and plan.unit.name == "老街小吃店" and not plan.notes
    dialog = IssueNoticeDialog(None, waiting, plan)
    assert dialog.responsible.text() == ""  # 老街小吃店 has no contact
    dialog.hazards.check_all(False)
    ok(dialog)
    assert "请选择" in dialog.error_text("hazards")
    dialog.hazards.set_checked("LY-2026-0002", True)
    dialog.due.deadline.setDate(D(2026, 11, 10))  # before the issue date
    ok(dialog)
    assert "整改期限" in dialog.error_text("deadline") and dialog.error_text("hazards") == ""
    dialog.due.deadline.setDate(D(2026, 11, 25))
    ok(dialog)
    assert "整改责任人" in dialog.error_text("responsible")
    dialog.responsible.setText("陈志强")
    dialog.inspected_on.setDate(D(2026, 11, 19))  # after the issue date (today)
    ok(dialog)
    assert "检查日期" in dialog.error_text("inspected_on")
    dialog.inspected_on.setDate(D(2026, 11, 5))
    dialog.due.by_days.setChecked(True)
    dialog.due.days.setValue(0)
    dialog.issued_on.setDate(D(2026, 11, 19))  # tomorrow
    ok(dialog)
    assert "下发日期" in dialog.error_text("issued_on")
    assert dialog.result() == 0 and dialog.number == ""
    assert list_notices(waiting) == []
    assert show_hazard(waiting, "LY-2026-0002").status is HazardStatus.DISCOVERED
    dialog.issued_on.setDate(D(2026, 11, 18))
    ok(dialog)
    assert dialog.number == FIRST and show_hazard(waiting, "LY-2026-0002").deadline == D(
        2026, 11, 18
    )


def test_a_character_the_font_lacks_refuses_the_issue(app, waiting: Ledger, messages) -> None:  # type: ignore[no-untyped-def]
    code = hazards.record_hazard(
        waiting,
        hazards.NewHazard(unit="鑫源五金厂", description="䶮字招牌松动", found_on=D(2026, 11, 12)),
    )
    rows = {r.code: r for r in list_hazards(waiting)}
    plan = plan_notice(waiting, [rows[code]], rows[code])
    assert plan is not None
    dialog = IssueNoticeDialog(None, waiting, plan)
    dialog.hazards.check_all(False)
    dialog.hazards.set_checked(code, True)
    ok(dialog)
    assert messages and "䶮" in messages[0][1]
    assert (
        list_notices(waiting) == [] and show_hazard(waiting, code).status is HazardStatus.DISCOVERED
    )


def test_a_unit_with_nothing_waiting_is_told_so(app, qtbot, filled: Ledger, messages) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(filled)
    qtbot.addWidget(window)
    select_rows(window, ["LY-2026-0001"], current="LY-2026-0001")
    window.actions_by_name["notice"].trigger()
    assert messages[0][0] == "information"
    assert "鑫源五金厂" in messages[0][1] and "没有待交办" in messages[0][1]
    assert list_notices(filled) == []
    window.table.clearSelection()
    assert not window.actions_by_name["notice"].isEnabled()
    window.close()


def issue_two(ledger: Ledger) -> tuple[str, str]:
    first = issue_notice(
        ledger, unit="鑫源五金厂", codes=["LY-2026-0004", "LY-2026-0005"], deadline=D(2026, 11, 30)
    )
    second = issue_notice(
        ledger,
        unit="老街小吃店",
        codes=["LY-2026-0002"],
        deadline=D(2026, 11, 25),
        responsible="陈志强",
    )
    return first, second


def notices_window(qtbot, ledger: Ledger) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ledger)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.notices_tab)
    return window


def test_the_notices_tab_lists_and_searches(app, qtbot, waiting: Ledger) -> None:  # type: ignore[no-untyped-def]
    first, second = issue_two(waiting)
    window = notices_window(qtbot, waiting)
    tab = window.notices_tab
    assert [n.number for n in tab.model.notices] == [second, first]
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "文书"
    tab.search.setText("小吃")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=3000)
    assert tab.model.notices[0].number == second
    tab.search.setText("〔2026〕1号")
    qtbot.waitUntil(lambda: tab.model.notices[0].number == first, timeout=3000)
    assert tab.model.rowCount() == 1
    tab.select(first)
    assert "车间砂轮机无防护罩" in tab.detail.toPlainText()
    tab.search.setText("没有这个单位")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=3000)
    assert not tab.buttons["preview"].isEnabled()
    window.close()


def test_serve_refuse_and_void_from_the_tab(
    app, qtbot, waiting: Ledger, monkeypatch, messages
) -> None:  # type: ignore[no-untyped-def]
    first, second = issue_two(waiting)
    window = notices_window(qtbot, waiting)
    tab = window.notices_tab
    tab.select(first)

    def serve(dialog: ServeDialog) -> None:
        ok(dialog)  # nobody named
        assert "签收人" in dialog.error_text("to")
        dialog.to.setText("张国强")
        ok(dialog)

    answer(serve)
    tab.buttons["serve"].click()
    served = get_notice(waiting, first)
    assert (served.served_to, served.served_on, served.refused) == (
        "张国强",
        D(2026, 11, 18),
        False,
    )
    assert tab.model.data(tab.model.index(tab.model.row_of(first), 5)) == "2026-11-18 张国强"
    assert not tab.buttons["serve"].isEnabled()  # served once

    tab.select(second)

    def refuse(dialog: ServeDialog) -> None:
        dialog.refused.setChecked(True)
        ok(dialog)
        assert "见证人" in dialog.error_text("witness")
        dialog.witness.setText("王村长")
        ok(dialog)

    answer(refuse)
    tab.buttons["serve"].click()
    assert get_notice(waiting, second).refused and get_notice(waiting, second).witness == "王村长"
    assert "拒收（见证人 王村长）" in tab.model.data(tab.model.index(tab.model.row_of(second), 5))

    window.tabs.setCurrentIndex(0)
    assert show_hazard(waiting, "LY-2026-0002").status is HazardStatus.ASSIGNED
    window.tabs.setCurrentWidget(tab)
    tab.select(second)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: answers.pop(0))

    def void(dialog: VoidNoticeDialog) -> None:
        ok(dialog)
        assert "作废原因" in dialog.error_text("reason")
        dialog.reason.setPlainText("单位名称有误")
        ok(dialog)  # declined: still open, nothing saved
        assert dialog.isVisible() and get_notice(waiting, second).status == "issued"
        ok(dialog)

    answer(void)
    tab.buttons["void"].click()
    voided = get_notice(waiting, second)
    assert voided.status == "voided" and voided.void_reason == "单位名称有误"
    row = tab.model.row_of(second)
    assert tab.model.data(tab.model.index(row, 6)) == "已作废"
    assert tab.model.data(tab.model.index(row, 6), Qt.ItemDataRole.ToolTipRole) == (
        "作废原因：单位名称有误"
    )
    assert "LY-2026-0002" in messages[-1][1] and "撤回交办" in messages[-1][1]
    # The 交办 it made is withdrawn; the ledger tab shows that when it is looked at again.
    assert show_hazard(waiting, "LY-2026-0002").status is HazardStatus.DISCOVERED
    assert window.ledger_stale
    window.tabs.setCurrentIndex(0)
    assert not window.ledger_stale and "待交办 1" in window.counts.text()
    window.close()


def test_review_is_refused_until_verified_then_previewed(
    app, qtbot, waiting: Ledger, messages
) -> None:  # type: ignore[no-untyped-def]
    first, _second = issue_two(waiting)
    window = notices_window(qtbot, waiting)
    tab = window.notices_tab
    tab.select(first)

    def refused(dialog: ReviewDialog) -> None:
        ok(dialog)  # refused by the service: the message, and the dialog stays open
        assert dialog.isVisible()
        dialog.reject()

    answer(refused)
    tab.buttons["review"].click()
    assert "尚未复查" in messages[-1][1] and "LY-2026-0004" in messages[-1][1]
    assert len(list_notices(waiting)) == 2
    for code, passed in (("LY-2026-0004", True), ("LY-2026-0005", False)):
        hazards.rectify_hazard(waiting, code, measures="已整改", done_on=D(2026, 11, 18))
        hazards.verify_hazard(
            waiting,
            code,
            by="李晓峰",
            passed=passed,
            new_deadline=None if passed else D(2026, 12, 5),
            on=D(2026, 11, 18),
        )

    def issue_review(dialog: ReviewDialog) -> None:
        ok(dialog)

    tab.select(first)
    answer(issue_review)
    tab.buttons["review"].click()
    review = "（罗）应消复查〔2026〕1号"
    preview = wait_preview(qtbot, tab)
    text = pdf_text(preview)
    assert review in text and first in text and "2026年12月5日" in text
    assert tab.selected() is not None and tab.selected().number == review
    assert not tab.buttons["review"].isEnabled()  # a review is not reviewed
    preview.reject()
    window.close()


def test_a_reprint_is_the_same_document(app, qtbot, waiting: Ledger) -> None:  # type: ignore[no-untyped-def]
    first, _second = issue_two(waiting)
    window = notices_window(qtbot, waiting)
    tab = window.notices_tab
    tab.select(first)
    tab.table.doubleClicked.emit(tab.model.index(tab.model.row_of(first), 0))
    preview = wait_preview(qtbot, tab)
    printed = pdf_text(preview)
    preview.reject()
    hazards.rectify_hazard(waiting, "LY-2026-0004", measures="已整改", done_on=D(2026, 11, 18))
    tab.select(first)
    tab.last_preview = None
    tab.buttons["preview"].click()
    again = wait_preview(qtbot, tab)
    assert pdf_text(again) == printed and first in printed
    again.reject()
    tab.buttons["receipt"].click()
    receipt = wait_preview(qtbot, tab)
    assert "送达回证" in pdf_text(receipt) and first in pdf_text(receipt)
    receipt.reject()
    window.close()
