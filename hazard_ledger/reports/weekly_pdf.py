"""The 周报 as a PDF (landscape A4, the fonts of every document): the header block, the 汇总
table by 行业领域 with its 本周 and 累计 groups and the notes on what they count, the 分站
table on a county ledger of several stations, then the 逾期 list and the 明细 (the hazards the
week touched, in the printed ledger's columns and what was done to each). The same report as
the workbook (reports.weekly_xlsx); every page repeats the title, station and period.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, Table, TableStyle

from hazard_ledger.reports import document as doc
from hazard_ledger.reports.fonts import FontChoice, resolve_fonts
from hazard_ledger.reports.ledger_pdf import COLUMNS as LEDGER_PRINTED
from hazard_ledger.reports.ledger_pdf import LineBreaker
from hazard_ledger.reports.weekly_xlsx import figure_header, header_lines, span_headers
from hazard_ledger.services.ledger_rows import LedgerRow, cell_text
from hazard_ledger.services.weekly import SUMMARY_COLUMNS, Figures, SummaryRow, WeeklyReport

PAGE = landscape(A4)
MARGINS = {
    "topMargin": 18 * mm,  # the running head is drawn in it
    "bottomMargin": 14 * mm,
    "leftMargin": 12 * mm,
    "rightMargin": 12 * mm,
}
WIDTH = PAGE[0] - MARGINS["leftMargin"] - MARGINS["rightMargin"]
FONT_SIZE, LEADING, PADDING = 7.5, 9.5, 2
GREY = colors.Color(0.9, 0.9, 0.9)


@dataclass(frozen=True, slots=True)
class ListColumn:
    """A column of the 逾期 or 明细 list: ``weight`` 0 is sized to its content."""

    header: str  # "<br/>" breaks a long header
    text: Callable[[LedgerRow], str]
    weight: float = 0
    sample: str = ""


def _listing(row: LedgerRow) -> str:
    if row.listed:
        return f"{row.listing_level}挂牌"
    return "已销号" if row.supervision else ""


def _days(row: LedgerRow) -> str:
    return str(row.overdue_days) if row.overdue_days else ""


DATE = "2026-12-31"
OVERDUE_COLUMNS = (
    ListColumn("序号", lambda r: str(r.serial)),
    ListColumn("隐患编号", lambda r: r.code),
    ListColumn("单位名称", lambda r: r.unit, 2.6),
    ListColumn("村(社区)", lambda r: r.village, 1.3),
    ListColumn("隐患描述", lambda r: r.description, 5),
    ListColumn("等级", lambda r: r.level_label, sample="重大"),
    ListColumn("整改<br/>责任人", lambda r: r.responsible, 1.2),
    ListColumn("联系电话", lambda r: r.responsible_phone, sample="13800000000"),
    ListColumn("整改期限", lambda r: cell_text(r.deadline), sample=DATE),
    ListColumn("逾期<br/>天数", _days, sample="999"),
    ListColumn("通知书文号", lambda r: r.notice_number, 2.4),
    ListColumn("挂牌<br/>督办", _listing, sample="县级挂牌"),
    ListColumn("当前<br/>状态", lambda r: r.status_label, sample="待交办"),
)


def write_weekly_pdf(
    report: WeeklyReport, target: Path, *, fonts: FontChoice | None = None
) -> doc.Printed:
    """Print ``report`` to ``target``; refused, before anything is written, when the font
    lacks a character."""
    fonts = fonts or resolve_fonts()
    steps = {detail.row.code: detail.steps for detail in report.details}
    detail_columns = (
        *(c for c in _as_list_columns() if c.header != "整改要求"),
        ListColumn("本周办理", lambda r: steps.get(r.code, ""), 3),
    )
    details = [detail.row for detail in report.details]
    doc.check_glyphs(_all_text(report, detail_columns, details), fonts)
    s = _styles(fonts)
    story: list[Flowable] = [
        Paragraph(report.title, s["title"]),
        _header_block(report, s),
        Spacer(1, 3 * mm),
        Paragraph("一、汇总（按行业领域）", s["section"]),
        _summary_table(report, report.by_industry, "行业领域", fonts),
        Spacer(1, 2 * mm),
        *(Paragraph(doc.esc(note), s["note"]) for note in ("说明：", *report.notes)),
    ]
    number = iter("二三四五")
    if report.by_station:
        story += [
            Spacer(1, 4 * mm),
            Paragraph(f"{next(number)}、分站汇总", s["section"]),
            _summary_table(report, report.by_station, "站点", fonts),
        ]
    as_of = doc.chinese_date(report.as_of)
    story += [
        Spacer(1, 4 * mm),
        Paragraph(
            f"{next(number)}、逾期未整改隐患（截至{as_of}，共 {len(report.overdue)} 条，"
            "按逾期天数由多到少排列）",
            s["section"],
        ),
        _list_table(OVERDUE_COLUMNS, list(report.overdue), fonts, s),
        Spacer(1, 4 * mm),
        Paragraph(
            f"{next(number)}、明细：统计区间内登记、办理或闭环的隐患（共 {len(details)} 条）",
            s["section"],
        ),
        _list_table(detail_columns, details, fonts, s),
    ]

    def heading(canvas: Canvas, page: int) -> None:
        canvas.setFont(fonts.body, 8.5)
        top = PAGE[1] - 10 * mm
        canvas.drawString(MARGINS["leftMargin"], top, f"{report.title}　{report.township}")
        canvas.drawRightString(PAGE[0] - MARGINS["rightMargin"], top, report.period.label)

    pages = doc.build(
        story,
        target,
        fonts,
        title=f"{report.title}（{report.township}，{report.period.label}）",
        author=report.operator,
        footer="",
        pagesize=PAGE,
        margins=MARGINS,
        on_page=heading,
        page_number_y=7 * mm,
    )
    return doc.Printed(fonts, pages)


def _as_list_columns() -> list[ListColumn]:
    """The printed ledger's columns (reports.ledger_pdf), as list columns."""
    return [ListColumn(c.header, c.text, c.weight, c.sample) for c in LEDGER_PRINTED]


def _all_text(
    report: WeeklyReport, detail_columns: Sequence[ListColumn], details: list[LedgerRow]
) -> str:
    parts = [report.title, *(item for line in header_lines(report) for item in line)]
    parts += [*span_headers(report), *report.notes, "一二三四五、汇总按行业领域分站逾期明细"]
    parts += [f"{c.group}{c.header}" for c in SUMMARY_COLUMNS]
    parts += [line.label for line in (*report.by_industry, *report.by_station)]
    parts += [c.header for c in (*OVERDUE_COLUMNS, *detail_columns)]
    parts += [c.text(row) for row in report.overdue for c in OVERDUE_COLUMNS]
    parts += [c.text(row) for row in details for c in detail_columns]
    return "".join(parts)


def _styles(fonts: FontChoice) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle(
            "weekly-title", fontName=fonts.title, fontSize=17, leading=24, alignment=TA_CENTER
        ),
        "info": ParagraphStyle("weekly-info", fontName=fonts.body, fontSize=10, leading=15),
        "section": ParagraphStyle(
            "weekly-section", fontName=fonts.title, fontSize=11, leading=18, spaceAfter=2
        ),
        "note": ParagraphStyle(
            "weekly-note", fontName=fonts.body, fontSize=8, leading=11, wordWrap="CJK"
        ),
        "head": ParagraphStyle(
            "weekly-head",
            fontName=fonts.title,
            fontSize=FONT_SIZE,
            leading=LEADING,
            alignment=TA_CENTER,
            wordWrap="CJK",
        ),
    }


def _header_block(report: WeeklyReport, s: dict[str, ParagraphStyle]) -> Table:
    """乡镇(街道) and 统计区间; 填报人, 审核人 and 报送日期: two lines, items spread out."""
    first, second = header_lines(report)
    rows = [
        [Paragraph(doc.esc(first[0]), s["info"]), "", Paragraph(doc.esc(first[1]), s["info"])],
        [Paragraph(doc.esc(text), s["info"]) for text in second],
    ]
    table = Table(rows, colWidths=[WIDTH * 0.3, WIDTH * 0.3, WIDTH * 0.4])
    table.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 0), (1, 0)),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _figure_text(figures: Figures) -> list[str]:
    cells = []
    for column in SUMMARY_COLUMNS:
        value = column.value(figures)
        if value is None:
            cells.append("—")
        elif isinstance(value, float):
            cells.append(f"{value:.1%}")
        else:
            cells.append(str(value))
    return cells


def _summary_table(
    report: WeeklyReport, lines: Sequence[SummaryRow], label: str, fonts: FontChoice
) -> Table:
    """Three header rows (本周/累计; each figure or its group; the group's parts), a row per
    行业领域 (or station), the 合计 row in bold."""
    per_span = len(SUMMARY_COLUMNS)
    body = [
        [line.label, *_figure_text(line.week), *_figure_text(line.cumulative)]
        for line in (*lines, report.total)
    ]
    # The label column as wide as its longest label, up to a sixth of the page (longer ones
    # wrap); thirty figure columns share the rest.
    labels = [label, *(row[0] for row in body)]
    first_width = min(
        max(stringWidth(text, fonts.body, FONT_SIZE) for text in labels) + 2 * PADDING + 2,
        WIDTH / 6,
    )
    figure_width = (WIDTH - first_width) / (2 * per_span)
    room = figure_width - 2 * (PADDING - 1) - 1.5
    # Headers hold three characters a line (检查/单位数); a county's 累计 runs to five digits:
    # both shrink, within limits, rather than break badly or touch their neighbours.
    head_size = max(5.5, min(7, room / stringWidth("单位数", fonts.title, 1)))
    widest = max(stringWidth(text, fonts.title, 1) for row in body for text in row[1:])
    size = max(5.5, min(FONT_SIZE, room / widest))
    head = ParagraphStyle(
        "summary-head",
        fontName=fonts.title,
        fontSize=head_size,
        leading=head_size + 1.5,
        alignment=TA_CENTER,
        wordWrap="CJK",
    )
    top: list[Flowable | str] = [Paragraph(label, head)]
    middle: list[Flowable | str] = [""]
    bottom: list[Flowable | str] = [""]
    spans: list[tuple[object, ...]] = [("SPAN", (0, 0), (0, 2))]
    for span, text in enumerate(span_headers(report)):
        first = 1 + span * per_span
        top += [Paragraph(text, head)] + [""] * (per_span - 1)
        spans.append(("SPAN", (first, 0), (first + per_span - 1, 0)))
        column = first
        for group, members in groupby(SUMMARY_COLUMNS, key=lambda c: c.group):
            parts = list(members)
            if len(parts) == 1 and not parts[0].header:
                middle.append(Paragraph(figure_header(group, "<br/>"), head))
                bottom.append("")
                spans.append(("SPAN", (column, 1), (column, 2)))
            else:
                middle += [Paragraph(group, head)] + [""] * (len(parts) - 1)
                bottom += [Paragraph(part.header, head) for part in parts]
                spans.append(("SPAN", (column, 1), (column + len(parts) - 1, 1)))
            column += len(parts)
    breaker = LineBreaker(fonts.body, FONT_SIZE)
    for row in body:
        row[0] = breaker.wrap(row[0], first_width - 2 * PADDING)
    table = Table(
        [top, middle, bottom, *body],
        colWidths=[first_width] + [figure_width] * (2 * per_span),
        repeatRows=3,
    )
    table.setStyle(
        TableStyle(
            [
                *spans,
                ("FONT", (0, 0), (-1, -1), fonts.body, FONT_SIZE, LEADING),
                ("FONT", (1, 3), (-1, -1), fonts.body, size, LEADING),
                ("FONT", (0, -1), (0, -1), fonts.title, FONT_SIZE, LEADING),
                ("FONT", (1, -1), (-1, -1), fonts.title, size, LEADING),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 3), (-1, -1), "CENTER"),
                ("BACKGROUND", (0, 0), (-1, 2), GREY),
                ("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.96, 0.96, 0.96)),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING - 1),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING - 1),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _list_table(
    columns: Sequence[ListColumn],
    rows: list[LedgerRow],
    fonts: FontChoice,
    s: dict[str, ParagraphStyle],
) -> Table:
    """A list of hazards over pages, its header on each: content-sized columns as wide as
    their widest line, text columns sharing the rest by weight and wrapping."""
    cells = [[column.text(row) for column in columns] for row in rows]
    fixed: dict[int, float] = {}
    for i, column in enumerate(columns):
        if column.weight:
            continue
        lines = [*column.header.split("<br/>"), column.sample]
        widest = max(stringWidth(line, fonts.title, FONT_SIZE) for line in lines)
        for line in cells:
            widest = max(widest, stringWidth(line[i], fonts.body, FONT_SIZE))
        fixed[i] = widest + 2 * PADDING + 1
    share = (WIDTH - sum(fixed.values())) / sum(c.weight for c in columns)
    widths = [fixed.get(i, column.weight * share) for i, column in enumerate(columns)]
    wrapped = [i for i, column in enumerate(columns) if column.weight]
    breaker = LineBreaker(fonts.body, FONT_SIZE)
    for line in cells:
        for i in wrapped:
            line[i] = breaker.wrap(line[i], widths[i] - 2 * PADDING)
    table_rows: list[list[Flowable | str]] = [[Paragraph(c.header, s["head"]) for c in columns]]
    table_rows += cells
    if not rows:
        table_rows.append(["无"] + [""] * (len(columns) - 1))
    table = LongTable(table_rows, colWidths=widths, repeatRows=1)
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.body, FONT_SIZE, LEADING),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), GREY),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("ALIGN", (i, 1), (i, -1), "LEFT") for i in wrapped]
    if not rows:
        commands.append(("SPAN", (0, 1), (-1, 1)))
    table.setStyle(TableStyle(commands))
    return table
