"""The main window and its dialogs, driven as a person would, checked in the database."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.services.hazard_queries import list_hazards, show_hazard
from hazard_ledger.services.units import list_units
from hazard_ledger.ui.dialogs.form import FormDialog
from hazard_ledger.ui.dialogs.hazard_form import HazardDialog
from hazard_ledger.ui.dialogs.steps import AssignDialog, RectifyDialog, VerifyDialog
from hazard_ledger.ui.dialogs.unit_form import UnitDialog
from hazard_ledger.ui.main_window import MainWindow
from tests.conftest import make_photo
from tests.ui.conftest import answer


def ok(dialog: FormDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def select(window: MainWindow, code: str) -> None:
    window.open_hazard(code)
    assert window.detail.detail is not None and window.detail.detail.code == code


def test_the_window_shows_the_ledger(window: MainWindow) -> None:
    assert window.model.rowCount() == 3
    assert "共 3 条" in window.counts.text() and "整改中 1" in window.counts.text()
    assert "罗阳镇应急消防管理站" in window.windowTitle()


def test_only_allowed_steps_are_offered(window: MainWindow) -> None:
    actions = window.actions_by_name
    select(window, "LY-2026-0002")  # discovered
    assert actions["assign"].isEnabled() and not actions["rectify"].isEnabled()
    assert not actions["verify"].isEnabled() and actions["void"].isEnabled()
    select(window, "LY-2026-0003")  # rectified
    assert actions["verify"].isEnabled() and not actions["assign"].isEnabled()
    window.table.clearSelection()
    assert not any(actions[n].isEnabled() for n in ("assign", "rectify", "verify", "void", "edit"))


def test_the_whole_loop_through_the_gui(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    ledger = window.ledger
    photo = make_photo(tmp_path / "现场.jpg")

    def fill_new(dialog: HazardDialog) -> None:
        dialog.unit.setCurrentText("鑫源五金厂")
        dialog.description.setPlainText("车间砂轮机无防护罩")
        dialog.location.setText("机加工车间")
        dialog.photos.add_files([photo])
        ok(dialog)

    answer(fill_new)
    window.actions_by_name["new"].trigger()
    code = "LY-2026-0004"
    assert window.detail.detail is not None and window.detail.detail.code == code
    assert show_hazard(ledger, code).photos[0].path.is_file()

    def fill_assign(dialog: AssignDialog) -> None:
        dialog.responsible.setText("张国强")
        dialog.due.by_days.setChecked(True)
        dialog.due.days.setValue(5)
        dialog.due.working.setChecked(True)
        ok(dialog)

    answer(fill_assign)
    window.actions_by_name["assign"].trigger()
    assigned = show_hazard(ledger, code)
    assert assigned.status is HazardStatus.ASSIGNED and assigned.responsible == "张国强"
    assert assigned.deadline is not None and assigned.deadline.weekday() < 5

    def fill_rectify(dialog: RectifyDialog) -> None:
        dialog.measures.setPlainText("已加装防护罩")
        dialog.funds.setText("300")
        ok(dialog)

    answer(fill_rectify)
    window.actions_by_name["rectify"].trigger()
    assert show_hazard(ledger, code).funds_fen == 30000

    def fill_verify(dialog: VerifyDialog) -> None:
        dialog.by.setText("李晓峰")
        ok(dialog)

    answer(fill_verify)
    window.actions_by_name["verify"].trigger()
    closed = show_hazard(ledger, code)
    assert closed.status is HazardStatus.VERIFIED
    assert [e.kind for e in closed.history] == ["recorded", "assigned", "rectified", "verified"]
    assert "已闭环" in window.detail.toPlainText()


def test_validation_errors_appear_beside_the_field(window: MainWindow, app: QApplication) -> None:
    dialog = HazardDialog(window, window.ledger)
    dialog.unit.setCurrentText("鑫源五金厂")
    ok(dialog)  # no description
    assert dialog.isVisible() or dialog.result() == 0
    assert "隐患描述" in dialog.error_text("description")
    dialog.description.setPlainText("某隐患")
    dialog.unit.setCurrentText("不存在的单位")
    ok(dialog)
    assert "未找到单位" in dialog.error_text("unit") and dialog.error_text("description") == ""
    assert len(list_hazards(window.ledger)) == 3  # nothing half-saved


def test_a_failed_verification_needs_nothing_more_and_returns_the_hazard(
    window: MainWindow,
) -> None:
    select(window, "LY-2026-0003")

    def fail(dialog: VerifyDialog) -> None:
        dialog.by.setText("李晓峰")
        dialog.failed.setChecked(True)
        dialog.opinion.setPlainText("仍有杂物")
        ok(dialog)

    answer(fail)
    window.actions_by_name["verify"].trigger()
    detail = show_hazard(window.ledger, "LY-2026-0003")
    assert detail.status is HazardStatus.ASSIGNED and detail.verification_result == "fail"


def test_void_and_search(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    select(window, "LY-2026-0002")

    def void(dialog: FormDialog) -> None:
        dialog.reason.setPlainText("重复登记")  # type: ignore[attr-defined]
        ok(dialog)

    answer(void)
    window.actions_by_name["void"].trigger()
    assert show_hazard(window.ledger, "LY-2026-0002").status is HazardStatus.VOIDED
    window.filter_bar.search.setText("配电房")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)
    assert window.model.rows[0].code == "LY-2026-0001"
    assert window.detail.detail is None  # the voided hazard is no longer listed, nor shown
    select(window, "LY-2026-0001")
    window.filter_bar.search.setText("配电")
    qtbot.waitUntil(lambda: window.filter_bar.filters().search == "配电", timeout=3000)
    window.filter_bar.emit()
    assert window.detail.detail is not None and window.detail.detail.code == "LY-2026-0001"
    window.filter_bar.search.clear()
    window.filter_bar.overdue.setChecked(True)
    assert [r.code for r in window.model.rows] == ["LY-2026-0001"]


def test_units_register_catches_a_duplicate_credit_code(window: MainWindow) -> None:
    dialog = UnitDialog(window, window.ledger)
    dialog.name.setText("另一个厂")
    dialog.credit_code.setText("91330329MA2C000016")
    ok(dialog)
    assert "已登记为“鑫源五金厂”" in dialog.error_text("credit_code")
    dialog.credit_code.setText("")
    ok(dialog)
    assert dialog.saved is not None
    window.units_tab.refresh()
    assert [u.name for u in window.units_tab.model.units] == [
        u.name for u in list_units(window.ledger)
    ]
    assert window.units_tab.model.rowCount() == 3


def test_overview_counts_and_opens_an_overdue_hazard(window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.overview_tab)
    tab = window.overview_tab
    assert tab.tiles["整改中"].text() == "1" and tab.tiles["重大隐患"].text() == "1"
    assert tab.tiles["整改率"].text() == "0.0%"
    assert tab.overdue.rowCount() == 1 and tab.overdue.item(0, 0).text() == "LY-2026-0001"
    assert tab.chart.rows and sum(r.found for r in tab.chart.rows) == 3
    tab.overdue.cellDoubleClicked.emit(0, 0)
    assert window.tabs.currentIndex() == 0
    assert window.detail.detail is not None and window.detail.detail.code == "LY-2026-0001"


def test_shortcuts(window: MainWindow) -> None:
    actions = window.actions_by_name
    assert actions["new"].shortcut().toString() == "Ctrl+N"
    assert actions["search"].shortcut().toString() == "Ctrl+F"
    assert actions["refresh"].shortcut().toString() == "F5"
    actions["search"].trigger()
    assert window.filter_bar.search.hasFocus() or window.focusWidget() is window.filter_bar.search


def test_column_layout_is_remembered(window: MainWindow, filled) -> None:  # type: ignore[no-untyped-def]
    header = window.table.horizontalHeader()
    header.resizeSection(3, 411)
    window.close()
    again = MainWindow(filled)
    assert again.table.horizontalHeader().sectionSize(3) == 411
    again.close()


def test_edit_dialog_changes_details(window: MainWindow) -> None:
    select(window, "LY-2026-0002")

    def edit(dialog: HazardDialog) -> None:
        assert dialog.description.toPlainText() == "灭火器压力不足"
        dialog.location.setText("收银台旁")
        ok(dialog)

    answer(edit)
    window.actions_by_name["edit"].trigger()
    detail = show_hazard(window.ledger, "LY-2026-0002")
    assert detail.location == "收银台旁" and detail.history[-1].kind == "edited"


def test_photos_show_as_thumbnails_that_open_large(window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtWidgets import QLabel

    from hazard_ledger.services import hazards
    from hazard_ledger.ui.hazard_detail import PhotoDialog

    code = hazards.record_hazard(
        window.ledger,
        hazards.NewHazard(
            unit="鑫源五金厂",
            description="带照片的隐患",
            photos=[make_photo(tmp_path / "p.jpg", (2400, 1200))],
        ),
    )
    window.refresh()
    select(window, code)
    html = window.detail.toHtml()
    photo = show_hazard(window.ledger, code).photos[0]
    assert photo.thumbnail.name in html
    seen: list[int] = []

    def look_and_close(dialog: PhotoDialog) -> None:
        assert isinstance(dialog, PhotoDialog)
        seen.append(dialog.findChild(QLabel).pixmap().width())
        dialog.reject()

    answer(look_and_close)
    window.detail.anchorClicked.emit(QUrl(f"photo:{photo.path}"))  # opens the large photo
    assert seen == [2000]


def test_photos_can_be_dropped_on_the_form(window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    dialog = HazardDialog(window, window.ledger)
    photo = make_photo(tmp_path / "拖入.jpg")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo)), QUrl.fromLocalFile(str(tmp_path / "none.jpg"))])
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.photos.dropEvent(drop)
    assert dialog.photos.paths() == [str(photo)]  # the missing file is ignored
    dialog.unit.setCurrentText("鑫源五金厂")
    dialog.description.setPlainText("拖入照片的隐患")
    ok(dialog)
    assert show_hazard(window.ledger, dialog.code).photos[0].original_name == "拖入.jpg"


def test_the_status_and_level_choices_filter_the_ledger(window: MainWindow) -> None:
    bar = window.filter_bar
    bar.status.setCurrentIndex(bar.status.findText(HazardStatus.ASSIGNED.label))
    bar.emit()
    assert [r.status for r in window.model.rows] == [HazardStatus.ASSIGNED]
    bar.status.setCurrentIndex(0)
    bar.level.setCurrentIndex(bar.level.findText("重大"))
    bar.emit()
    assert [r.description for r in window.model.rows] == ["灭火器压力不足"]
