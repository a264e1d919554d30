"""Hazard codes: ``{station code}-{year}-{serial}``, e.g. ``LY-2026-0012``."""

import re

from hazard_ledger.domain.errors import ValidationError

_STATION_CODE = re.compile(r"^[A-Z][A-Z0-9]{0,9}$")


def normalize_station_code(text: str) -> str:
    """A station's short code: 1–10 capital letters or digits, starting with a letter."""
    code = (text or "").strip().upper()
    if not _STATION_CODE.match(code):
        raise ValidationError(
            f"站点简码应为 1–10 位大写字母或数字、以字母开头（如 LY），不能是“{text}”。",
            field="code",
        )
    return code


def hazard_code(station_code: str, year: int, serial: int) -> str:
    """Format a hazard code; serials are zero-padded to 4 digits and may grow beyond."""
    return f"{station_code}-{year}-{serial:04d}"


def hazard_code_prefix(station_code: str, year: int) -> str:
    """The part of the code that all of a station's hazards of one year share."""
    return f"{station_code}-{year}-"
