"""Printing: JSON documents for scripts, aligned tables and plain lines for people."""

import dataclasses
import datetime as dt
import json
import sys
import unicodedata
from enum import Enum
from pathlib import Path
from typing import Any

from hazard_ledger.domain.clocks import HazardClocks
from hazard_ledger.domain.validation import format_yuan
from hazard_ledger.services.dto import HazardDetail, HazardRow, SupervisionView, UnitView


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
        "clocks": clocks_json(row.clocks),
        "listed": row.listed,
    }
    if isinstance(row, HazardRow):
        document["supervision_status"] = row.supervision
    if isinstance(row, HazardDetail):
        document.update(
            profile=row.profile,
            supervision_status=row.supervision.status.value if row.supervision else "",
            supervision=supervision_json(row.supervision) if row.supervision else None,
            extension=(
                {
                    "to": row.extension_to,
                    "reason": row.extension_reason,
                    "requested_on": row.extension_requested_on,
                }
                if row.extension_to
                else None
            ),
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
                    "details": e.details,
                }
                for e in row.history
            ],
        )
    return document


def clocks_json(clocks: HazardClocks) -> dict[str, Any]:
    """The 3030 clocks: when each limit falls due and whether it is late. ``watched`` is false
    for a voided hazard (no clock runs); ``response_due`` is a local time to the minute."""
    return {
        "watched": clocks.watched,
        "response_due": (
            clocks.response_due.isoformat(timespec="minutes") if clocks.response_due else None
        ),
        "response_late": clocks.response_late,
        "closure_due": clocks.closure_due,
        "closure_days_left": clocks.closure_days_left,
        "closure_exceeded": clocks.closure_exceeded,
        "verification_due": clocks.verification_due,
        "verification_overdue": clocks.verification_overdue,
        "overdue_days": clocks.overdue_days,
        "due_soon": clocks.due_soon,
    }


def supervision_json(view: SupervisionView) -> dict[str, Any]:
    """A 挂牌督办 for scripts: every field, money in yuan, the progress reports in order."""
    return {
        "hazard": view.hazard_code,
        "status": view.status.value,
        "status_label": view.status.label,
        "level": view.level,
        "authority": view.authority,
        "supervisor": view.supervisor,
        "doc_no": view.doc_no,
        "listed_on": view.listed_on,
        "deadline": view.deadline,
        "plan_responsibility": view.plan_responsibility,
        "plan_measures": view.plan_measures,
        "plan_funds": format_yuan(view.plan_funds_fen) or None,
        "plan_deadline": view.plan_deadline,
        "plan_contingency": view.plan_contingency,
        "applied_on": view.applied_on,
        "accepted_by": view.accepted_by,
        "accepted_on": view.accepted_on,
        "acceptance_result": view.acceptance_result,
        "acceptance_opinion": view.acceptance_opinion,
        "delisted_on": view.delisted_on,
        "progress": [
            {"on": p.on, "note": p.note, "actor": p.actor, "photos": p.photos}
            for p in view.progress
        ],
    }


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
