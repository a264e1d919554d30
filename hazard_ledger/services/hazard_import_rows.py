"""One row of an Excel 台账 read as a hazard: the columns in use (one table, every variant
seen in county and township sheets), the checks on each cell, and the status it shows.

Status (docs/excel-import.md): a 状态 column's word when the row has one (STATUS_WORDS), else
from what is filled in: 作废原因 → 已作废; 复查结论 不合格 → 整改中; 复查日期 or 复查结论 合格 →
已闭环; 整改完成日期 → 待复查; 整改期限, 交办日期, 整改责任人 or 通知书文号 → 整改中;
otherwise 待交办.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.utils.datetime import from_excel

from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.services.import_columns import HAZARD_COLUMNS
from hazard_ledger.services.table_file import (
    CellError,
    RowError,
    Sheet,
    SheetRow,
    cell_text,
)
from hazard_ledger.services.unit_import import unit_value

S = HazardStatus


LABELS = {c.field: c.label for c in HAZARD_COLUMNS}
# The longest text each hazard field takes (as the hazard services check them).
TEXT_LIMITS = {
    "description": 2000,
    "location": 200,
    "category": 100,
    "industry": 100,
    "source": 50,
    "basis": 2000,
    "inspector": 100,
    "responsible": 50,
    "responsible_phone": 50,
    "requirement": 2000,
    "measures": 4000,
    "verified_by": 100,
    "verification_opinion": 2000,
    "void_reason": 1000,
}
DATES = ("found_on", "assigned_on", "deadline", "rectified_on", "verified_on")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# The words sheets use in a 状态 column (notes in brackets, such as （逾期3天）, are ignored).
# 已整改 closes the loop: county sheets count it as done (整改率 = 已整改 ÷ 发现, DOMAIN.md).
STATUS_WORDS = {
    S.DISCOVERED: _words("待交办 未交办 已发现 新发现 待处理 已登记"),
    S.ASSIGNED: _words("整改中 正在整改 在改 未整改 待整改 限期整改 已交办 逾期 逾期未整改")
    + _words("未完成 整改未完成 复查不合格 否"),
    S.RECTIFIED: _words("待复查 待验收 整改完成 已整改待复查 整改完成待复查 待核查"),
    S.VERIFIED: _words("已闭环 闭环 已整改 已完成 完成 已办结 办结 已销号 销号 已验收")
    + _words("验收合格 验收通过 复查合格 合格 整改完毕 是"),
    S.VOIDED: _words("已作废 作废 已撤销 撤销 注销 无效"),
}
_STATUS_BY_WORD = {word: status for status, words in STATUS_WORDS.items() for word in words}
_FAILED = ("不合格", "未通过", "不通过", "未整改")
_PASSED = ("合格", "通过", "到位", "已整改")


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """A row's hazard and unit values once checked, or its errors."""

    sheet: Sheet
    row: SheetRow
    errors: tuple[RowError, ...] = ()
    hazard: dict[str, Any] = field(default_factory=dict)
    unit: dict[str, str | None] = field(default_factory=dict)
    status: HazardStatus = S.DISCOVERED
    key: str = ""  # the import key, set by hazard_import
    notes: dict[str, Any] = field(default_factory=dict)  # kept in the import event

    def error(self, name: str, reason: str) -> RowError:
        letter = self.sheet.letters.get(name, "")
        return RowError(
            sheet=self.sheet.name,
            row=self.row.number,
            cell=f"{letter}{self.row.number}" if letter else "",
            column=self.sheet.headers.get(name, LABELS.get(name, "")),
            reason=reason.rstrip("。"),
        )

    def repeated(self, first: str) -> "ParsedRow":
        """This row again, as a duplicate of an earlier row of the file (``first`` names it)."""
        by_code = self.key.startswith("编号:")
        what = "隐患编号相同" if by_code else "单位、发现日期、隐患描述、部位均相同"
        error = self.error(
            "original_code" if by_code else "description", f"与{first}重复（{what}）"
        )
        return replace(self, errors=(*self.errors, error))


def parse_hazard_row(sheet: Sheet, row: SheetRow, today: dt.date) -> ParsedRow:
    """Check every cell of a row; the hazard's values, status and import key if it is good."""
    blank = ParsedRow(sheet, row)
    errors: list[RowError] = []
    values: dict[str, Any] = {}
    bad: set[str] = set()

    def read(name: str, parse: Any) -> Any:
        try:
            return parse(row.cells.get(name))
        except (CellError, ValidationError) as error:
            errors.append(blank.error(name, str(error)))
            bad.add(name)
            return None

    for name, limit in TEXT_LIMITS.items():
        values[name] = read(name, lambda v, n=name, m=limit: _text(v, LABELS[n], m))
    for name in DATES:
        values[name] = read(name, cell_date)
    values["level"] = read("level", _level)
    values["funds_fen"] = read("funds", lambda v: _funds(v, sheet.headers.get("funds", "")))
    result = read("verification_result", _result)
    unit = {
        name: read(column, lambda v, n=name: unit_value(n, cell_text(v)))
        for name, column in (
            ("name", "unit"),
            ("credit_code", "credit_code"),
            ("village", "village"),
            ("address", "address"),
            ("contact", "unit_contact"),
        )
    }
    unit["industry"] = values["industry"] or None
    if not values["description"] and "description" not in bad:
        errors.append(blank.error("description", "隐患描述未填写"))
    if values["found_on"] is None and "found_on" not in bad:
        errors.append(blank.error("found_on", "发现日期未填写"))
    errors += _date_order(blank, values, today)
    status_text = _status_text(row.cells.get("status"))
    if not status_text and _status_text(values["measures"]) in _STATUS_BY_WORD:
        # A 整改情况 column that holds 已整改 / 未整改 says the status, not the measures.
        status_text, values["measures"] = _status_text(values["measures"]), ""
    status = read("status", lambda _: _status(status_text, values, result, row.cells))
    if status is S.VERIFIED and result == "fail":
        errors.append(
            blank.error("status", f"状态为“{status_text or '已闭环'}”，但复查结论为不合格")
        )
    if errors:
        return replace(blank, errors=tuple(errors))
    return _finish(blank, values, unit, status, result, status_text)


def _finish(
    blank: ParsedRow,
    values: dict[str, Any],
    unit: dict[str, str | None],
    status: HazardStatus,
    result: str | None,
    status_text: str,
) -> ParsedRow:
    cells = blank.row.cells
    assumed: list[str] = []  # fields the sheet leaves blank and the import fills in
    notes = {
        "original_code": cell_text(cells.get("original_code")),
        "status_text": status_text,
        "notice_no": cell_text(cells.get("notice_no")),
        "remarks": cell_text(cells.get("remarks")),
        "assumed": assumed,
    }
    if status in (S.ASSIGNED, S.RECTIFIED, S.VERIFIED) and values["assigned_on"] is None:
        # Notices are served at the inspection as a rule: without a 交办日期 the hazard is taken
        # as assigned on the day it was found (else every response clock would show late).
        values["assigned_on"] = values["found_on"]
        assumed.append("assigned_on")
    if status is S.VERIFIED:
        result = "pass"
        if values["verified_on"] is None and values["rectified_on"] is not None:
            # Closed without a 复查日期: taken as closed on the day the fix was done.
            values["verified_on"] = values["rectified_on"]
            assumed.append("verified_on")
    if status is S.VOIDED and not values["void_reason"]:
        values["void_reason"] = notes["remarks"] or f"原台账状态为“{status_text}”"
    values["verification_result"] = result or ""
    return replace(
        blank,
        hazard=values,
        unit=unit,
        status=status,
        notes={k: v for k, v in notes.items() if v},
    )


def _text(value: Any, label: str, limit: int) -> str:
    text = cell_text(value)
    if len(text) > limit:
        raise CellError(f"{label}过长（{len(text)} 字，最多 {limit} 字）")
    return text


def _level(value: Any) -> str:
    text = cell_text(value)
    if text in ("", "否"):
        return HazardLevel.GENERAL.value
    if text == "是":  # a 是否重大隐患 column
        return HazardLevel.MAJOR.value
    return HazardLevel.parse(text).value


def _funds(value: Any, header: str) -> int | None:
    fen = cell_yuan(value)
    return fen * 10000 if fen is not None and "万" in header else fen


def _result(value: Any) -> str | None:
    text = cell_text(value)
    if not text:
        return None
    if any(word in text for word in _FAILED):
        return "fail"
    if any(word in text for word in _PASSED):
        return "pass"
    raise CellError(f"复查结论“{text}”应为“合格”或“不合格”")


def _status_text(value: Any) -> str:
    text = unicodedata.normalize("NFKC", cell_text(value))
    return re.sub(r"\(.*?\)|\s", "", text)


def _status(text: str, values: dict[str, Any], result: str | None, cells: Any) -> HazardStatus:
    if text:
        if text in _STATUS_BY_WORD:
            return _STATUS_BY_WORD[text]
        words = "、".join(words[0] for words in STATUS_WORDS.values())
        raise CellError(f"无法识别的状态“{text}”（可写：{words}，或留空由日期推定）")
    if values["void_reason"]:
        return S.VOIDED
    if result == "fail":
        return S.ASSIGNED
    if values["verified_on"] or result == "pass":
        return S.VERIFIED
    if values["rectified_on"]:
        return S.RECTIFIED
    assigned = values["deadline"] or values["assigned_on"] or values["responsible"]
    return S.ASSIGNED if assigned or cell_text(cells.get("notice_no")) else S.DISCOVERED


def _date_order(blank: ParsedRow, values: dict[str, Any], today: dt.date) -> list[RowError]:
    """Dates that cannot be: after today (but for the 整改期限), or before the discovery."""
    errors = []
    found = values["found_on"]
    for name in DATES:
        day = values[name]
        if day is None:
            continue
        if name != "deadline" and day > today:
            errors.append(blank.error(name, f"{LABELS[name]}（{day}）不能晚于今天（{today}）"))
        elif found is not None and name != "found_on" and day < found:
            why = f"{LABELS[name]}（{day}）不能早于发现日期（{found}）"
            errors.append(blank.error(name, why))
    rectified, verified = values["rectified_on"], values["verified_on"]
    if rectified and verified and verified < rectified:
        why = f"复查日期（{verified}）不能早于整改完成日期（{rectified}）"
        errors.append(blank.error("verified_on", why))
    return errors


_DATE_TEXT = re.compile(
    r"^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*日?"
    r"(?:\s*(?:前|之前|\d{1,2}[:：]\d{2}(?:[:：]\d{2})?))?$"
)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
DATE_FORMATS = "2024-03-05、2024/3/5、2024.3.5 或 2024年3月5日"


def cell_date(value: Any) -> dt.date | None:
    """A cell as a date: a real Excel date, an Excel day number, or text in the usual ways
    (2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305; a trailing 前 or time is
    ignored). None for an empty cell; CellError when it is not a date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value < 73051:  # an Excel day number (1954–2099) that lost its format
            return from_excel(value).date()
        if not 19000101 <= value <= 20991231:  # else 20240305 typed as a number
            raise CellError(f"“{cell_text(value)}”不是日期")
    text = unicodedata.normalize("NFKC", cell_text(value))
    match = _DATE_TEXT.match(text) or _COMPACT_DATE.match(text)
    if not match:
        raise CellError(f"“{value}”不是日期（可写作 {DATE_FORMATS}）")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise CellError(f"日期“{value}”不存在，请核对年月日") from None


def cell_yuan(value: Any) -> int | None:
    """An amount of money in fen: 200, 200.5, "1,200元", "1.2万元". None for an empty cell."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", cell_text(value)).replace(",", "").replace(" ", "")
    scale = Decimal(1)
    if text.endswith("元"):
        text = text[:-1]
    if text.endswith("万"):
        text, scale = text[:-1], Decimal(10000)
    try:
        amount = Decimal(text) * scale
    except InvalidOperation:
        raise CellError(f"金额“{value}”不是数字（元）") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
        raise CellError(f"金额“{value}”不合理")
    return int((amount * 100).quantize(Decimal(1)))
