"""Parsing and checking of the values people type: dates, amounts, required text."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from hazard_ledger.domain.errors import ValidationError

_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(text: str, *, field: str = "date", label: str = "日期") -> dt.date:
    """Parse ``YYYY-MM-DD`` strictly; a wrong or impossible date raises ValidationError."""
    match = _DATE.match(text or "")
    if not match:
        raise ValidationError(
            f"{label}格式应为 YYYY-MM-DD（如 2026-11-22），不能是“{text}”。", field=field
        )
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValidationError(f"{label}“{text}”不存在，请核对年月日。", field=field) from None


def parse_yuan(text: str, *, field: str = "funds") -> int:
    """Parse an amount in yuan (up to 2 decimals) and return it in fen (cents)."""
    try:
        amount = Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation:
        raise ValidationError(f"金额应为数字（元），不能是“{text}”。", field=field) from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError(f"金额不能为负数或非数字：“{text}”。", field=field)
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(f"金额最多保留两位小数：“{text}”。", field=field)
    if amount >= Decimal("1e12"):
        raise ValidationError(f"金额过大：“{text}”。", field=field)
    return int(amount * 100)


def format_yuan(fen: int | None) -> str:
    """Fen as a yuan amount with two decimals, or '' for none."""
    if fen is None:
        return ""
    return f"{Decimal(fen) / 100:.2f}"


def required_text(value: str | None, *, field: str, label: str, max_length: int = 2000) -> str:
    """Strip ``value``; refuse it when empty or longer than ``max_length`` characters."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"请填写{label}。", field=field)
    return limited_text(text, field=field, label=label, max_length=max_length)


def optional_text(value: str | None, *, field: str, label: str, max_length: int = 2000) -> str:
    """Strip ``value`` (None becomes ''); refuse it when longer than ``max_length``."""
    return limited_text((value or "").strip(), field=field, label=label, max_length=max_length)


def limited_text(text: str, *, field: str, label: str, max_length: int) -> str:
    if len(text) > max_length:
        raise ValidationError(f"{label}过长（{len(text)} 字，最多 {max_length} 字）。", field=field)
    return text


def not_after(day: dt.date, limit: dt.date, *, field: str, label: str, limit_label: str) -> None:
    """Refuse ``day`` when it is later than ``limit``."""
    if day > limit:
        raise ValidationError(f"{label}（{day}）不能晚于{limit_label}（{limit}）。", field=field)


def not_before(day: dt.date, limit: dt.date, *, field: str, label: str, limit_label: str) -> None:
    """Refuse ``day`` when it is earlier than ``limit``."""
    if day < limit:
        raise ValidationError(f"{label}（{day}）不能早于{limit_label}（{limit}）。", field=field)
