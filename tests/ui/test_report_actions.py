"""The 报表 entries of the 报送/报表 menu: the 周报 dialog writes the workbook, the ledger goes to
Excel as the tab filters it, and Excel imports list their bad rows before anything is written."""

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QToolButton

from hazard_ledger.services.dto import StationView
from hazard_ledger.services.hazard_queries import HazardFilter, list_hazards
from hazard_ledger.services.units import list_units
from hazard_ledger.ui.dialogs.import_report import ImportReportDialog
from hazard_ledger.ui.dialogs.weekly_dialog import WeeklyDialog
from hazard_ledger.ui.main_window import MainWindow
from hazard_ledger.ui.report_actions import EXPORT_FOLDER
from tests.services.test_hazard_import import sample
from tests.services.test_unit_import import HEADER, NEW_CODE, workbook
from tests.ui.test_printing import loaded, text_of


class Dialogs:
    """Dialogs the actions opened (recorded instead of shown); an import check is cancelled
    unless ``skip_bad_rows`` is set, when 仅导入无误的行 is clicked."""

    def __init__(self) -> None:
        self.shown: list[QDialog] = []
        self.skip_bad_rows = False

    def exec(self, dialog: QDialog) -> int:
        self.shown.append(dialog)
        if isinstance(dialog, ImportReportDialog) and dialog.skip_button and self.skip_bad_rows:
            dialog.skip_button.click()
        return dialog.result()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch, messages: list[tuple[str, str]]) -> Dialogs:
    dialogs = Dialogs()
    for kind in (QMessageBox, QDialog):
        monkeypatch.setattr(kind, "exec", lambda dialog: dialogs.exec(dialog))
    return dialogs


def save_to(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    offered: list[str] = []

    def save(_parent, _title, suggested, _filter):  # type: ignore[no-untyped-def]
        offered.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    return offered


def saved(window: MainWindow, target: Path) -> bool:
    box = window.sync.reports.last_dialog
    return target.exists() and isinstance(box, QMessageBox)


def test_the_weekly_workbook_from_the_dialog(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, opened: Dialogs
) -> None:  # type: ignore[no-untyped-def]
    def choose(dialog: WeeklyDialog) -> int:
        opened.shown.append(dialog)
        assert not dialog.station.isVisible()  # one station: no choice offered
        dialog.period.setCurrentIndex(1)  # the week before this one
        dialog.reviewer.setText("王站长")
        dialog.excel_button.click()
        return dialog.result()

    monkeypatch.setattr(WeeklyDialog, "exec", choose)
    target = tmp_path / "周报" / "w.xlsx"
    target.parent.mkdir()
    offered = save_to(monkeypatch, target)
    window.actions_by_name["report_weekly"].trigger()
    qtbot.waitUntil(lambda: saved(window, target), timeout=20000)

    dialog = next(d for d in opened.shown if isinstance(d, WeeklyDialog))
    period = dialog.periods[1]
    assert dialog.period.itemText(0).startswith(dialog.periods[0].label)
    assert Path(offered[0]).name == f"罗阳镇_周报_{period.year}年第{period.week}周.xlsx"
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["汇总", "明细", "逾期"]
    text = " ".join(str(c) for row in book["汇总"].iter_rows(values_only=True) for c in row if c)
    assert f"第{period.week}周" in text and "王站长" in text
    box = window.sync.reports.last_dialog
    assert str(target) in box.text()
    assert {"打开文件", "打开所在文件夹"} <= {b.text() for b in box.buttons()}
    assert QSettings().value(EXPORT_FOLDER) == str(target.parent)


def test_the_ledger_workbook_holds_the_filtered_rows_only(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, opened: Dialogs
) -> None:  # type: ignore[no-untyped-def]
    window.filter_bar.overdue.setChecked(True)
    assert window.model.total == 1
    target = tmp_path / "台账.xlsx"
    offered = save_to(monkeypatch, target)
    window.actions_by_name["report_ledger_xlsx"].trigger()
    qtbot.waitUntil(lambda: saved(window, target), timeout=20000)

    assert Path(offered[0]).name.startswith("罗阳镇_隐患台账_")
    sheet = openpyxl.load_workbook(target)["台账"]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    codes = sorted({c for c in cells if c.startswith("LY-2026-")})
    assert codes == [window.model.rows[0].code]
    assert any("配电房内堆放易燃杂物" in c for c in cells)
    assert not any("灭火器压力不足" in c for c in cells)
    assert "逾期" in window.sync.reports.last_dialog.text()
    assert "共 1 条" in window.sync.reports.last_dialog.text()


def import_dialog(window: MainWindow) -> ImportReportDialog:
    dialog = window.sync.reports.last_dialog
    assert isinstance(dialog, ImportReportDialog)
    return dialog


def test_a_units_file_with_a_bad_row_imports_nothing_until_asked(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, opened: Dialogs
) -> None:  # type: ignore[no-untyped-def]
    path = workbook(
        tmp_path / "单位.xlsx",
        [
            HEADER,
            [1, "城东加油站", NEW_CODE, "危化", "城东社区", "", "", ""],
            [2, "新华书店", "91330329MA2C000017", "", "", "", "", ""],  # check digit
        ],
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(path), ""))
    names = lambda: {u.name for u in list_units(window.ledger)}  # noqa: E731
    before = names()
    window.actions_by_name["import_units_xlsx"].trigger()
    qtbot.waitUntil(lambda: window.sync.reports.last_dialog is not None, timeout=20000)

    check = import_dialog(window)
    assert check.objectName() == "import_check"
    assert check.errors_shown() == [
        (5, "C5", "统一社会信用代码", check.errors_shown()[0][3]),
    ]
    assert "校验位不正确" in check.errors_shown()[0][3]
    assert "其余 1 行" in check.summary.text()
    assert names() == before  # cancelled: nothing imported

    opened.skip_bad_rows = True  # this time: 仅导入无误的行
    window.sync.reports.last_dialog = None
    window.actions_by_name["import_units_xlsx"].trigger()
    qtbot.waitUntil(
        lambda: (
            window.sync.reports.last_dialog is not None
            and window.sync.reports.last_dialog.objectName() == "import_done"
        ),
        timeout=20000,
    )
    done = import_dialog(window)
    assert "新增 1 个" in done.summary.text() and "有误 1 行，已跳过" in done.summary.text()
    assert names() == before | {"城东加油站"}


def test_importing_a_hazards_file_twice_adds_nothing_the_second_time(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, opened: Dialogs
) -> None:  # type: ignore[no-untyped-def]
    path = sample(tmp_path / "台账2024.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(path), ""))
    every = lambda: len(list_hazards(window.ledger, HazardFilter()))  # noqa: E731
    before = every()

    def run() -> ImportReportDialog:
        window.sync.reports.last_dialog = None
        window.actions_by_name["import_hazards_xlsx"].trigger()
        qtbot.waitUntil(lambda: window.sync.reports.last_dialog is not None, timeout=20000)
        return import_dialog(window)

    first = run()
    assert first.objectName() == "import_done"  # no bad rows: imported at once
    assert "新增隐患 7 条" in first.summary.text()
    assert every() == before + 7
    assert window.model.total == before + 7  # the window refreshed
    second = run()
    assert "新增隐患 0 条" in second.summary.text() and "已导入过 7 条" in second.summary.text()
    assert every() == before + 7


def test_an_unreadable_file_is_refused_with_a_sentence(
    window: MainWindow,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    messages: list[tuple[str, str]],
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "纪要.csv"
    path.write_text("这是一份会议纪要。\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(path), ""))
    window.actions_by_name["import_units_xlsx"].trigger()
    qtbot.waitUntil(lambda: bool(messages), timeout=20000)
    assert messages[0][0] == "warning" and "没有找到表头" in messages[0][1]
    assert window.sync.reports.last_dialog is None


def test_the_menu_keeps_the_sync_entries(window: MainWindow) -> None:
    button = window.findChild(QToolButton, "sync_button")
    assert isinstance(button, QToolButton) and button.text() == "报表/报送"
    menu = button.menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:4] == ["周报…", "台账导出 Excel…", "从 Excel 导入单位…", "从 Excel 导入隐患台账…"]
    assert "导入各站数据包…" in texts and "报送情况…" in texts
    assert "导出本周数据包（报县）…" in texts


def test_the_weekly_preview_prints_the_chosen_week(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, opened: Dialogs
) -> None:  # type: ignore[no-untyped-def]
    def choose(dialog: WeeklyDialog) -> int:
        dialog.preview_button.click()
        return dialog.result()

    monkeypatch.setattr(WeeklyDialog, "exec", choose)
    window.actions_by_name["report_weekly"].trigger()
    preview = window.sync.reports.last_preview
    assert preview is not None
    text = text_of(loaded(qtbot, preview))
    assert "隐患排查整改周报" in text and "罗阳镇" in text
    assert preview.file_name.startswith("罗阳镇_周报_2026年第47周")


def station(code: str, township: str, local: bool) -> StationView:
    return StationView(code, code, f"{township}应急消防管理站", township, "泰顺县", code, local)


def test_the_station_is_chosen_only_on_a_ledger_of_several(qtbot) -> None:  # type: ignore[no-untyped-def]
    today = dt.date(2026, 11, 18)  # a Wednesday; weeks start on Friday here
    one = WeeklyDialog(None, today, 4, [station("LY", "罗阳镇", True)])
    qtbot.addWidget(one)
    assert not one.station.isVisibleTo(one) and one.choice().station_code == ""
    assert one.choice().period.start == dt.date(2026, 11, 13)  # the Friday before
    assert one.period.count() == 26 and "本周" in one.period.itemText(0)
    county = WeeklyDialog(
        None, today, 0, [station("TSX", "泰顺县", True), station("LY", "罗阳镇", False)]
    )
    qtbot.addWidget(county)
    assert county.station.isVisibleTo(county)
    county.station.set_code("LY")
    county.period.setCurrentIndex(2)
    choice = county.choice()
    assert choice.station_code == "LY" and choice.period.code == "2026-W45"
