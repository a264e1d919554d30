"""The printed ledger (隐患排查整改台账): landscape A4, the ledger columns that fit legibly,
the column header on every page, and on every page the station, the title, what the filter
selected, the row count and the print date.

Sixteen of DOMAIN's columns are printed (docs/decisions.md says which and why); the full set
goes to the Excel export. Short columns (dates, codes, status) are sized to their content in the
chosen font; the text columns share the rest of the width and wrap.
"""

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, LongTable, Paragraph, TableStyle

from hazard_ledger.reports import document as doc
from hazard_ledger.reports.fonts import FontChoice, resolve_fonts
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.ledger_rows import COLUMNS_BY_ATTRIBUTE, LedgerRow, cell_text

TITLE = "隐患排查整改台账"
PAGE = landscape(A4)
MARGINS = {
    "topMargin": 30 * mm,  # the heading is drawn in it on every page
    "bottomMargin": 14 * mm,
    "leftMargin": 12 * mm,
    "rightMargin": 12 * mm,
}
WIDTH = PAGE[0] - MARGINS["leftMargin"] - MARGINS["rightMargin"]
FONT_SIZE, LEADING, PADDING = 8, 10, 2.5


def _review(row: LedgerRow) -> str:
    return "\n".join(text for text in (row.verification_label, cell_text(row.verified_on)) if text)


def _code(row: LedgerRow) -> str:
    """The code, with a second line for a hazard under 挂牌督办 (its level) or delisted from it:
    the mark costs no column, and the county reads its listed hazards at a glance."""
    if row.listed:
        return f"{row.code}\n{row.listing_level}挂牌"
    if row.supervision:
        return f"{row.code}\n挂牌已销号"
    return row.code


def _overdue(row: LedgerRow) -> str:
    return str(row.overdue_days) if row.overdue_days else ""


@dataclass(frozen=True, slots=True)
class PrintedColumn:
    """A printed column: ``weight`` 0 means sized to its content, else a share of the rest."""

    header: str  # "<br/>" breaks a long header where it reads well
    text: Callable[[LedgerRow], str]
    weight: float = 0
    sample: str = ""  # the widest content of a content-sized column, when known in advance


def _field(attribute: str) -> Callable[[LedgerRow], str]:
    return lambda row: cell_text(getattr(row, attribute))


def _header(attribute: str) -> str:
    return COLUMNS_BY_ATTRIBUTE[attribute].header


DATE = "2026-12-31"
COLUMNS = (
    PrintedColumn(_header("serial"), _field("serial")),
    PrintedColumn(_header("code"), _code),
    PrintedColumn(_header("unit"), _field("unit"), 2.6),
    PrintedColumn(_header("village"), _field("village"), 1.5),
    PrintedColumn("部位", _field("location"), 1.6),
    PrintedColumn(_header("description"), _field("description"), 5),
    PrintedColumn("等级", _field("level_label"), sample="重大"),
    PrintedColumn(_header("found_on"), _field("found_on"), sample=DATE),
    PrintedColumn("整改<br/>责任人", _field("responsible"), 1.3),
    PrintedColumn(_header("requirement"), _field("requirement"), 2.8),
    PrintedColumn(_header("deadline"), _field("deadline"), sample=DATE),
    PrintedColumn("通知书<br/>文号", _field("notice_number"), 2.6),
    PrintedColumn("整改完成<br/>日期", _field("rectified_on"), sample=DATE),
    PrintedColumn("复查结论<br/>复查日期", _review, sample=DATE),
    PrintedColumn(_header("status_label"), _field("status_label"), sample="待交办"),
    PrintedColumn("逾期<br/>天数", _overdue, sample="999"),
)


def ledger_text(rows: Sequence[LedgerRow], station: StationView, selection: str) -> str:
    """Everything the printout prints, for the missing-glyph check."""
    parts = [TITLE, station.name, selection, "填报单位：打印日期：第页共条年月日"]
    parts += [column.header for column in COLUMNS]
    parts += [column.text(row) for row in rows for column in COLUMNS]
    return "".join(parts)


def write_ledger_pdf(
    rows: Sequence[LedgerRow],
    station: StationView,
    target: Path,
    *,
    selection: str,
    printed_on: dt.date,
    fonts: FontChoice | None = None,
) -> doc.Printed:
    """Print ``rows`` (from services.ledger_rows) to ``target``; ``selection`` says what the
    filter selected (services.ledger_rows.describe_filter). Refuses, before writing anything,
    when the font lacks a character."""
    fonts = fonts or resolve_fonts()
    doc.check_glyphs(ledger_text(rows, station, selection), fonts)
    cells = [[column.text(row) for column in COLUMNS] for row in rows]
    widths = _widths(cells, fonts)
    head = ParagraphStyle(
        "ledger-head",
        fontName=fonts.title,
        fontSize=FONT_SIZE,
        leading=LEADING,
        alignment=TA_CENTER,
        wordWrap="CJK",
    )
    wrapped = [i for i, column in enumerate(COLUMNS) if column.weight]
    breaker = LineBreaker(fonts.body, FONT_SIZE)
    for line in cells:
        for i in wrapped:
            line[i] = breaker.wrap(line[i], widths[i] - 2 * PADDING)
    table_rows: list[list[Flowable | str]] = [[Paragraph(c.header, head) for c in COLUMNS]]
    table_rows += cells
    if not rows:
        table_rows.append(["没有符合筛选条件的隐患。"] + [""] * (len(COLUMNS) - 1))
    table = LongTable(table_rows, colWidths=widths, repeatRows=1)
    table.setStyle(_style(fonts, wrapped, empty=not rows))

    def heading(canvas: Canvas, page: int) -> None:
        _draw_heading(canvas, fonts, station, selection, len(rows), printed_on)

    pages = doc.build(
        [table],
        target,
        fonts,
        title=f"{TITLE}（{selection}）",
        author=station.name,
        footer="",
        pagesize=PAGE,
        margins=MARGINS,
        on_page=heading,
        page_number_y=7 * mm,
    )
    return doc.Printed(fonts, pages)


NO_LINE_START = "，。、；：？！）】》」』”’,.;:?!)"
NO_LINE_END = "（【《「『“‘("


class LineBreaker:
    """Breaks cell text into lines that fit a width. Plain lines instead of Paragraphs keep a
    1,000-row ledger several times faster.

    Text is cut into units that never break: one CJK character, or a run of Latin letters and
    digits (a number, a standard's code), with any opening bracket before it and any closing
    punctuation after it, so no line starts with a comma or a ） nor ends with a （. Units are
    packed greedily; only a unit wider than a whole line is broken inside."""

    _UNIT = re.compile(
        rf"\s+|[{re.escape(NO_LINE_END)}]*(?:[0-9A-Za-z.,:%/()\-]+|\S)[{re.escape(NO_LINE_START)}]*"
    )

    def __init__(self, font: str, size: float) -> None:
        self._font, self._size = font, size
        self._widths: dict[str, float] = {}

    def width(self, text: str) -> float:
        total = 0.0
        for ch in text:
            width = self._widths.get(ch)
            if width is None:
                width = self._widths[ch] = stringWidth(ch, self._font, self._size)
            total += width
        return total

    def wrap(self, text: str, limit: float) -> str:
        lines: list[str] = []
        for paragraph in text.splitlines() or [""]:
            first, line, used = len(lines), "", 0.0
            for unit in self._UNIT.findall(paragraph):
                if unit.isspace():
                    if not line:
                        continue  # no line starts with a space
                    unit = " "
                width = self.width(unit)
                if used + width > limit and line:
                    lines.append(line.rstrip())
                    line, used = "", 0.0
                    if unit == " ":
                        continue
                if used + width <= limit:
                    line, used = line + unit, used + width
                    continue
                for ch in unit:  # wider than a whole line: broken where it must be
                    if used + self.width(ch) > limit and line:
                        lines.append(line.rstrip())
                        line, used = "", 0.0
                    line, used = line + ch, used + self.width(ch)
            if line or len(lines) == first:  # an empty paragraph keeps its (empty) line
                lines.append(line.rstrip())
        return "\n".join(lines)


def _widths(cells: list[list[str]], fonts: FontChoice) -> list[float]:
    """Content-sized columns as wide as their widest line or header line; the text columns
    share what is left by weight."""
    fixed: dict[int, float] = {}
    for i, column in enumerate(COLUMNS):
        if column.weight:
            continue
        lines = [*column.header.split("<br/>"), column.sample]
        widest = max(stringWidth(line, fonts.title, FONT_SIZE) for line in lines)
        for line in cells:
            for part in line[i].split("\n"):
                widest = max(widest, stringWidth(part, fonts.body, FONT_SIZE))
        fixed[i] = widest + 2 * PADDING + 1
    share = (WIDTH - sum(fixed.values())) / sum(c.weight for c in COLUMNS)
    return [fixed.get(i, column.weight * share) for i, column in enumerate(COLUMNS)]


def _style(fonts: FontChoice, wrapped: list[int], *, empty: bool) -> TableStyle:
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.body, FONT_SIZE, LEADING),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.Color(0.96, 0.96, 0.96)]),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("ALIGN", (i, 1), (i, -1), "LEFT") for i in wrapped]
    if empty:
        commands.append(("SPAN", (0, 1), (-1, 1)))
    return TableStyle(commands)


def _draw_heading(
    canvas: Canvas,
    fonts: FontChoice,
    station: StationView,
    selection: str,
    count: int,
    printed_on: dt.date,
) -> None:
    left, right = MARGINS["leftMargin"], PAGE[0] - MARGINS["rightMargin"]
    top = PAGE[1]
    canvas.setFont(fonts.title, 17)
    canvas.drawCentredString(PAGE[0] / 2, top - 14 * mm, TITLE)
    date = f"打印日期：{doc.chinese_date(printed_on)}"
    canvas.setFont(fonts.body, 9.5)
    canvas.drawRightString(right, top - 21 * mm, date)
    canvas.drawString(left, top - 21 * mm, f"填报单位：{station.name}")
    summary = f"{selection}　共 {count} 条"
    # A long filter (a unit name and a search, say) shrinks rather than running off the page.
    size = 9.5
    while size > 6 and stringWidth(summary, fonts.body, size) > right - left:
        size -= 0.5
    canvas.setFont(fonts.body, size)
    canvas.drawString(left, top - 26 * mm, summary)
