"""The 周报 workbook: 汇总 (the figures by 行业领域 for 本周 and 累计), 分站 (by station, on a
county ledger of several stations), 明细 (the hazards the week touched, with every ledger
column) and 逾期 (every hazard overdue at the period's end). Each sheet opens with the header
block (title, 乡镇(街道), 统计区间, 填报人, 审核人, 报送日期) and prints on A4 landscape, one page
wide, its header rows on every page. Built from services.weekly's WeeklyReport.
"""

from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from hazard_ledger.reports import xlsx_style as xs
from hazard_ledger.reports.ledger_xlsx import (
    chinese_date,
    ledger_centred,
    ledger_headers,
    ledger_limits,
    ledger_values,
)
from hazard_ledger.services.ledger_rows import LedgerRow
from hazard_ledger.services.weekly import SUMMARY_COLUMNS, Figures, SummaryRow, WeeklyReport

SUMMARY, STATIONS, DETAILS, OVERDUE = "汇总", "分站", "明细", "逾期"
BLANK_SIGNATURE = "＿＿＿＿＿＿＿＿"
NO_RATE = "—"  # nothing found: no 整改率
_FIGURE_WIDTH = 7  # a figure column: three Chinese characters wide
# Where 汇总's headers break in a column three characters wide (rather than wherever they
# happen to fill a line: 检查单/位数).
_BROKEN = {
    "检查单位数": ("检查", "单位数"),
    "检查次数": ("检查", "次数"),
    "当场整改": ("当场", "整改"),
    "在改未到期": ("在改", "未到期"),
    "逾期未整改": ("逾期", "未整改"),
    "下发通知书": ("下发", "通知书"),
    "复查次数": ("复查", "次数"),
}


def figure_header(text: str, newline: str = "\n") -> str:
    """A header of 汇总 broken where it reads well (the PDF passes "<br/>")."""
    return newline.join(_BROKEN.get(text, (text,)))


def write_weekly_xlsx(report: WeeklyReport, target: Path | BinaryIO) -> None:
    """Write the 周报 workbook to ``target``: a path (written atomically) or a binary file
    object (the sync export puts it into its zip in memory)."""
    book = xs.new_workbook(
        title=f"{report.title}（{report.township}，{report.period.label}）",
        creator=report.operator,
    )
    _summary(book, SUMMARY, report, "行业领域", report.by_industry)
    if report.by_station:
        _summary(book, STATIONS, report, "站点", report.by_station)
    _details(book, report)
    _overdue(book, report)
    xs.save(book, target)


def header_lines(report: WeeklyReport) -> list[list[str]]:
    """The header block under the title, also printed by the PDF."""
    return [
        [f"乡镇(街道)：{report.township}", f"统计区间：{report.period.label}"],
        [
            f"填报人：{report.operator}",
            f"审核人：{report.reviewer or BLANK_SIGNATURE}",
            f"报送日期：{chinese_date(report.reported_on)}",
        ],
    ]


def span_headers(report: WeeklyReport) -> tuple[str, str]:
    """The headers over the 本周 and 累计 groups of 汇总."""
    end = report.period.end
    return f"本周（{report.period.span}）", f"累计（截至{end.month}月{end.day}日）"


def figure_values(figures: Figures) -> list[Any]:
    """A span's figures in SUMMARY_COLUMNS' order; 整改率 a fraction (shown as a percent)."""
    values = [column.value(figures) for column in SUMMARY_COLUMNS]
    return [NO_RATE if value is None else value for value in values]


def _summary(
    book: Workbook, name: str, report: WeeklyReport, label: str, rows: Sequence[SummaryRow]
) -> None:
    sheet = book.create_sheet(name)
    per_span = len(SUMMARY_COLUMNS)
    width = 1 + 2 * per_span
    top = xs.title_block(sheet, report.title, header_lines(report), width)
    # Three header rows: 本周 / 累计 over their columns; each figure, or its group (发现隐患,
    # 重大隐患挂牌) over its parts; the parts.
    xs.header_cell(sheet, top, 1, label, to=(top + 2, 1))
    for span, text in enumerate(span_headers(report)):
        first = 2 + span * per_span
        xs.header_cell(sheet, top, first, text, to=(top, first + per_span - 1))
        column = first
        for group, members in groupby(SUMMARY_COLUMNS, key=lambda c: c.group):
            parts = list(members)
            if len(parts) == 1 and not parts[0].header:
                xs.header_cell(sheet, top + 1, column, figure_header(group), to=(top + 2, column))
            else:
                last = column + len(parts) - 1
                xs.header_cell(sheet, top + 1, column, group, to=(top + 1, last))
                for offset, part in enumerate(parts):
                    xs.header_cell(sheet, top + 2, column + offset, part.header)
            column += len(parts)
    sheet.row_dimensions[top].height = 20
    sheet.row_dimensions[top + 1].height = 30
    sheet.row_dimensions[top + 2].height = 20
    row = top + 3
    centred = [True] * width
    for line in [*rows, report.total]:
        values = [line.label, *figure_values(line.week), *figure_values(line.cumulative)]
        cells = xs.write_row(sheet, row, values, centred=[False, *centred[1:]])
        for cell in cells[1:]:
            if cell.value == NO_RATE:
                cell.style = "居中"
        if line is report.total:
            xs.emphasise(cells)
        row += 1
    labels = [label, *(line.label for line in rows), report.total.label]
    first = max(xs.display_width(text) for text in labels)
    sheet.column_dimensions["A"].width = min(max(first, 8), 34) + 2
    for column in range(2, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = _FIGURE_WIDTH
    xs.note_rows(sheet, row + 1, ["说明：", *report.notes], width)
    xs.print_setup(sheet, title_rows=(top, top + 2), freeze=f"B{top + 3}")


def _details(book: Workbook, report: WeeklyReport) -> None:
    sheet = book.create_sheet(DETAILS)
    headers = [*ledger_headers(), "本周办理"]
    lines = [
        *header_lines(report),
        [
            f"本表列出统计区间内登记、办理或闭环的隐患，共 {len(report.details)} 条；"
            f"逾期天数截至{chinese_date(report.as_of)}。"
        ],
    ]
    top = xs.title_block(sheet, f"{report.title}·明细", lines, len(headers))
    table = [[*ledger_values(detail.row), detail.steps] for detail in report.details]
    _table(sheet, top, headers, table, [*ledger_limits(), 24], [*ledger_centred(), False])


# 逾期: who must fix what, by when, and how late it is; 当前状态 says what happened since.
_OVERDUE_COLUMNS: tuple[tuple[str, int, bool], ...] = (
    ("序号", 6, True),
    ("隐患编号", 16, True),
    ("单位名称", 26, False),
    ("村(社区)", 12, True),
    ("行业领域", 18, False),
    ("隐患描述", 40, False),
    ("隐患等级", 6, True),
    ("整改责任人", 10, True),
    ("联系电话", 14, True),
    ("交办日期", 10, True),
    ("整改期限", 10, True),
    ("逾期天数", 6, True),
    ("通知书文号", 24, False),
    ("挂牌督办", 10, True),
    ("当前状态", 8, True),
)


def _overdue_values(row: LedgerRow) -> list[Any]:
    listing = f"{row.listing_level}挂牌" if row.listed else ("已销号" if row.supervision else "")
    return [
        row.serial,
        row.code,
        row.unit,
        row.village,
        row.industry,
        row.description,
        row.level_label,
        row.responsible,
        row.responsible_phone,
        row.assigned_on,
        row.deadline,
        row.overdue_days,
        row.notice_number,
        listing,
        row.status_label,
    ]


def _overdue(book: Workbook, report: WeeklyReport) -> None:
    sheet = book.create_sheet(OVERDUE)
    headers = [name for name, _limit, _centred in _OVERDUE_COLUMNS]
    lines = [
        *header_lines(report),
        [
            f"截至{chinese_date(report.as_of)}逾期未整改的隐患共 {len(report.overdue)} 条，"
            "按逾期天数由多到少排列；当前状态为报送时的状态。"
        ],
    ]
    top = xs.title_block(sheet, f"{report.title}·逾期未整改隐患", lines, len(headers))
    table = [_overdue_values(row) for row in report.overdue]
    limits = [limit for _name, limit, _centred in _OVERDUE_COLUMNS]
    centred = [centre for _name, _limit, centre in _OVERDUE_COLUMNS]
    _table(sheet, top, headers, table, limits, centred)


def _table(
    sheet: Worksheet,
    top: int,
    headers: list[str],
    table: list[list[Any]],
    limits: list[int],
    centred: list[bool],
) -> None:
    empty = not table
    if empty:
        table = [["无", *[""] * (len(headers) - 1)]]
    xs.write_table(sheet, top, headers, table, limits=limits, centred=centred)
    if empty:
        sheet.merge_cells(
            start_row=top + 1, start_column=1, end_row=top + 1, end_column=len(headers)
        )
    xs.print_setup(sheet, title_rows=(top, top), freeze=f"C{top + 1}")
