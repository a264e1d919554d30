"""Reading a spreadsheet a station already keeps (.xlsx, or .csv as Chinese Excel saves it).

Columns are found by their header text, not their position: each importer gives a table of
fields with the header names in use for them. The header row need not be the first: county
sheets carry a title line or two above it, so the first of the first ``HEADER_SEARCH_ROWS`` rows
that holds every required column is the header; a second header line below it (sub-columns
under a merged group title such as 整改情况 → 整改措施 / 完成时间) is merged into it. Merged
cells give their value to every cell they cover (a unit's name merged down over its hazards).

Rows keep the numbers Excel shows, so a message can point at the cell to fix. A file that
cannot be read raises ValidationError with a sentence in Chinese; a bad value in one cell is a
``CellError`` the importer turns into a ``RowError``.
"""

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter

from hazard_ledger.domain.errors import ValidationError

HEADER_SEARCH_ROWS = 10
MAX_FILE_BYTES = 50 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and an xlsx with an opening password
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
# Lines under the table that are not data: who filled it in, totals, notes.
_FOOTNOTES = ("填表", "制表", "填报", "审核", "合计", "总计", "小计", "说明", "备注：", "注：")


@dataclass(frozen=True, slots=True)
class Column:
    """A field an importer reads: its label in messages and the header texts that name it
    (most specific first: when two headers of a sheet name one field, the earlier one wins)."""

    field: str
    label: str
    headers: tuple[str, ...]
    required: bool = False


@dataclass(frozen=True, slots=True)
class SheetRow:
    number: int  # as Excel shows it
    cells: Mapping[str, Any]  # field → the cell's value (str, int, float, date, datetime, None)


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str  # the worksheet's title; "" for a CSV file
    header_row: int
    headers: Mapping[str, str]  # field → the header text as the sheet has it
    letters: Mapping[str, str]  # field → the column letter (A, B, …)
    unknown_headers: tuple[str, ...]  # headers no field uses: shown so nothing is lost unseen
    rows: tuple[SheetRow, ...]


@dataclass(frozen=True, slots=True)
class TableFile:
    name: str
    sheets: tuple[Sheet, ...]
    skipped_sheets: tuple[tuple[str, str], ...]  # (sheet, why it has no header row)


@dataclass(frozen=True, slots=True)
class RowError:
    """One bad cell (or row): where, as the user finds it in Excel, and why."""

    sheet: str
    row: int
    cell: str  # e.g. "C7"; "" when the whole row is meant
    column: str  # the header text, or the field's label
    reason: str


@dataclass(frozen=True, slots=True)
class SheetSummary:
    """What an import read of one sheet, for its report."""

    name: str
    header_row: int
    columns: Mapping[str, str]  # field → the header text it was read from
    unknown_headers: tuple[str, ...]
    rows: int


def summaries(table: TableFile) -> tuple[SheetSummary, ...]:
    return tuple(
        SheetSummary(s.name, s.header_row, s.headers, s.unknown_headers, len(s.rows))
        for s in table.sheets
    )


class NothingWritten(Exception):
    """Raised inside a write transaction to roll everything back: the file had bad rows and
    the user did not ask to skip them."""


def sort_errors(errors: list[RowError], table: TableFile) -> tuple[RowError, ...]:
    """Errors in the order the user meets them in the file: sheet, row, column."""
    sheets = [s.name for s in table.sheets]

    def place(error: RowError) -> tuple[int, int, int]:
        letters = error.cell.rstrip("0123456789")
        column = column_index_from_string(letters) if letters else 0
        return sheets.index(error.sheet), error.row, column

    return tuple(sorted(errors, key=place))


def row_name(place: tuple[str, int], sheet: str) -> str:
    """How a message names the row at ``place`` (sheet, row) to a user reading ``sheet``."""
    other, number = place
    return f"第 {number} 行" if other == sheet else f"工作表“{other}”第 {number} 行"


class CellError(Exception):
    """A cell's value cannot be used; the message says why, in Chinese."""


def read_table(
    path: str | Path, columns: Sequence[Column], *, sheet: str | None = None
) -> TableFile:
    """The rows of every visible worksheet (or just ``sheet``) that has a header row.

    Raises:
        ValidationError: the file is missing, not a spreadsheet, damaged or encrypted, empty,
            or no sheet has a header row with every required column.
    """
    file = Path(path)
    data = _file_bytes(file)
    if data.startswith(_ZIP_MAGIC):
        grids = _xlsx_grids(file, data)
    elif data.startswith(_OLE_MAGIC):
        if _ENCRYPTED in data:
            raise ValidationError(
                f"“{file.name}”设置了打开密码：请在 Excel 中取消密码并另存后再导入。", field="file"
            )
        raise ValidationError(
            f"“{file.name}”是旧版 Excel 文件（.xls）：请在 Excel 中另存为 .xlsx 后再导入。",
            field="file",
        )
    elif file.suffix.lower() in (".csv", ".txt"):
        grids = [("", _csv_grid(file, data))]
    else:
        raise ValidationError(
            f"“{file.name}”不是表格文件：请选择 Excel 工作簿（.xlsx）或 CSV 文件。", field="file"
        )
    if sheet is not None:
        grids = [grid for grid in grids if grid[0] == sheet]
        if not grids:
            raise ValidationError(f"“{file.name}”中没有名为“{sheet}”的工作表。", field="sheet")
    if not any(any(_present(v) for v in row) for _, grid in grids for row in grid):
        raise ValidationError(f"“{file.name}”是空的：没有任何数据。", field="file")
    sheets, skipped = [], []
    for name, grid in grids:
        found = _sheet(name, grid, columns)
        if isinstance(found, Sheet):
            sheets.append(found)
        else:
            skipped.append((name, found))
    if not sheets:
        name, why = skipped[0]
        where = f"工作表“{name}”的" if name else ""
        if len(skipped) > 1:
            where = f"没有一个工作表能识别出表头，如{where}"
        raise ValidationError(f"“{file.name}”无法导入：{where}{why}。", field="file")
    if not any(s.rows for s in sheets):
        raise ValidationError(f"“{file.name}”的表头下面没有任何数据行。", field="file")
    return TableFile(file.name, tuple(sheets), tuple(skipped))


def _file_bytes(file: Path) -> bytes:
    if not file.is_file():
        raise ValidationError(f"找不到文件：{file}", field="file")
    if file.stat().st_size > MAX_FILE_BYTES:
        raise ValidationError(
            f"“{file.name}”过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB），不像一份台账。",
            field="file",
        )
    try:
        return file.read_bytes()
    except OSError as error:
        raise ValidationError(f"无法读取“{file.name}”：{error.strerror}", field="file") from None


def _xlsx_grids(file: Path, data: bytes) -> list[tuple[str, list[list[Any]]]]:
    """Every visible worksheet as a grid of values, merged cells filled in.

    Not read_only: a read-only workbook does not know its merged cells, and county sheets merge
    a unit's name over its hazards. 10,000 rows × 33 columns load in about 5 s.
    """
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises anything from BadZipFile to KeyError on a broken file
        raise ValidationError(
            f"“{file.name}”无法读取：文件已损坏，或不是 Excel 工作簿（.xlsx）。", field="file"
        ) from None
    grids = []
    for worksheet in workbook.worksheets:
        if worksheet.sheet_state != "visible":
            continue
        grid = [list(row) for row in worksheet.iter_rows(min_row=1, min_col=1, values_only=True)]
        for merged in worksheet.merged_cells.ranges:
            value = worksheet.cell(merged.min_row, merged.min_col).value
            for r in range(merged.min_row, min(merged.max_row, len(grid)) + 1):
                row = grid[r - 1]
                for c in range(merged.min_col, merged.max_col + 1):
                    if c <= len(row):
                        row[c - 1] = value
        grids.append((worksheet.title, grid))
    workbook.close()
    return grids


def _csv_grid(file: Path, data: bytes) -> list[list[Any]]:
    """A CSV file's cells: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030 as
    Chinese Excel saves it; comma- or tab-separated."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "gb18030"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError(
            f"“{file.name}”无法识别文字编码：请另存为 UTF-8 或 GBK 编码的 CSV 文件。", field="file"
        )
    if "\x00" in text:
        raise ValidationError(f"“{file.name}”不是文本格式的 CSV 文件。", field="file")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as error:
        raise ValidationError(f"“{file.name}”不是有效的 CSV 文件：{error}", field="file") from None


def header_key(text: Any) -> str:
    """A header as compared: full-width forms folded, spaces, colons and required-marks gone."""
    folded = unicodedata.normalize("NFKC", str(text or ""))
    return re.sub(r"[\s:*]", "", folded).lower()


def _without_note(key: str) -> str:
    return re.sub(r"\(.*?\)", "", key)  # 整改资金(元) → 整改资金, 发现日期(年月日) → 发现日期


def _match(header: Any, columns: Sequence[Column]) -> tuple[str, int] | None:
    """(field, rank) of a header text: exact names first, then the name without its note."""
    key = header_key(header)
    if not key:
        return None
    for text in (key, _without_note(key)):
        for column in columns:
            keys = [header_key(h) for h in column.headers]
            if text in keys:
                return column.field, keys.index(text)
    return None


def _sheet(name: str, grid: list[list[Any]], columns: Sequence[Column]) -> Sheet | str:
    """The sheet's header and rows, or why it has no header row."""
    required = [c for c in columns if c.required]
    best: tuple[int, list[str]] = (0, [c.label for c in required])
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        found = {m[0] for m in (_match(v, columns) for v in row) if m}
        missing = [c.label for c in required if c.field not in found]
        if not missing:
            return _rows(name, grid, index, columns)
        if len(found) > best[0]:
            best = (len(found), missing)
    wanted = "、".join(f"“{label}”" for label in best[1])
    if best[0]:
        return f"表头缺少必需的列{wanted}"
    return f"前 {HEADER_SEARCH_ROWS} 行中没有找到表头（须有{wanted}列）"


def _rows(name: str, grid: list[list[Any]], index: int, columns: Sequence[Column]) -> Sheet:
    headers = list(grid[index])
    below = grid[index + 1] if index + 1 < len(grid) else []
    sub = [
        value if c >= len(headers) or value != headers[c] else None for c, value in enumerate(below)
    ]
    first_data = index + 1
    if any(_match(v, columns) for v in sub) and not any(isinstance(v, dt.date) for v in below):
        # A second header line: its names stand for the columns under a group title.
        headers += [None] * (len(below) - len(headers))
        headers = [
            sub[c] if c < len(sub) and _match(sub[c], columns) else h for c, h in enumerate(headers)
        ]
        first_data = index + 2
    chosen: dict[str, tuple[int, int]] = {}  # field → (rank, column index)
    unknown = []
    for c, header in enumerate(headers):
        matched = _match(header, columns)
        if matched is None:
            if _present(header) and header_key(header) != "序号":
                unknown.append(str(header).strip())
            continue
        field, rank = matched
        if field not in chosen or rank < chosen[field][0]:
            if field in chosen:
                unknown.append(str(headers[chosen[field][1]]).strip())
            chosen[field] = (rank, c)
        else:
            unknown.append(str(header).strip())
    positions = {field: c for field, (_, c) in chosen.items()}
    rows = []
    for offset, row in enumerate(grid[first_data:]):
        cells = {f: _clean(row[c]) if c < len(row) else None for f, c in positions.items()}
        if not any(v is not None for v in cells.values()) or _is_footnote(row):
            continue
        rows.append(SheetRow(first_data + offset + 1, cells))
    return Sheet(
        name=name,
        header_row=index + 1,
        headers={f: str(headers[c]).strip() for f, c in positions.items()},
        letters={f: get_column_letter(c + 1) for f, c in positions.items()},
        unknown_headers=tuple(dict.fromkeys(unknown)),
        rows=tuple(rows),
    )


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    return value


def _is_footnote(row: list[Any]) -> bool:
    filled = [v for v in row if _present(v)]
    return len(filled) <= 2 and str(filled[0]).strip().startswith(_FOOTNOTES)


# -- cell values -----------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a spurious '.0' (phone numbers typed as numbers)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
