"""The toolbar's 报送/报表 button: the 周报 and the ledger as Excel, the Excel imports (see
ui.report_actions), this station's weekly package for the county (export), packages from the
stations (import, at the county), and what has gone each way (status)."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QAction, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hazard_ledger.domain.errors import LedgerError
from hazard_ledger.services.hazard_queries import HazardFilter
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.stations import get_local_station
from hazard_ledger.sync.export import ExportResult, export_package
from hazard_ledger.sync.import_result import ImportResult, NewStationError
from hazard_ledger.sync.importer import import_package
from hazard_ledger.sync.status import sync_status
from hazard_ledger.ui.errors import report_error
from hazard_ledger.ui.progress import run_with_percent
from hazard_ledger.ui.report_actions import LedgerSelection, ReportActions
from hazard_ledger.ui.widgets import menu_button

EXPORT_FOLDER = "sync/export_folder"
IMPORT_FOLDER = "sync/import_folder"
ITEMS = {
    "report_weekly": "周报…",
    "report_ledger_xlsx": "台账导出 Excel…",
    "import_units_xlsx": "从 Excel 导入单位…",
    "import_hazards_xlsx": "从 Excel 导入隐患台账…",
    "sync_export": "导出本周数据包（报县）…",
    "sync_export_full": "导出完整数据包…",
    "sync_import": "导入各站数据包…",
    "sync_status": "报送情况…",
}
SEPARATED = ("report_ledger_xlsx", "import_hazards_xlsx", "sync_export_full")  # a line after


def sync_button(parent: QWidget, actions: dict[str, QAction], sync: "SyncActions") -> QToolButton:
    """The 报送/报表 tool button; its actions are added to ``actions`` by name."""
    reports = sync.reports
    slots: dict[str, Callable[[], object]] = {
        "report_weekly": reports.weekly,
        "report_ledger_xlsx": reports.ledger_excel,
        "import_units_xlsx": lambda: reports.import_file("单位"),
        "import_hazards_xlsx": lambda: reports.import_file("隐患台账"),
        "sync_export": lambda: sync.export(full=False),
        "sync_export_full": lambda: sync.export(full=True),
        "sync_import": sync.import_packages,
        "sync_status": sync.show_status,
    }
    entries: list[QAction | None] = []
    for name, text in ITEMS.items():
        action = QAction(text, parent)
        action.setObjectName(name)
        action.triggered.connect(slots[name])
        actions[name] = action
        entries.append(action)
        if name in SEPARATED:
            entries.append(None)
    return menu_button(parent, "报表/报送", "sync_button", entries)


def shown_in(window: QWidget) -> LedgerSelection:
    """What the window's 隐患台账 tab shows (its filter bar and its table's sort); the whole
    ledger by 发现日期 for a parent without them."""
    filter_bar, model = getattr(window, "filter_bar", None), getattr(window, "model", None)
    if filter_bar is None or model is None:
        return LedgerSelection(HazardFilter())
    return LedgerSelection(filter_bar.filters(), model.sort_key, model.descending)


class SyncActions:
    """Export and import behind progress dialogs; ``changed`` runs after an import merged."""

    def __init__(self, parent: QWidget, ledger: Ledger, changed: Callable[[], None]) -> None:
        self.parent = parent
        self.ledger = ledger
        self.changed = changed
        self.last_dialog: QDialog | QMessageBox | None = None  # for tests and screenshots
        self.reports = ReportActions(parent, ledger, changed, lambda: shown_in(parent))

    # -- export ------------------------------------------------------------------------------
    def export(self, *, full: bool) -> None:
        station = get_local_station(self.ledger)
        if station is None:
            QMessageBox.warning(self.parent, "无法导出", "本台账尚未登记本站，不能导出数据包。")
            return
        status = sync_status(self.ledger)
        sequence = (status["export"]["sequence"] if status["export"] else 0) + 1
        year, week, _ = self.ledger.today().isocalendar()
        kind = "完整数据包" if full else "数据包"
        place = station.township or station.name
        name = f"{station.code}_{place}_{year}年第{week:02d}周_{kind}第{sequence}号.zip"
        settings = QSettings()
        folder = str(settings.value(EXPORT_FOLDER, "") or Path.home())
        chosen, _ = QFileDialog.getSaveFileName(
            self.parent, f"导出{kind}", str(Path(folder) / name), "数据包 (*.zip)"
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".zip":
            target = target.with_name(target.name + ".zip")
        settings.setValue(EXPORT_FOLDER, str(target.parent))
        run_with_percent(
            self.parent,
            f"正在导出{kind}…",
            lambda progress: export_package(self.ledger, target, full=full, progress=progress),
            self._exported,
            lambda error: report_error(self.parent, error),
        )

    def _exported(self, result: ExportResult) -> None:
        counts = result.counts
        events = (
            f"履历第 {result.first_seq}—{result.last_seq} 条"
            if result.first_seq is not None
            else "上次导出以来没有新的履历（仍可报送，县里据此知道本周无变化）"
        )
        kind = "完整数据包" if result.full else "数据包"
        lines = [
            f"{kind}第 {result.sequence} 号，{result.period_label}",
            f"{events}；隐患 {counts['hazards']} 条（新登记 {counts['new_hazards']}），"
            f"照片 {counts['attachments']} 张；内附周报。",
            f"文件：{result.file}",
        ]
        if result.backup is not None:
            lines.append(f"导出前已自动备份台账：{result.backup}")
        box = QMessageBox(
            QMessageBox.Icon.Information, "导出完成", "\n".join(lines), parent=self.parent
        )
        box.setObjectName("sync_exported")
        open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Ok)
        self.last_dialog = box
        box.exec()
        if box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.file.parent)))

    # -- import ------------------------------------------------------------------------------
    def import_packages(self) -> None:
        settings = QSettings()
        folder = str(settings.value(IMPORT_FOLDER, "") or Path.home())
        chosen, _ = QFileDialog.getOpenFileNames(
            self.parent, "导入各站数据包", folder, "数据包 (*.zip)"
        )
        if not chosen:
            return
        settings.setValue(IMPORT_FOLDER, str(Path(chosen[0]).parent))
        self._import_next([Path(path) for path in chosen], [])

    def _import_next(self, files: list[Path], done: list[str], accept: bool = False) -> None:
        if not files:
            self._show_imported(done)
            return
        path = files[0]

        def imported(result: ImportResult) -> None:
            done.append(f"{path.name}：{result.summary()}")
            done.extend(f"    注意：{warning}" for warning in result.warnings)
            self.changed()
            self._import_next(files[1:], done)

        def failed(error: BaseException) -> None:
            if isinstance(error, NewStationError) and not accept:
                answer = QMessageBox.question(
                    self.parent,
                    "新的站点",
                    f"{path.name} 来自本台账从未导入过的站点：\n\n{error.name}（{error.code}）\n\n"
                    "确认这是本县的站点并接收它的数据吗？",
                )
                if answer == QMessageBox.StandardButton.Yes:
                    self._import_next(files, done, accept=True)
                    return
                done.append(f"{path.name}：未接收（新站点未确认），没有导入。")
            else:
                done.append(f"{path.name}：未导入，台账未改动。原因：{error}")
                if not isinstance(error, LedgerError):
                    report_error(self.parent, error)  # a bug: logged, and said so
            self._import_next(files[1:], done)

        run_with_percent(
            self.parent,
            f"正在导入 {path.name}…",
            lambda progress: import_package(
                self.ledger, path, accept_new_station=accept, progress=progress
            ),
            imported,
            failed,
        )

    def _show_imported(self, lines: list[str]) -> None:
        dialog = QDialog(self.parent)
        dialog.setObjectName("sync_imported")
        dialog.setWindowTitle("导入结果")
        layout = QVBoxLayout(dialog)
        text = QPlainTextEdit("\n".join(lines))
        text.setObjectName("import_report")
        text.setReadOnly(True)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(dialog.accept)
        layout.addWidget(buttons)
        dialog.resize(640, 280)
        self.last_dialog = dialog
        dialog.exec()

    # -- status ------------------------------------------------------------------------------
    def show_status(self) -> None:
        dialog = SyncStatusDialog(self.parent, sync_status(self.ledger))
        self.last_dialog = dialog
        dialog.exec()


class SyncStatusDialog(QDialog):
    """This station's last export, and the packages merged from each station (missing numbers
    in red)."""

    HEADERS = ("站点", "简码", "已导入到", "最近导入", "统计区间", "缺号", "履历", "隐患")

    def __init__(self, parent: QWidget | None, status: dict) -> None:  # type: ignore[type-arg]
        super().__init__(parent)
        self.setObjectName("sync_status")
        self.setWindowTitle(self.tr("报送情况"))
        layout = QVBoxLayout(self)
        export = status["export"]
        if export:
            when = export["created_at"][:10]
            text = f"本站上次导出：第 {export['sequence']} 号（{when}），文件 {export['file_name']}"
        elif status["local"]:
            text = self.tr("本站尚未导出过数据包。")
        else:
            text = self.tr("本台账未登记本站。")
        self.export_label = QLabel(text)
        layout.addWidget(self.export_label)
        stations = status["stations"]
        self.table = QTableWidget(len(stations), len(self.HEADERS))
        self.table.setObjectName("station_table")
        self.table.setHorizontalHeaderLabels(list(self.HEADERS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, station in enumerate(stations):
            missing = "、".join(str(n) for n in station["missing"])
            cells = [
                station["name"],
                station["code"],
                f"第 {station['last_sequence']} 号" if station["last_sequence"] else "",
                station["last_imported_at"][:10],
                station["last_period"],
                missing,
                str(station["events"]),
                str(station["hazards"]),
            ]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column == 5 and missing:
                    item.setForeground(QColor("#c62828"))
                    item.setToolTip(
                        self.tr("这些编号的数据包未收到；若之后的数据包已衔接，可不补导")
                    )
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        if not stations:
            layout.addWidget(QLabel(self.tr("尚未导入任何站点的数据包。")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 320)
