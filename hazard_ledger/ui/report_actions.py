"""The 报表 entries of the toolbar's 报送/报表 menu: the 周报 (preview and print, or Excel), the
ledger as the 隐患台账 tab shows it as an Excel workbook, and the Excel imports of units and of a
station's earlier 台账 — each on a worker behind a progress dialog, as the CLI's ``report weekly``,
``report ledger -o x.xlsx``, ``unit import`` and ``hazard import`` do them."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from hazard_ledger.reports.fonts import FontChoice, ledger_fonts
from hazard_ledger.reports.ledger_xlsx import write_ledger_xlsx
from hazard_ledger.reports.weekly_pdf import write_weekly_pdf
from hazard_ledger.reports.weekly_xlsx import write_weekly_xlsx
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.hazard_import import import_hazards
from hazard_ledger.services.hazard_queries import HazardFilter
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.ledger_rows import describe_filter, ledger_rows
from hazard_ledger.services.periods import week_start_of
from hazard_ledger.services.stations import get_local_station, list_stations
from hazard_ledger.services.unit_import import import_units
from hazard_ledger.services.weekly import WeeklyReport, weekly_report
from hazard_ledger.ui.dialogs.import_report import ImportReport, ImportReportDialog
from hazard_ledger.ui.dialogs.pdf_preview import PdfPreviewDialog, preview_document
from hazard_ledger.ui.dialogs.weekly_dialog import EXCEL, WeeklyChoice, WeeklyDialog
from hazard_ledger.ui.errors import report_error
from hazard_ledger.ui.worker import run_with_progress

EXPORT_FOLDER = "reports/export_folder"
IMPORT_FOLDER = "reports/import_folder"
REVIEWER = "reports/reviewer"
TABLE_FILTER = "Excel 或 CSV 文件 (*.xlsx *.csv);;Excel 文件 (*.xlsx);;CSV 文件 (*.csv)"
IMPORTERS = {"单位": import_units, "隐患台账": import_hazards}


@dataclass(frozen=True, slots=True)
class LedgerSelection:
    """What the 隐患台账 tab shows: its filters and its sort."""

    filters: HazardFilter
    sort: str = "found_on"
    descending: bool = False


class ReportActions:
    """The report and import entries; ``changed`` runs after an import wrote to the ledger,
    ``shown`` says what the ledger tab shows (for 台账导出 Excel)."""

    def __init__(
        self,
        parent: QWidget,
        ledger: Ledger,
        changed: Callable[[], None],
        shown: Callable[[], LedgerSelection],
    ) -> None:
        self.parent = parent
        self.ledger = ledger
        self.changed = changed
        self.shown = shown
        self.last_dialog: QDialog | QMessageBox | None = None  # for tests and screenshots
        self.last_preview: PdfPreviewDialog | None = None

    def _place(self, station: StationView | None) -> str:
        return (station.township or station.name) if station else "台账"

    # -- 周报 --------------------------------------------------------------------------------
    def weekly(self) -> None:
        stations = list_stations(self.ledger)
        settings = QSettings()
        dialog = WeeklyDialog(
            self.parent,
            self.ledger.today(),
            week_start_of(self.ledger),
            stations,
            str(settings.value(REVIEWER, "") or ""),
        )
        self.last_dialog = dialog
        if not dialog.exec():
            return
        choice = dialog.choice()
        settings.setValue(REVIEWER, choice.reviewer)
        chosen = next((s for s in stations if s.code == choice.station_code), None)
        if chosen is None:
            local = next((s for s in stations if s.is_local), None)
            place = self._place(local) + ("_全部站点" if len(stations) > 1 else "")
        else:
            place = self._place(chosen)
        name = f"{place}_周报_{choice.period.year}年第{choice.period.week}周"
        if dialog.action == EXCEL:
            self.weekly_excel(choice, name)
        else:
            self.last_preview = self.weekly_preview(choice, name)

    def _report(self, choice: WeeklyChoice) -> WeeklyReport:
        return weekly_report(
            self.ledger,
            choice.period,
            station_code=choice.station_code,
            reviewer=choice.reviewer,
        )

    def weekly_preview(self, choice: WeeklyChoice, name: str) -> PdfPreviewDialog:
        """The 周报 PDF in the preview (print, save as PDF)."""

        def write(target: Path) -> FontChoice:
            return write_weekly_pdf(
                self._report(choice), target, fonts=ledger_fonts(self.ledger)
            ).fonts

        return preview_document(self.parent, f"周报 — {choice.period.label}", write, name)

    def weekly_excel(self, choice: WeeklyChoice, name: str) -> None:
        target = self._save_path("导出周报（Excel）", name)
        if target is None:
            return
        run_with_progress(
            self.parent,
            "正在生成周报…",
            lambda: write_weekly_xlsx(self._report(choice), target),
            lambda _none: self._saved("周报已导出", f"{choice.period.label}的周报", target),
            lambda error: report_error(self.parent, error),
        )

    # -- 台账导出 Excel -----------------------------------------------------------------------
    def ledger_excel(self) -> None:
        """The ledger as the tab filters and sorts it, all 33 columns, as an Excel workbook."""
        station = get_local_station(self.ledger)
        if station is None:
            QMessageBox.warning(self.parent, "无法导出", "本台账尚未登记本站，不能导出台账。")
            return
        shown = self.shown()
        today = self.ledger.today()
        target = self._save_path(
            "导出台账（Excel）", f"{self._place(station)}_隐患台账_{today.isoformat()}"
        )
        if target is None:
            return

        def write() -> tuple[int, str]:
            rows = ledger_rows(
                self.ledger, shown.filters, sort=shown.sort, descending=shown.descending
            )
            selection = describe_filter(shown.filters)
            write_ledger_xlsx(rows, station, target, selection=selection, printed_on=today)
            return len(rows), selection

        def written(result: tuple[int, str]) -> None:
            count, selection = result
            self._saved("台账已导出", f"隐患台账（{selection}）共 {count} 条", target)

        run_with_progress(
            self.parent,
            "正在导出台账…",
            write,
            written,
            lambda error: report_error(self.parent, error),
        )

    # -- saving ------------------------------------------------------------------------------
    def _save_path(self, title: str, name: str) -> Path | None:
        """The save dialog in the folder last saved to; the chosen file, ending in .xlsx."""
        settings = QSettings()
        folder = str(settings.value(EXPORT_FOLDER, "") or Path.home())
        chosen, _ = QFileDialog.getSaveFileName(
            self.parent, title, str(Path(folder) / f"{name}.xlsx"), "Excel 文件 (*.xlsx)"
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        settings.setValue(EXPORT_FOLDER, str(target.parent))
        return target

    def _saved(self, title: str, what: str, target: Path) -> None:
        """Where the file went, with buttons to open it or its folder."""
        box = QMessageBox(
            QMessageBox.Icon.Information,
            title,
            f"{what}，已保存为 Excel 文件：\n{target}",
            parent=self.parent,
        )
        box.setObjectName("report_saved")
        open_file = box.addButton("打开文件", QMessageBox.ButtonRole.ActionRole)
        open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Ok)
        self.last_dialog = box
        box.exec()
        if box.clickedButton() is open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        elif box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent)))

    # -- Excel imports -----------------------------------------------------------------------
    def import_file(self, what: str) -> None:
        """``what`` is 单位 or 隐患台账. A first pass imports the file when it has no bad rows;
        with bad rows it writes nothing and lists them, and 仅导入无误的行 runs it again
        skipping them."""
        settings = QSettings()
        folder = str(settings.value(IMPORT_FOLDER, "") or Path.home())
        chosen, _ = QFileDialog.getOpenFileName(
            self.parent, f"从 Excel 导入{what}", folder, TABLE_FILTER
        )
        if not chosen:
            return
        path = Path(chosen)
        settings.setValue(IMPORT_FOLDER, str(path.parent))
        self._run_import(what, path, skip_bad_rows=False)

    def _run_import(self, what: str, path: Path, *, skip_bad_rows: bool) -> None:
        importer = IMPORTERS[what]
        run_with_progress(
            self.parent,
            f"正在{'导入' if skip_bad_rows else '读取并导入'} {path.name}…",
            lambda: importer(self.ledger, path, skip_bad_rows=skip_bad_rows),
            lambda report: self._imported(what, path, report),
            lambda error: report_error(self.parent, error),
        )

    def _imported(self, what: str, path: Path, report: ImportReport) -> None:
        if report.written:
            self.changed()
        dialog = ImportReportDialog(self.parent, what, report)
        self.last_dialog = dialog
        accepted = dialog.exec()
        if not report.written and accepted:
            self._run_import(what, path, skip_bad_rows=True)
