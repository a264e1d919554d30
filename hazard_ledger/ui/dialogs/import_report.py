"""What an Excel import read and did: the sheets and rows read, the bad rows (row, cell, column,
why) in a table, and the counts of what was written — worded as the CLI's ``unit import`` and
``hazard import`` word them.

The dialog has two uses. After a first pass that found bad rows (nothing was written) it offers
仅导入无误的行 (the ``--skip-bad-rows`` path) and 取消; after an import it only reports."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hazard_ledger.services.hazard_import import HazardImportReport
from hazard_ledger.services.unit_import import UnitImportReport

ImportReport = UnitImportReport | HazardImportReport
UNIT_RESULTS = {"added": "新增", "updated": "更新", "unchanged": "未变"}
SHOWN_NAMES = 20  # new units named in the summary


def data_rows(report: ImportReport) -> int:
    return sum(sheet.rows for sheet in report.sheets)


def good_rows(report: ImportReport) -> int:
    """Rows without an error: what 仅导入无误的行 would bring in."""
    return max(0, data_rows(report) - report.bad_rows)


def source_lines(report: ImportReport) -> list[str]:
    """Which sheets were read (header row, rows), the columns left out, the sheets passed over."""
    lines = []
    for sheet in report.sheets:
        name = f"工作表“{sheet.name}”：" if sheet.name else ""
        lines.append(f"{name}表头在第 {sheet.header_row} 行，{sheet.rows} 行数据")
        if sheet.unknown_headers:
            lines.append(f"    未导入的列：{'、'.join(sheet.unknown_headers)}")
    lines += [f"跳过工作表“{name}”：{why}" for name, why in report.skipped_sheets]
    return lines


def summary_lines(report: ImportReport) -> list[str]:
    """What the import wrote (empty when it wrote nothing)."""
    if not report.written:
        return []
    skipped = f"；有误 {report.bad_rows} 行，已跳过" if report.bad_rows else ""
    if isinstance(report, UnitImportReport):
        counts = "，".join(f"{label} {report.count(r)} 个" for r, label in UNIT_RESULTS.items())
        lines = [f"单位导入完成：{counts}{skipped}"]
        lines += [
            f"    更新 第 {o.row} 行 {o.name}：{'、'.join(o.changed)}"
            for o in report.outcomes
            if o.result == "updated"
        ]
        return lines
    lines = [
        f"隐患导入完成：新增隐患 {report.count('added')} 条，新增单位 {len(report.new_units)} 个，"
        f"已导入过 {report.count('already')} 条{skipped}"
    ]
    if report.count("added"):
        counts = "，".join(f"{s.label} {n}" for s, n in report.by_status().items())
        lines.append(f"    新增隐患的状态：{counts}")
    if report.new_units:
        names = "、".join(report.new_units[:SHOWN_NAMES])
        more = f" 等 {len(report.new_units)} 个" if len(report.new_units) > SHOWN_NAMES else ""
        lines.append(f"    新增单位：{names}{more}")
    return lines


class ImportReportDialog(QDialog):
    """The report of one pass over a file. ``check``: nothing was written because of bad rows;
    accepted means 仅导入无误的行."""

    HEADERS = ("工作表", "行", "单元格", "列", "原因")

    def __init__(self, parent: QWidget | None, what: str, report: ImportReport) -> None:
        super().__init__(parent)
        self.report = report
        self.check = not report.written
        self.setObjectName("import_check" if self.check else "import_done")
        self.setWindowTitle(f"导入{what} — {'检查结果' if self.check else '导入结果'}")
        layout = QVBoxLayout(self)
        source = QLabel("\n".join([f"文件：{report.file}", *source_lines(report)]))
        source.setObjectName("import_source")
        source.setWordWrap(True)
        layout.addWidget(source)
        self.summary = QLabel(self._summary_text(what))
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(
            "background: #fff3cd; color: #7a4d00; padding: 6px;"
            if self.check
            else "background: #e8f5e9; color: #1b5e20; padding: 6px;"
        )
        layout.addWidget(self.summary)
        self.table = self._error_table()
        if report.errors:
            heading = "有误的行：" if self.check else "已跳过的有误行："
            layout.addWidget(QLabel(heading))
            layout.addWidget(self.table, 1)
        else:
            self.table.hide()
        self.skip_button: QPushButton | None = None
        if self.check:
            buttons = QDialogButtonBox()
            self.skip_button = buttons.addButton(
                "仅导入无误的行", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.skip_button.setObjectName("import_skip_bad_rows")
            self.skip_button.setEnabled(good_rows(report) > 0)
            buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        else:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 460 if report.errors else 260)

    def _summary_text(self, what: str) -> str:
        report = self.report
        if not self.check:
            return "\n".join(summary_lines(report))
        good = good_rows(report)
        text = (
            f"共 {data_rows(report)} 行，其中 {report.bad_rows} 行有误；"
            f"台账尚未改动，{what}未导入。\n"
        )
        if good:
            return text + (
                f"可修正文件后重新导入，或选择“仅导入无误的行”导入其余 {good} 行（有误的行跳过）。"
            )
        return text + "没有无误的行可导入：请修正文件后重新导入。"

    def _error_table(self) -> QTableWidget:
        errors = self.report.errors
        table = QTableWidget(len(errors), len(self.HEADERS))
        table.setObjectName("import_errors")
        table.setHorizontalHeaderLabels(list(self.HEADERS))
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        for row, error in enumerate(errors):
            cells = (error.sheet, str(error.row), error.cell, error.column, error.reason)
            for column, value in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(value))
        # One sheet (or a CSV): the sheet column says nothing.
        table.setColumnHidden(0, len({e.sheet for e in errors}) <= 1)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(
            len(self.HEADERS) - 1, QHeaderView.ResizeMode.Stretch
        )
        return table

    def errors_shown(self) -> list[tuple[int, str, str, str]]:
        """The table's rows as (row, cell, column, reason): for tests."""
        return [
            (
                int(self.table.item(r, 1).text()),
                self.table.item(r, 2).text(),
                self.table.item(r, 3).text(),
                self.table.item(r, 4).text(),
            )
            for r in range(self.table.rowCount())
        ]
