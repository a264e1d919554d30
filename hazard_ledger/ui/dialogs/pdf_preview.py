"""Preview of a printed document: any callable that writes a PDF to a path (a notice, a review,
a 送达回证; later the ledger printout and the hazard sheet) is written to a temporary file on a
worker, shown with QPdfView, and can be printed (QPrintDialog) or saved as a PDF file.

Printing renders each page with QPdfDocument.render into the QPrinter at the printer's
resolution (capped, see MAX_DPI); ``print_pdf`` does that part and needs no dialog.
"""

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hazard_ledger.domain.errors import StorageError
from hazard_ledger.reports.fonts import FontChoice
from hazard_ledger.ui.errors import report_error
from hazard_ledger.ui.worker import run_with_progress

# Writes the document to the given path; returns the fonts used (for their warning) or None.
DocumentWriter = Callable[[Path], FontChoice | None]
# A page rendered at 1200 dpi is 560 MB of pixels; 600 dpi is what office printers print.
MAX_DPI = 600
LAST_FOLDER = "documents/last_folder"


def print_pdf(pdf: Path, printer: QPrinter) -> int:
    """Print the PDF file ``pdf`` on ``printer`` (already set up: a real printer or a PDF file),
    the page range chosen in the print dialog only; returns the number of pages printed.

    Safe on a worker thread: it opens its own QPdfDocument and paints on the printer only."""
    document = QPdfDocument()
    if document.load(str(pdf)) != QPdfDocument.Error.None_:
        raise StorageError(f"无法读取要打印的文件：{pdf}")
    try:
        count = document.pageCount()
        first, last = 1, count
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first = max(1, printer.fromPage())
            last = min(count, printer.toPage() or count)
        if first > last:
            return 0
        dpi = min(printer.resolution(), MAX_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise StorageError("无法开始打印：打印机不可用，或输出文件无法写入。")
        try:
            for page in range(first - 1, last):
                if page > first - 1:
                    printer.newPage()
                _paint_page(painter, printer, document, page, dpi)
        finally:
            painter.end()
        return last - first + 1
    finally:
        document.close()


def _paint_page(
    painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int, dpi: int
) -> None:
    """One page, rendered at ``dpi`` and drawn to fill the paper (keeping its proportions):
    the PDF carries its own margins, so the printer's are not added again."""
    points = document.pagePointSize(page)
    pixels = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
    image = document.render(page, pixels)
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    scale = min(paper.width() / points.width(), paper.height() / points.height())
    width, height = points.width() * scale, points.height() * scale
    target = QRectF(
        paper.x() + (paper.width() - width) / 2, paper.y() + (paper.height() - height) / 2,
        width, height,
    )  # fmt: skip
    painter.drawImage(target, image)


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def safe_file_name(name: str) -> str:
    """``name`` usable as a file name on Windows too (document numbers have full-width
    brackets, which are fine; slashes and the like are not)."""
    cleaned = "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in name)
    return cleaned.strip(" .") or "文书"


class PdfPreviewDialog(QDialog):
    """Shows one written PDF; 打印…, 另存为 PDF…, 关闭. Use ``preview_document`` to open one."""

    ready = Signal()  # the document is written and shown

    def __init__(
        self, parent: QWidget | None, title: str, write: DocumentWriter, file_name: str
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.write = write
        self.file_name = safe_file_name(file_name)
        self.folder = Path(tempfile.mkdtemp(prefix="hazard-ledger-doc-"))
        self.pdf = self.folder / f"{self.file_name}.pdf"
        self.fonts: FontChoice | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.warning = QLabel()
        self.warning.setObjectName("font_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "background: #fff3cd; color: #7a4d00; padding: 6px; border-radius: 3px;"
        )
        self.warning.hide()
        self.status = QLabel()
        self.status.setStyleSheet("color: #475467;")
        layout = QVBoxLayout(self)
        layout.addLayout(self._navigation())
        layout.addWidget(self.warning)
        layout.addWidget(self.view, 1)
        layout.addLayout(self._buttons())
        self.finished.connect(self._clean_up)
        # Closed with its parent window (no finished signal): still remove the temporary file.
        self.destroyed.connect(lambda *_args, folder=self.folder: _remove(folder))
        self.resize(860, 980)

    def _navigation(self) -> QHBoxLayout:
        self.previous_page = QPushButton("上一页")
        self.previous_page.clicked.connect(lambda: self.go_to(self.page.value() - 2))
        self.next_page = QPushButton("下一页")
        self.next_page.clicked.connect(lambda: self.go_to(self.page.value()))
        self.page = QSpinBox()
        self.page.setRange(1, 1)
        self.page.setKeyboardTracking(False)
        self.page.valueChanged.connect(lambda n: self.go_to(n - 1))
        self.pages = QLabel("共 0 页")
        self.fit_width = QPushButton("适合宽度")
        self.fit_width.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page = QPushButton("整页")
        self.fit_page.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        zoom_in = QPushButton("放大")
        zoom_in.clicked.connect(lambda: self.zoom(1.25))
        zoom_out = QPushButton("缩小")
        zoom_out.clicked.connect(lambda: self.zoom(0.8))
        row = QHBoxLayout()
        for widget in (self.previous_page, self.next_page, QLabel("第"), self.page, self.pages):
            row.addWidget(widget)
        row.addStretch()
        for widget in (self.fit_width, self.fit_page, zoom_out, zoom_in):
            row.addWidget(widget)
        self.view.pageNavigator().currentPageChanged.connect(self._page_shown)
        return row

    def _buttons(self) -> QHBoxLayout:
        self.print_button = QPushButton("打印…")
        self.print_button.clicked.connect(self.print_document)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setToolTip("打印（Ctrl+P）")
        self.save_button = QPushButton("另存为 PDF…")
        self.save_button.clicked.connect(self.save_as)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip("另存为 PDF（Ctrl+S）")
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        for button in (self.print_button, self.save_button, close):
            row.addWidget(button)
        self.print_button.setDefault(True)
        return row

    # -- loading -----------------------------------------------------------------------------
    def start(self) -> None:
        """Write the document on a worker; show it when written, or say why not."""
        run_with_progress(
            self.parentWidget(),
            "正在生成文书…",
            lambda: self.write(self.pdf),
            self._written,
            self._failed,
        )

    def _written(self, fonts: FontChoice | None) -> None:
        self.fonts = fonts
        if self.document.load(str(self.pdf)) != QPdfDocument.Error.None_:
            self._failed(StorageError(f"无法打开生成的文书：{self.pdf}"))
            return
        count = self.document.pageCount()
        self.page.setRange(1, max(1, count))
        self.pages.setText(f"页，共 {count} 页")
        self._page_shown(0)
        if fonts is not None:
            self.status.setText(f"字体：{fonts.source}")
        if fonts is not None and fonts.warning:
            self.warning.setText(f"注意：{fonts.warning}")
            self.warning.show()
        self.show()
        self.raise_()
        self.ready.emit()

    def _failed(self, error: BaseException) -> None:
        report_error(self.parentWidget(), error)
        self._clean_up()
        self.deleteLater()

    def _clean_up(self) -> None:
        self.document.close()
        _remove(self.folder)

    # -- navigation --------------------------------------------------------------------------
    def go_to(self, page: int) -> None:
        if 0 <= page < self.document.pageCount():
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())

    def _page_shown(self, page: int) -> None:
        self.page.blockSignals(True)
        self.page.setValue(page + 1)
        self.page.blockSignals(False)
        self.previous_page.setEnabled(page > 0)
        self.next_page.setEnabled(page < self.document.pageCount() - 1)

    def zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, self.view.zoomFactor() * factor)))

    # -- print and save ----------------------------------------------------------------------
    def new_printer(self) -> QPrinter:
        """A printer set up for this document: A4, its orientation, the whole paper."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name)
        printer.setFullPage(True)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        first = self.document.pagePointSize(0)
        if first.width() > first.height():
            printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        return printer

    def choose_printer(self) -> QPrinter | None:
        """The print dialog (page range allowed); None when cancelled."""
        printer = self.new_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCurrentPage, False)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def print_document(self) -> None:
        printer = self.choose_printer()
        if printer is None:
            return
        run_with_progress(
            self,
            "正在打印…",
            lambda: print_pdf(self.pdf, printer),
            lambda pages: self.status.setText(f"已发送到打印机：{pages} 页"),
            lambda error: report_error(self, error),
        )

    def save_as(self) -> None:
        settings = QSettings()
        folder = str(settings.value(LAST_FOLDER, "") or Path.home())
        chosen, _ = QFileDialog.getSaveFileName(
            self, "另存为 PDF", str(Path(folder) / f"{self.file_name}.pdf"), "PDF 文件 (*.pdf)"
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            shutil.copyfile(self.pdf, target)
        except OSError as error:
            QMessageBox.warning(self, "无法保存", f"无法保存到 {target}：\n{error.strerror}")
            return
        settings.setValue(LAST_FOLDER, str(target.parent))
        self.status.setText(f"已保存：{target}")


def preview_document(
    parent: QWidget | None, title: str, write: DocumentWriter, file_name: str
) -> PdfPreviewDialog:
    """Write the document (on a worker) and show it in a preview window when it is ready.
    A user's mistake found while writing (say, a character the font lacks) is shown instead
    and no preview opens."""
    dialog = PdfPreviewDialog(parent, title, write, file_name)
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.start()
    return dialog
