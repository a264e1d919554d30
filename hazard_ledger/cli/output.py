"""Printing: JSON documents for scripts, aligned tables and plain lines for people."""

import dataclasses
import datetime as dt
import json
import sys
import unicodedata
from enum import Enum
from pathlib import Path
from typing import Any

from hazard_ledger.domain.validation import format_yuan
from hazard_ledger.services.dto import HazardDetail, HazardRow, UnitView


def print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2, default=_plain)
    sys.stdout.write("\n")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    raise TypeError(type(value))


def hazard_json(row: HazardRow | HazardDetail) -> dict[str, Any]:
    """A hazard for scripts: ``status`` by its English name, ``level`` as 一般/重大."""
    document: dict[str, Any] = {
        "code": row.code,
        "uuid": row.uuid,
        "station": row.station_code,
        "unit": row.unit,
        "village": row.village,
        "description": row.description,
        "location": row.location,
        "level": row.level.label,
        "status": row.status.value,
        "status_label": row.status.label,
        "industry": row.industry,
        "found_on": row.found_on,
        "deadline": row.deadline,
        "responsible": row.responsible,
        "overdue_days": row.overdue_days,
    }
    if isinstance(row, HazardDetail):
        document.update(
            category=row.category,
            source=row.source,
            basis=row.basis,
            inspector=row.inspector,
            responsible_phone=row.responsible_phone,
            requirement=row.requirement,
            assigned_on=row.assigned_on,
            measures=row.measures,
            rectified_on=row.rectified_on,
            funds=format_yuan(row.funds_fen) or None,
            verified_by=row.verified_by,
            verified_on=row.verified_on,
            verification_result=row.verification_result,
            verification_opinion=row.verification_opinion,
            void_reason=row.void_reason,
            allowed_actions=row.allowed_actions,
            photos=[
                {
                    "uuid": p.uuid,
                    "kind": p.kind.value,
                    "kind_label": p.kind.label,
                    "sha256": p.sha256,
                    "file": p.path,
                    "thumbnail": p.thumbnail,
                    "width": p.width,
                    "height": p.height,
                    "original_name": p.original_name,
                }
                for p in row.photos
            ],
            history=[
                {
                    "seq": e.seq,
                    "kind": e.kind,
                    "label": e.label,
                    "time": e.occurred_at,
                    "actor": e.actor,
                    "changes": e.changes,
                }
                for e in row.history
            ],
        )
    return document


def unit_json(unit: UnitView) -> dict[str, Any]:
    return dataclasses.asdict(unit)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` display columns (Chinese characters count two), with '…'."""
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def print_table(headers: list[str], rows: list[list[str]], widths: list[int]) -> None:
    def line(cells: list[str]) -> str:
        parts = []
        for cell, width in zip(cells, widths, strict=True):
            cell = clip(cell, width)
            parts.append(cell + " " * (width - display_width(cell)))
        return "  ".join(parts).rstrip()

    print(line(headers))
    for row in rows:
        print(line(row))
