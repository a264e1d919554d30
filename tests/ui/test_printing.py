"""The 打印 menu: the ledger as the tab shows it, the selected hazard's 隐患档案, and a listed
hazard's 挂牌督办 documents, each in the preview (whose PDF is read back here)."""

import datetime as dt

from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument

from hazard_ledger.domain.enums import HazardLevel
from hazard_ledger.services import hazards
from hazard_ledger.services.hazard_queries import list_hazards
from hazard_ledger.services.supervision import list_hazard
from hazard_ledger.ui.dialogs.pdf_preview import PdfPreviewDialog
from hazard_ledger.ui.documents import sheet_writer
from hazard_ledger.ui.main_window import MainWindow
from tests.ui.test_main_window import select

D = dt.date


def text_of(dialog: PdfPreviewDialog) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(dialog.pdf).pages)


def loaded(qtbot, dialog: PdfPreviewDialog) -> PdfPreviewDialog:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=15000)
    return dialog


def test_the_ledger_prints_as_filtered(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.filter_bar.overdue.setChecked(True)
    window.refresh()  # reads the filter bar now, without waiting for its typing pause
    shown = {row.code for row in window.model.rows}
    dialog = loaded(qtbot, window.print_ledger())
    text = text_of(dialog)
    assert "隐患排查整改台账" in text and "逾期" in text
    every = {row.code for row in list_hazards(window.ledger)}
    assert shown and shown != every  # the filter leaves some out
    for code in every:
        assert (code in text) is (code in shown), code


def test_sheet_and_supervision_documents_follow_the_selection(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    actions = window.actions_by_name
    first = window.model.rows[0].code
    select(window, first)
    assert actions["print_sheet"].isEnabled() and not actions["print_listing"].isEnabled()
    sheet = loaded(qtbot, window._print_hazard(sheet_writer, "隐患档案"))
    assert "隐患档案" in text_of(sheet) and first in text_of(sheet)
    major = hazards.record_hazard(
        window.ledger,
        hazards.NewHazard(
            unit="鑫源五金厂",
            description="喷漆房无报警",
            level=HazardLevel.MAJOR,
            found_on=D(2026, 11, 2),
        ),
    )
    list_hazard(
        window.ledger,
        major,
        level="县级",
        authority="泰顺县安委会",
        doc_no="泰安委〔2026〕8号",
        listed_on=D(2026, 11, 3),
        deadline=D(2027, 1, 31),
    )
    window.refresh()
    window.open_hazard(major)
    assert actions["print_listing"].isEnabled() and actions["print_form"].isEnabled()
    listing = loaded(qtbot, window._print_supervision(form=False))
    assert "挂牌督办通知书" in text_of(listing) and "泰安委〔2026〕8号" in text_of(listing)
    form = loaded(qtbot, window._print_supervision(form=True))
    assert "验收销号审批表" in text_of(form)
