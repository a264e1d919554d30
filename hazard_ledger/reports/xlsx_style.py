"""What the Excel workbooks (the 周报 and the ledger) share: the title block, the table's look,
columns as wide as their Chinese text, and the print setup (A4 landscape, one page wide, the
header rows on every page, page numbers in the footer).

Values are written as what they are: numbers as numbers, dates as dates (shown YYYY-MM-DD),
money with two decimals, so the county can sum and sort the sheets it receives.
"""

import datetime as dt
import os
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

BODY_FONT = "宋体"  # what county sheets use; Excel and WPS substitute where it is missing
TITLE_FONT = "黑体"
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0%"

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEAD_FILL = PatternFill("solid", fgColor="E6E6E6")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")

# Named styles: one style record per kind of cell, not one per cell (a 20,000-row sheet is
# written several times faster, and the file is smaller).
_STYLES = {
    "表头": dict(
        font=Font(name=BODY_FONT, size=10, bold=True),
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        fill=HEAD_FILL,
    ),
    "文字": dict(
        font=Font(name=BODY_FONT, size=10),
        alignment=Alignment(horizontal="left", vertical="center", wrap_text=True),
    ),
    "居中": dict(
        font=Font(name=BODY_FONT, size=10),
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
    ),
    "数字": dict(
        font=Font(name=BODY_FONT, size=10),
        alignment=Alignment(horizontal="right", vertical="center"),
    ),
    "日期": dict(
        font=Font(name=BODY_FONT, size=10),
        alignment=Alignment(horizontal="center", vertical="center"),
        number_format=DATE_FORMAT,
    ),
    "金额": dict(
        font=Font(name=BODY_FONT, size=10),
        alignment=Alignment(horizontal="right", vertical="center"),
        number_format=MONEY_FORMAT,
    ),
    "比率": dict(
        font=Font(name=BODY_FONT, size=10),
        alignment=Alignment(horizontal="right", vertical="center"),
        number_format=PERCENT_FORMAT,
    ),
}
TOTAL_FONT = Font(name=BODY_FONT, size=10, bold=True)


def new_workbook(*, title: str, creator: str) -> Workbook:
    """An empty workbook (no sheet) with the named styles registered."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    book.properties.title = title
    book.properties.creator = creator or "hazard_ledger"
    for name, attributes in _STYLES.items():
        style = NamedStyle(name=name, border=BORDER, **attributes)  # type: ignore[arg-type]
        book.add_named_style(style)
    return book


def display_width(text: str) -> int:
    """Columns the text takes in a sheet: a Chinese character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def style_for(value: Any, *, centred: bool = False) -> str:
    """The named style for a value of this type."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return "居中" if centred else "文字"
    if isinstance(value, int) and centred:
        return "居中"
    if isinstance(value, dt.date):
        return "日期"
    if isinstance(value, Decimal):
        return "金额"
    if isinstance(value, float):
        return "比率"
    return "数字"


def cell_value(value: Any) -> Any:
    """What openpyxl should store: dates stay dates, money a number, enums their label."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def title_block(sheet: Worksheet, title: str, lines: Sequence[Sequence[str]], width: int) -> int:
    """The title over ``width`` columns and, under it, each line's items in equal parts of the
    width (e.g. 乡镇(街道)、统计区间 / 填报人、审核人、报送日期). Returns the next free row."""
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    head = sheet.cell(1, 1, title)
    head.font = Font(name=TITLE_FONT, size=16, bold=True)
    head.alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 30
    row = 2
    for items in lines:
        parts = _split(width, len(items))
        for (first, last), text in zip(parts, items, strict=True):
            if last > first:
                sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
            cell = sheet.cell(row, first, text)
            cell.font = Font(name=BODY_FONT, size=10.5)
            cell.alignment = Alignment(horizontal="left", vertical="center")
        sheet.row_dimensions[row].height = 20
        row += 1
    return row


def _split(width: int, parts: int) -> list[tuple[int, int]]:
    """``width`` columns cut into ``parts`` runs (first, last), as equal as they come."""
    parts = max(1, min(parts, width))
    bounds = [1 + round(i * width / parts) for i in range(parts + 1)]
    return [(bounds[i], bounds[i + 1] - 1) for i in range(parts)]


def header_cell(
    sheet: Worksheet, row: int, column: int, text: str, *, to: tuple[int, int] | None = None
) -> None:
    """A header cell, merged down/right to ``to`` = (row, column) when given; every cell of a
    merged range keeps its border (Excel draws a merged range's border from its own cells)."""
    last_row, last_column = to or (row, column)
    for r in range(row, last_row + 1):
        for c in range(column, last_column + 1):
            sheet.cell(r, c).style = "表头"
    sheet.cell(row, column, text)
    if (last_row, last_column) != (row, column):
        sheet.merge_cells(
            start_row=row, start_column=column, end_row=last_row, end_column=last_column
        )


def write_row(
    sheet: Worksheet, row: int, values: Sequence[Any], *, centred: Sequence[bool] = ()
) -> list[Cell]:
    """One table row from column 1; each cell styled by its value's type."""
    cells = []
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row, column, cell_value(value))
        centre = centred[column - 1] if column - 1 < len(centred) else False
        cell.style = style_for(value, centred=centre)
        cells.append(cell)
    return cells


def emphasise(cells: Sequence[Cell]) -> None:
    """A 合计 row: bold on a light fill."""
    for cell in cells:
        cell.font = TOTAL_FONT
        cell.fill = TOTAL_FILL


def fit_columns(
    sheet: Worksheet,
    header_widths: Sequence[int],
    rows: Sequence[Sequence[str]],
    *,
    limits: Sequence[int],
    minimum: int = 4,
) -> None:
    """Set each column as wide as its widest text (Chinese counting two), no wider than its
    limit (longer text wraps), no narrower than its header's widest line."""
    for i, (head, limit) in enumerate(zip(header_widths, limits, strict=True)):
        widest = max(
            (display_width(line) for row in rows for line in row[i].split("\n")), default=0
        )
        width = max(minimum, head, min(widest, limit)) + 2
        sheet.column_dimensions[get_column_letter(i + 1)].width = width


def note_rows(sheet: Worksheet, row: int, notes: Sequence[str], width: int) -> int:
    """Notes under a table, each merged across the width and wrapped; the next free row."""
    for text in notes:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = sheet.cell(row, 1, text)
        cell.font = Font(name=BODY_FONT, size=9.5)
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        total = sum(
            sheet.column_dimensions[get_column_letter(c)].width or 9 for c in range(1, width + 1)
        )
        lines = max(1, -(-display_width(text) // max(1, int(total))))
        sheet.row_dimensions[row].height = 15 * lines
        row += 1
    return row


def print_setup(sheet: Worksheet, *, title_rows: tuple[int, int], freeze: str) -> None:
    """A4 landscape, one page wide (as many pages long as it takes), the table's header rows
    on every page, the panes frozen under the header, 第 N 页 / 共 M 页 in the footer."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = 0.5
    sheet.page_margins.bottom = 0.6
    sheet.page_margins.footer = 0.3
    sheet.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
    sheet.freeze_panes = freeze
    sheet.oddFooter.center.text = "第 &P 页 / 共 &N 页"
    sheet.oddFooter.center.size = 9


def save(book: Workbook, target: Path | BinaryIO) -> None:
    """Write ``book`` to a path (atomically: a .part file renamed) or a binary file object
    (the sync export writes the 周报 into its zip in memory)."""
    if not isinstance(target, (str, os.PathLike)):
        book.save(target)
        return
    path = Path(target)
    tmp = path.with_name(path.name + ".part")
    try:
        book.save(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)


def text_of(value: Any) -> str:
    """A value as it shows in its cell, to measure the column."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1%}"
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_table(
    sheet: Worksheet,
    row: int,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    limits: Sequence[int],
    centred: Sequence[bool],
) -> int:
    """A one-row header at ``row`` and the rows under it, columns fitted to their text (headers
    may break with "\\n"). Returns the row after the last."""
    for column, text in enumerate(headers, start=1):
        header_cell(sheet, row, column, text)
    lines = max(text.count("\n") + 1 for text in headers)
    sheet.row_dimensions[row].height = 15 * lines + 6
    for offset, values in enumerate(rows, start=1):
        write_row(sheet, row + offset, values, centred=centred)
    fit_columns(
        sheet,
        [max(display_width(line) for line in text.split("\n")) for text in headers],
        [[text_of(value) for value in values] for values in rows],
        limits=limits,
    )
    return row + len(rows) + 1
