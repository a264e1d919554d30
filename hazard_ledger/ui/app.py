"""Start the desktop program: Qt's Chinese translation, a Chinese font, error handling, the
first-run dialog when the ledger has no station, then the main window."""

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from hazard_ledger import paths
from hazard_ledger.domain.errors import LedgerError
from hazard_ledger.services.demo import create_demo_ledger
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.preferences import load_preferences
from hazard_ledger.services.stations import get_local_station
from hazard_ledger.ui.dialogs.first_run import FirstRunDialog
from hazard_ledger.ui.errors import install_excepthook
from hazard_ledger.ui.fonts import ensure_chinese_font
from hazard_ledger.ui.main_window import MainWindow
from hazard_ledger.ui.worker import wait_with_progress

DEMO_FOLDER = "demo"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names (for QSettings), Qt's zh_CN strings and a Chinese font."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("隐患整改台账")
    app.setOrganizationName("hazard_ledger")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    if translator.load(
        "qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(translator)
    ensure_chinese_font(app)
    return app


def open_ledger(data_dir: Path, operator: str | None) -> Ledger | None:
    """Open (and migrate) the ledger, or tell the user why not."""
    ledger = Ledger(data_dir, operator=operator)
    try:
        ledger.open()
    except LedgerError as error:
        QMessageBox.critical(None, "无法打开台账", error.message)
        return None
    saved = load_preferences(ledger).operator
    if saved and not operator:
        ledger.operator = saved
    return ledger


def choose_ledger(ledger: Ledger, operator: str | None) -> Ledger | None:
    """The ledger to show: this one if it has a station; else what the first-run dialog says —
    a new station here, or the demo ledger kept in its own folder inside the data dir."""
    if get_local_station(ledger) is not None:
        return ledger
    dialog = FirstRunDialog(None, ledger)
    if not dialog.exec():
        return None
    if not dialog.wants_demo:
        return ledger
    demo = open_ledger(ledger.data_dir / DEMO_FOLDER, operator or "示例操作员")
    if demo is not None and get_local_station(demo) is None:
        wait_with_progress(None, "正在生成示例台账…", lambda: create_demo_ledger(demo))
    return demo


def run_gui(data_dir: str | None = None, operator: str | None = None) -> int:
    app = make_application()
    folder = paths.data_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    install_excepthook(paths.log_file(folder))
    ledger = open_ledger(folder, operator)
    if ledger is None:
        return 2
    shown = choose_ledger(ledger, operator)
    if shown is None:
        return 0
    window = MainWindow(shown)
    window.show()
    # Once the window is up: today's reminders, queried in the background.
    QTimer.singleShot(0, window.reminders.start)
    return app.exec()
