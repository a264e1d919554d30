"""The document preview: loads the written PDF, saves an identical copy, prints page by page
(through a QPrinter writing a PDF file, so no print dialog is needed), refuses a missing glyph."""

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
import reportlab
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from hazard_ledger.services.hazards import NewHazard, record_hazard
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.notices import issue_notice
from hazard_ledger.services.preferences import load_preferences, save_preferences
from hazard_ledger.ui.dialogs.pdf_preview import (
    LAST_FOLDER,
    PdfPreviewDialog,
    print_pdf,
    safe_file_name,
)
from hazard_ledger.ui.documents import notice_writer, preview_notice

D = dt.date
VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"  # a TrueType font with no Chinese


@pytest.fixture
def long_notice(ledger: Ledger) -> str:
    """A notice listing 30 hazards: several pages."""
    codes = [
        record_hazard(
            ledger,
            NewHazard(
                unit="鑫源五金厂",
                description=f"第{i}号车间配电箱前堆放纸箱等可燃物，影响操作和散热",
                location=f"{i}号车间",
                found_on=D(2026, 11, 10),
            ),
        )
        for i in range(1, 31)
    ]
    return issue_notice(
        ledger,
        unit="鑫源五金厂",
        codes=codes,
        deadline=D(2026, 11, 30),
        requirement="立即清理，保持配电箱前 0.8 米内无杂物",
    )


def shown(qtbot, dialog: PdfPreviewDialog) -> PdfPreviewDialog:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isVisible, timeout=10000)
    return dialog


def test_the_preview_shows_the_document(app: QApplication, qtbot, ledger, long_notice) -> None:  # type: ignore[no-untyped-def]
    dialog = shown(qtbot, preview_notice(None, ledger, long_notice))
    assert dialog.document.status() == QPdfDocument.Status.Ready
    pages = dialog.document.pageCount()
    assert pages >= 3 and dialog.pages.text() == f"页，共 {pages} 页"
    assert dialog.warning.isHidden()  # the shipped font is embedded: nothing to warn about
    text = "".join(page.extract_text() for page in PdfReader(dialog.pdf).pages)
    assert long_notice in text and "第30号车间" in text
    dialog.go_to(2)
    qtbot.waitUntil(lambda: dialog.page.value() == 3, timeout=3000)
    assert dialog.next_page.isEnabled() == (pages > 3) and dialog.previous_page.isEnabled()
    folder = dialog.folder
    dialog.reject()
    assert not folder.exists()  # the temporary file goes with the window


def test_save_as_writes_the_same_file_and_remembers_the_folder(
    app: QApplication, qtbot, ledger: Ledger, long_notice: str, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dialog = shown(qtbot, preview_notice(None, ledger, long_notice))
    asked: list[str] = []
    target = tmp_path / "存档" / "通知书"  # no suffix: .pdf is added
    target.parent.mkdir()

    def choose(_parent, _title, suggested, _filter):  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return str(target), "PDF 文件 (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    dialog.save_as()
    saved = target.with_name("通知书.pdf")
    assert saved.read_bytes() == dialog.pdf.read_bytes()
    assert asked[0].endswith(f"{long_notice}.pdf")
    assert "已保存" in dialog.status.text()
    dialog.save_as()
    assert Path(asked[1]).parent == target.parent  # the last folder is remembered
    assert QSettings().value(LAST_FOLDER) == str(target.parent)
    dialog.reject()


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(72)  # quick in tests; pages are the same size at any resolution
    printer.setFullPage(True)
    return printer


def test_printing_renders_every_page_or_the_range_chosen(
    app: QApplication, qtbot, ledger: Ledger, long_notice: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = shown(qtbot, preview_notice(None, ledger, long_notice))
    pages = dialog.document.pageCount()
    everything = tmp_path / "printed.pdf"
    assert print_pdf(dialog.pdf, pdf_printer(everything)) == pages
    assert len(PdfReader(everything).pages) == pages
    second = tmp_path / "page2.pdf"
    printer = pdf_printer(second)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_pdf(dialog.pdf, printer) == 2
    assert len(PdfReader(second).pages) == 2
    dialog.reject()


def test_the_print_button_prints_on_a_worker(
    app: QApplication, qtbot, ledger: Ledger, long_notice: str, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dialog = shown(qtbot, preview_notice(None, ledger, long_notice))
    out = tmp_path / "button.pdf"
    monkeypatch.setattr(dialog, "choose_printer", lambda: pdf_printer(out))
    dialog.print_button.click()
    qtbot.waitUntil(lambda: "已发送到打印机" in dialog.status.text(), timeout=15000)
    assert len(PdfReader(out).pages) == dialog.document.pageCount()
    printer = dialog.new_printer()  # what the print dialog starts from
    assert printer.fullPage() and printer.pageLayout().pageSize().id().name == "A4"
    dialog.reject()


def test_a_font_lacking_a_character_shows_the_message_and_no_preview(
    app: QApplication, qtbot, ledger: Ledger, long_notice: str, messages
) -> None:  # type: ignore[no-untyped-def]
    save_preferences(ledger, replace(load_preferences(ledger), document_font=str(VERA)))
    dialog = preview_notice(None, ledger, long_notice)
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    kind, text = messages[0]
    assert kind == "warning" and "缺少这些字" in text and "Vera" in text
    qtbot.wait(50)
    with pytest.raises(RuntimeError):  # deleted, never shown
        dialog.isVisible()


def test_a_writer_is_any_callable(app: QApplication, qtbot, ledger, long_notice, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The same dialog previews whatever a callable writes (later: the ledger printout)."""
    calls: list[Path] = []
    write = notice_writer(ledger, long_notice)

    def writer(target: Path):  # type: ignore[no-untyped-def]
        calls.append(target)
        return write(target)

    dialog = PdfPreviewDialog(None, "测试", writer, "a/b:c")
    dialog.start()
    shown(qtbot, dialog)
    assert calls == [dialog.pdf] and dialog.pdf.name == "a_b_c.pdf"
    assert safe_file_name("（罗）应消整改〔2026〕1号") == "（罗）应消整改〔2026〕1号"
    dialog.reject()


def test_the_temporary_file_goes_with_the_parent_window(
    app: QApplication, qtbot, ledger: Ledger, long_notice: str
) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    dialog = preview_notice(parent, ledger, long_notice)
    qtbot.waitUntil(dialog.isVisible, timeout=10000)
    folder = dialog.folder
    assert dialog.pdf.is_file()
    parent.deleteLater()  # the main window closing, the preview still open
    qtbot.waitUntil(lambda: not folder.exists(), timeout=3000)
