"""The ledger (隐患排查整改台账) as an Excel workbook: every column of DOMAIN's ledger in the
county sheet's order (33, with 备注 empty: nothing records it yet), the same hazards in the same
order as the printed ledger, and a title block with the station, what the filter selected, the
row count and the print date; set up to print like the weekly workbook.
"""

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from hazard_ledger.reports import xlsx_style as xs
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.ledger_rows import LEDGER_COLUMNS, LedgerRow

TITLE = "隐患排查整改台账"
SHEET = "台账"
REMARKS = "备注"  # DOMAIN's 33rd column; no field holds it yet, so it is left for the pen

# Widest a column grows before its text wraps (in sheet columns: a Chinese character is two).
_LIMITS = {
    "unit": 26,
    "credit_code": 20,
    "place": 24,
    "industry": 18,
    "category": 14,
    "description": 40,
    "basis": 30,
    "requirement": 30,
    "notice_number": 24,
    "measures": 30,
    "listing_doc_no": 20,
}
_CENTRED = {
    "serial",
    "code",
    "village",
    "level_label",
    "source",
    "inspector",
    "responsible",
    "responsible_phone",
    "verified_by",
    "verification_label",
    "status_label",
    "overdue_days",
    "supervised_label",
    "listing_level",
}
_DAYS = [column.attribute for column in LEDGER_COLUMNS].index("overdue_days")


def ledger_headers() -> list[str]:
    """The 33 column headers."""
    return [column.header for column in LEDGER_COLUMNS] + [REMARKS]


def ledger_values(row: LedgerRow) -> list[Any]:
    """A row's 33 cells as values (dates, numbers, money); 逾期天数 0 is left blank, as printed."""
    values: list[Any] = [column.value(row) for column in LEDGER_COLUMNS]
    values[_DAYS] = row.overdue_days or None
    return [*values, ""]


def ledger_limits() -> list[int]:
    return [_LIMITS.get(column.attribute, 14) for column in LEDGER_COLUMNS] + [16]


def ledger_centred() -> list[bool]:
    return [column.attribute in _CENTRED for column in LEDGER_COLUMNS] + [False]


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def write_ledger_xlsx(
    rows: Sequence[LedgerRow],
    station: StationView,
    target: Path | BinaryIO,
    *,
    selection: str,
    printed_on: dt.date,
) -> None:
    """Write ``rows`` (from services.ledger_rows, filtered and sorted as wanted) to ``target``;
    ``selection`` says what the filter selected (services.ledger_rows.describe_filter)."""
    book = xs.new_workbook(title=f"{TITLE}（{selection}）", creator=station.name)
    sheet = book.create_sheet(SHEET)
    headers = ledger_headers()
    lines = [
        [f"填报单位：{station.name}", f"打印日期：{chinese_date(printed_on)}"],
        [f"{selection}　共 {len(rows)} 条"],
    ]
    head = xs.title_block(sheet, TITLE, lines, len(headers))
    table = [ledger_values(row) for row in rows]
    if not table:
        table = [["没有符合筛选条件的隐患。"] + [""] * (len(headers) - 1)]
    xs.write_table(sheet, head, headers, table, limits=ledger_limits(), centred=ledger_centred())
    if not rows:
        sheet.merge_cells(
            start_row=head + 1, start_column=1, end_row=head + 1, end_column=len(headers)
        )
    xs.print_setup(sheet, title_rows=(head, head), freeze=f"C{head + 1}")
    xs.save(book, target)
