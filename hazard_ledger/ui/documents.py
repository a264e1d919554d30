"""The ledger's documents as writers for the preview dialog: a notice or review (a reprint is
the same number and content, read back from the ledger), its 送达回证, the ledger printout, a
hazard's 隐患档案, a listed hazard's 挂牌督办通知书 and 验收销号审批表, and the preflight that
writes a new document once before it is issued, so a font lacking a character refuses the
issue instead of leaving a notice that cannot be printed."""

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from hazard_ledger.domain.errors import WorkflowError
from hazard_ledger.reports.fonts import FontChoice, ledger_fonts
from hazard_ledger.reports.hazard_sheet_pdf import write_hazard_sheet_pdf
from hazard_ledger.reports.ledger_pdf import write_ledger_pdf
from hazard_ledger.reports.notice_pdf import write_notice_pdf
from hazard_ledger.reports.receipt_pdf import write_receipt_pdf
from hazard_ledger.reports.review_pdf import write_review_pdf
from hazard_ledger.reports.supervision_pdf import (
    write_acceptance_form_pdf,
    write_listing_notice_pdf,
)
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.hazard_queries import HazardFilter, show_hazard
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.ledger_rows import describe_filter, ledger_rows
from hazard_ledger.services.notices import NoticeView, get_notice
from hazard_ledger.services.stations import get_local_station, get_station
from hazard_ledger.services.supervision import get_supervision
from hazard_ledger.ui.dialogs.pdf_preview import (
    DocumentWriter,
    PdfPreviewDialog,
    preview_document,
)

PdfWriter = Callable[[NoticeView, StationView, Path, FontChoice], FontChoice]


def _station(ledger: Ledger, code: str = "") -> StationView:
    """The station a document prints under: the record's own (an imported record in a county
    ledger prints as its station issued it), else this install's."""
    if code:
        return get_station(ledger, code)
    station = get_local_station(ledger)
    assert station is not None  # the window opens only on a ledger with a station
    return station


def _writer_for(notice: NoticeView) -> PdfWriter:
    return write_review_pdf if notice.kind == "review" else write_notice_pdf


def notice_writer(ledger: Ledger, number: str) -> DocumentWriter:
    """Writes the notice (or review) ``number`` as issued."""

    def write(target: Path) -> FontChoice:
        notice = get_notice(ledger, number)
        station = _station(ledger, notice.station_code)
        return _writer_for(notice)(notice, station, target, ledger_fonts(ledger))

    return write


def receipt_writer(ledger: Ledger, number: str) -> DocumentWriter:
    """Writes the 送达回证 of ``number`` (blank lines when not yet served)."""

    def write(target: Path) -> FontChoice:
        notice = get_notice(ledger, number)
        station = _station(ledger, notice.station_code)
        return write_receipt_pdf(notice, station, target, ledger_fonts(ledger))

    return write


def preflight(ledger: Ledger) -> Callable[[NoticeView], None]:
    """For issue_notice/review_notice: write the new document once to a scratch file; whatever
    that raises rolls the issue back."""
    station, fonts = _station(ledger), ledger_fonts(ledger)

    def check(notice: NoticeView) -> None:
        with tempfile.TemporaryDirectory(prefix="hazard-ledger-check-") as folder:
            _writer_for(notice)(notice, station, Path(folder) / "check.pdf", fonts)

    return check


def preview_notice(
    parent: QWidget | None, ledger: Ledger, key: str, number: str = ""
) -> PdfPreviewDialog:
    """Preview the notice ``key`` (its number, or its uuid in a county ledger where two
    stations' numbers may coincide; ``number`` then names it)."""
    number = number or key
    return preview_document(parent, f"文书预览 — {number}", notice_writer(ledger, key), number)


def preview_receipt(
    parent: QWidget | None, ledger: Ledger, key: str, number: str = ""
) -> PdfPreviewDialog:
    number = number or key
    return preview_document(
        parent, f"送达回证 — {number}", receipt_writer(ledger, key), f"送达回证 {number}"
    )


def ledger_writer(
    ledger: Ledger, filters: HazardFilter, sort: str, descending: bool
) -> DocumentWriter:
    """Writes the ledger printout of what the ledger tab shows (its filters and sort)."""

    def write(target: Path) -> FontChoice:
        rows = ledger_rows(ledger, filters, sort=sort, descending=descending)
        return write_ledger_pdf(
            rows,
            _station(ledger),
            target,
            selection=describe_filter(filters),
            printed_on=ledger.today(),
            fonts=ledger_fonts(ledger),
        ).fonts

    return write


def sheet_writer(ledger: Ledger, code: str) -> DocumentWriter:
    """Writes the 隐患档案 of ``code`` (a missing photo prints as a framed note)."""

    def write(target: Path) -> FontChoice:
        hazard = show_hazard(ledger, code)
        station = _station(ledger, hazard.station_code)
        return write_hazard_sheet_pdf(hazard, station, target, ledger_fonts(ledger)).fonts

    return write


def supervision_writer(ledger: Ledger, code: str, form: bool) -> DocumentWriter:
    """Writes a listed hazard's 挂牌督办通知书, or (``form``) its 验收销号审批表."""
    writer = write_acceptance_form_pdf if form else write_listing_notice_pdf

    def write(target: Path) -> FontChoice:
        view = get_supervision(ledger, code)
        if view is None:
            raise WorkflowError(f"隐患 {code} 未挂牌督办。")
        hazard = show_hazard(ledger, code)
        station = _station(ledger, hazard.station_code)
        return writer(view, hazard, station, target, ledger_fonts(ledger)).fonts

    return write
