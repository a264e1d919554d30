"""Start-up pieces: first run, settings, fonts, Qt's translation, errors, background work."""

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.preferences import load_preferences
from hazard_ledger.services.stations import get_local_station
from hazard_ledger.ui import app as app_module
from hazard_ledger.ui.dialogs.first_run import FirstRunDialog
from hazard_ledger.ui.dialogs.settings import SettingsDialog
from hazard_ledger.ui.errors import install_excepthook
from hazard_ledger.ui.worker import run_with_progress


def ok(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_first_run_registers_the_station(app: QApplication, empty_ledger: Ledger) -> None:
    dialog = FirstRunDialog(None, empty_ledger)
    dialog.name.setText("罗阳镇应急消防管理站")
    dialog.code.setText("ly")
    ok(dialog)
    assert "操作员" in dialog.error_text("operator")
    dialog.operator.setText("张建华")
    dialog.code.setText("罗阳")
    ok(dialog)
    assert "站点简码" in dialog.error_text("code")
    assert get_local_station(empty_ledger) is None
    dialog.code.setText("ly")
    ok(dialog)
    station = get_local_station(empty_ledger)
    assert station is not None and station.code == "LY"
    assert load_preferences(empty_ledger).operator == "张建华"


def test_first_run_can_open_the_demo_instead(
    app: QApplication, empty_ledger: Ledger, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def choose_demo(self: FirstRunDialog) -> int:
        self.choose_demo()
        return 1

    monkeypatch.setattr(FirstRunDialog, "exec", choose_demo)
    shown = app_module.choose_ledger(empty_ledger, None)
    assert shown is not None and shown.data_dir == empty_ledger.data_dir / "demo"
    assert get_local_station(shown).code == "LY"  # type: ignore[union-attr]
    assert get_local_station(empty_ledger) is None  # the real ledger stays empty
    shown.close()


def test_settings_save_station_and_operator(app: QApplication, ledger: Ledger) -> None:
    dialog = SettingsDialog(None, ledger)
    dialog.name.setText("")
    ok(dialog)
    assert "站名" in dialog.error_text("name")
    dialog.name.setText("罗阳镇应急管理站")
    dialog.operator.setText("李晓峰")
    dialog.due_soon.setValue(5)
    ok(dialog)
    assert get_local_station(ledger).name == "罗阳镇应急管理站"  # type: ignore[union-attr]
    prefs = load_preferences(ledger)
    assert (prefs.operator, prefs.due_soon_days) == ("李晓峰", 5)
    assert ledger.operator == "李晓峰"


def test_a_chinese_font_and_qt_translation_are_loaded(app: QApplication) -> None:
    family = app.font().family()
    assert family
    systems = QFontDatabase.writingSystems(family)
    assert QFontDatabase.WritingSystem.SimplifiedChinese in systems
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_an_unexpected_error_is_logged_and_apologised_for(
    app: QApplication, tmp_path: Path, messages: list[tuple[str, str]], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    log_file = tmp_path / "hazard_ledger.log"
    install_excepthook(log_file)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    try:
        raise ValidationError("日期格式不对")
    except ValidationError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    for handler in logging.getLogger("hazard_ledger").handlers[:]:
        handler.flush()
        if getattr(handler, "baseFilename", "") == str(log_file):
            logging.getLogger("hazard_ledger").removeHandler(handler)
            handler.close()
    assert "RuntimeError: boom" in log_file.read_text(encoding="utf-8")
    assert messages[0][0] == "critical" and str(log_file) in messages[0][1]
    assert messages[1] == ("warning", "日期格式不对")


def test_background_work_reports_back(app: QApplication, qtbot) -> None:  # type: ignore[no-untyped-def]
    results: list[object] = []
    errors: list[BaseException] = []
    run_with_progress(None, "测试", lambda: 6 * 7, results.append, errors.append)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: results == [42], timeout=5000)

    def fail() -> None:
        raise ValidationError("不行")

    run_with_progress(None, "测试", fail, results.append, errors.append)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
    assert isinstance(errors[0], ValidationError)


@pytest.mark.parametrize("argv", [[], ["--data-dir", "x"], ["--operator", "张", "--data-dir", "y"]])
def test_no_command_means_the_window(argv: list[str]) -> None:
    from hazard_ledger.cli.parser import gui_options

    assert gui_options(argv) is not None
    assert gui_options([*argv, "check"]) is None
    assert gui_options(["--help"]) is None
