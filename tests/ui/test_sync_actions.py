"""The 报送 button: a station exports its package (progress, remembered folder, what went), the
county imports it (a new station is confirmed first) and sees the hazards, the status lists it."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QPlainTextEdit

from hazard_ledger.services.hazard_queries import HazardFilter, list_hazards
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.stations import init_station
from hazard_ledger.ui.main_window import MainWindow
from hazard_ledger.ui.sync_actions import EXPORT_FOLDER, SyncStatusDialog
from tests.conftest import Clock


@pytest.fixture
def quiet(monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    """Dialogs the actions open are recorded instead of shown."""
    opened: list[QDialog] = []

    def record(dialog: QDialog) -> int:
        opened.append(dialog)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    monkeypatch.setattr(QDialog, "exec", record)
    return opened


def export_to(
    window: MainWindow, qtbot, monkeypatch, target: Path, *, full: bool = False
) -> list[str]:  # type: ignore[no-untyped-def]
    offered: list[str] = []

    def save(_parent, _title, suggested, _filter):  # type: ignore[no-untyped-def]
        offered.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    window.actions_by_name["sync_export_full" if full else "sync_export"].trigger()
    qtbot.waitUntil(lambda: target.exists() and window.sync.last_dialog is not None, timeout=20000)
    return offered


def test_exporting_the_weekly_package(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, quiet: list[QDialog]
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "报县"
    folder.mkdir()
    export_to(window, qtbot, monkeypatch, folder / "第一周.zip")

    box = window.sync.last_dialog
    assert isinstance(box, QMessageBox)
    assert "数据包第 1 号" in box.text() and "隐患 3 条" in box.text() and "备份" in box.text()
    assert QSettings().value(EXPORT_FOLDER) == str(folder)
    # The next export suggests the same folder and the next number.
    window.sync.last_dialog = None
    offered = export_to(window, qtbot, monkeypatch, folder / "第二周.zip")
    assert Path(offered[0]).parent == folder and "第2号" in Path(offered[0]).name


def test_the_county_imports_a_new_station_after_confirming(
    window: MainWindow,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    quiet: list[QDialog],
) -> None:  # type: ignore[no-untyped-def]
    package = tmp_path / "LY.zip"
    export_to(window, qtbot, monkeypatch, package)
    county = Ledger(tmp_path / "county", operator="县局", today=Clock()).open()
    try:
        init_station(county, code="TSX", name="泰顺县应急管理局")
        county_window = MainWindow(county)
        qtbot.addWidget(county_window)
        asked: list[str] = []

        def question(_parent, _title, text, *args):  # type: ignore[no-untyped-def]
            asked.append(text)
            return QMessageBox.StandardButton.Yes

        monkeypatch.setattr(QMessageBox, "question", question)
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a: ([str(package)], ""))
        county_window.actions_by_name["sync_import"].trigger()
        qtbot.waitUntil(
            lambda: (
                county_window.sync.last_dialog is not None
                and county_window.sync.last_dialog.objectName() == "sync_imported"
            ),
            timeout=20000,
        )

        assert asked and "罗阳镇应急消防管理站（LY）" in asked[0]
        report = county_window.sync.last_dialog.findChild(QPlainTextEdit, "import_report")
        assert "新增隐患 3 条" in report.toPlainText()
        assert len(list_hazards(county, HazardFilter(station="LY"))) == 3
        assert county_window.model.total == 3  # the window shows them at once

        county_window.actions_by_name["sync_status"].trigger()
        status = county_window.sync.last_dialog
        assert isinstance(status, SyncStatusDialog)
        table = status.table
        assert table.rowCount() == 1
        assert table.item(0, 1).text() == "LY" and table.item(0, 2).text() == "第 1 号"
        county_window.close()
    finally:
        county.close()


def test_an_unconfirmed_station_is_not_imported(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, quiet: list[QDialog]
) -> None:  # type: ignore[no-untyped-def]
    package = tmp_path / "LY.zip"
    export_to(window, qtbot, monkeypatch, package)
    county = Ledger(tmp_path / "county", operator="县局", today=Clock()).open()
    try:
        init_station(county, code="TSX", name="泰顺县应急管理局")
        county_window = MainWindow(county)
        qtbot.addWidget(county_window)
        monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a: ([str(package)], ""))
        county_window.actions_by_name["sync_import"].trigger()
        qtbot.waitUntil(lambda: county_window.sync.last_dialog is not None, timeout=20000)
        report = county_window.sync.last_dialog.findChild(QPlainTextEdit, "import_report")
        assert "未接收" in report.toPlainText()
        assert list_hazards(county, HazardFilter(station="LY")) == []
        county_window.close()
    finally:
        county.close()
