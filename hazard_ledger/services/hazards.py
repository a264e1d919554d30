"""The closed loop: record, assign, rectify, verify (pass/fail), void, edit.

Each use case is one write transaction: the hazard row and its event change together or not at all.
Every step is first put to the transition table (domain.workflow); a refused step changes nothing.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from hazard_ledger.db.base import utc_now_text
from hazard_ledger.db.models import Attachment, Hazard, Station, Supervision
from hazard_ledger.domain.enums import HazardLevel, HazardStatus, PhotoKind
from hazard_ledger.domain.errors import NotFoundError, ValidationError, WorkflowError
from hazard_ledger.domain.numbering import hazard_code, hazard_code_prefix
from hazard_ledger.domain.validation import (
    not_after,
    not_before,
    optional_text,
    required_text,
)
from hazard_ledger.domain.workflow import Action, next_status
from hazard_ledger.services.events import append_record_event
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.photos import PreparedPhoto, prepare_photo, store_photo
from hazard_ledger.services.snapshots import changed, snapshot
from hazard_ledger.services.stations import local_station
from hazard_ledger.services.units import find_unit


@dataclass(frozen=True, slots=True)
class NewHazard:
    unit: str
    description: str
    location: str = ""
    level: HazardLevel = HazardLevel.GENERAL
    category: str = ""
    industry: str = ""
    source: str = ""
    basis: str = ""
    found_on: dt.date | None = None
    inspector: str = ""
    photos: Sequence[str | Path] = ()


@dataclass(frozen=True, slots=True)
class HazardEdit:
    """Details of an open hazard to change; None leaves a field as it is."""

    unit: str | None = None
    description: str | None = None
    location: str | None = None
    level: HazardLevel | None = None
    category: str | None = None
    industry: str | None = None
    source: str | None = None
    basis: str | None = None
    found_on: dt.date | None = None
    inspector: str | None = None
    responsible: str | None = None
    responsible_phone: str | None = None
    requirement: str | None = None


NO_EXTENSION_PENDING = {
    "extension_to": None,
    "extension_reason": None,
    "extension_requested_on": None,
}

_TEXT_LIMITS = {
    "location": ("部位", 200),
    "category": ("隐患类别", 100),
    "industry": ("行业领域", 100),
    "source": ("隐患来源", 50),
    "basis": ("依据", 2000),
    "inspector": ("检查人", 100),
    "responsible": ("整改责任人", 50),
    "responsible_phone": ("联系电话", 50),
    "requirement": ("整改要求", 2000),
    "measures": ("整改措施", 4000),
    "opinion": ("复查意见", 2000),
    "reason": ("作废原因", 1000),
}


def _text(name: str, value: str | None) -> str:
    label, limit = _TEXT_LIMITS[name]
    return optional_text(value, field=name, label=label, max_length=limit)


def prepare_photos(paths: Sequence[str | Path]) -> list[PreparedPhoto]:
    if len(paths) > 20:
        raise ValidationError("一次最多添加 20 张照片。", field="photo")
    return [prepare_photo(path) for path in paths]


def attach_photos(
    session: Session,
    ledger: Ledger,
    record_uuid: str,
    photos: list[PreparedPhoto],
    kind: PhotoKind,
) -> list[dict[str, str]]:
    """Store ``photos`` and attach them to the record; returns the references its event keeps."""
    refs = []
    for photo in photos:
        sha = store_photo(ledger.attachments_dir, photo)
        attachment = Attachment(
            record_uuid=record_uuid,
            kind=kind.value,
            sha256=sha,
            media_type=photo.media_type,
            original_name=photo.original_name,
            width=photo.width,
            height=photo.height,
            size=len(photo.data),
        )
        session.add(attachment)
        session.flush()
        refs.append({"uuid": attachment.uuid, "sha256": sha, "kind": kind.value})
    return refs


def record_step(
    session: Session,
    ledger: Ledger,
    hazard: Hazard,
    action: Action,
    updates: dict[str, Any],
    extra: dict[str, Any] | None = None,
) -> None:
    """Apply ``action`` with ``updates`` to the row and append the event, or refuse."""
    current = HazardStatus(hazard.status)
    after = next_status(current, action, code=hazard.code)
    before = snapshot(hazard)
    for name, value in updates.items():
        setattr(hazard, name, value)
    hazard.status = after.value
    changes = changed(before, snapshot(hazard))
    hazard.updated_at = utc_now_text()
    session.flush()
    append_record_event(
        session,
        hazard,
        kind=action.value,
        actor=ledger.operator,
        changes=changes,
        extra=extra or None,
    )


_LISTED_REFUSALS = {
    Action.RECTIFY: "整改完成须通过“申请验收”报告",
    Action.VERIFY_PASS: "须经验收通过并销号后才能闭环",
    Action.VERIFY_FAIL: "复查由挂牌督办的验收办理",
    Action.VOID: "须先销号才能作废",
}


def refuse_while_listed(session: Session, hazard: Hazard, action: Action) -> None:
    """A hazard under 挂牌督办 (not yet delisted) moves through its supervision's steps."""
    status = session.scalar(
        select(Supervision.status).where(Supervision.hazard_uuid == hazard.uuid)
    )
    if status is not None and status != "delisted" and action in _LISTED_REFUSALS:
        raise WorkflowError(f"隐患 {hazard.code} 已挂牌督办，{_LISTED_REFUSALS[action]}。")


def get_hazard_row(session: Session, code: str) -> Hazard:
    """The hazard with this code (case-insensitive); NotFoundError otherwise."""
    text = (code or "").strip().upper()
    hazard = session.scalars(select(Hazard).where(Hazard.code == text)).first()
    if hazard is None:
        raise NotFoundError(f"未找到编号为“{code}”的隐患。", field="code")
    return hazard


def _next_code(session: Session, station: Station, year: int) -> str:
    prefix = hazard_code_prefix(station.code, year)
    serial = session.scalar(
        select(func.max(cast(func.substr(Hazard.code, len(prefix) + 1), Integer))).where(
            Hazard.code.like(f"{prefix}%")
        )
    )
    return hazard_code(station.code, year, (serial or 0) + 1)


def record_hazard(ledger: Ledger, data: NewHazard) -> str:
    """Record a newly found hazard (待交办) with its 整改前 photos; returns its code."""
    today = ledger.today()
    found_on = data.found_on or today
    not_after(found_on, today, field="found_on", label="发现日期", limit_label="今天")
    values = {
        "description": required_text(
            data.description, field="description", label="隐患描述", max_length=2000
        ),
        "level": HazardLevel(data.level).value,
        "found_on": found_on,
        **{
            name: _text(name, getattr(data, name))
            for name in ("location", "category", "industry", "source", "basis", "inspector")
        },
    }
    photos = prepare_photos(data.photos)
    with ledger.write() as session:
        station = local_station(session)
        unit = find_unit(session, station.uuid, data.unit)
        if not values["industry"]:
            values["industry"] = unit.industry
        hazard = Hazard(
            code=_next_code(session, station, found_on.year),
            station_uuid=station.uuid,
            unit_uuid=unit.uuid,
            status=next_status(None, Action.RECORD).value,
            **values,
        )
        session.add(hazard)
        session.flush()
        refs = attach_photos(session, ledger, hazard.uuid, photos, PhotoKind.BEFORE)
        append_record_event(
            session,
            hazard,
            kind=Action.RECORD.value,
            actor=ledger.operator,
            changes=snapshot(hazard),
            extra={"photos": refs} if refs else None,
        )
        return hazard.code


def assign_hazard(
    ledger: Ledger,
    code: str,
    *,
    responsible: str,
    deadline: dt.date,
    phone: str = "",
    requirement: str = "",
    on: dt.date | None = None,
) -> None:
    """交办: name who fixes it, by when, and what is required (待交办 → 整改中)."""
    today = ledger.today()
    assigned_on = on or today
    updates = {
        "responsible": required_text(
            responsible, field="responsible", label="整改责任人", max_length=50
        ),
        "responsible_phone": _text("responsible_phone", phone),
        "requirement": _text("requirement", requirement),
        "assigned_on": assigned_on,
        "deadline": deadline,
    }
    not_after(assigned_on, today, field="on", label="交办日期", limit_label="今天")
    not_before(deadline, assigned_on, field="deadline", label="整改期限", limit_label="交办日期")
    with ledger.write() as session:
        hazard = get_hazard_row(session, code)
        next_status(HazardStatus(hazard.status), Action.ASSIGN, code=hazard.code)
        not_before(
            assigned_on, hazard.found_on, field="on", label="交办日期", limit_label="发现日期"
        )
        record_step(session, ledger, hazard, Action.ASSIGN, updates)


def rectify_hazard(
    ledger: Ledger,
    code: str,
    *,
    measures: str,
    done_on: dt.date | None = None,
    funds_fen: int | None = None,
    photos: Sequence[str | Path] = (),
) -> None:
    """整改完成: the unit reports the fix, with 整改后 photos (整改中 → 待复查)."""
    today = ledger.today()
    rectified_on = done_on or today
    not_after(rectified_on, today, field="done_on", label="整改完成日期", limit_label="今天")
    updates = {
        "measures": required_text(measures, field="measures", label="整改措施", max_length=4000),
        "rectified_on": rectified_on,
        "funds_fen": funds_fen,
        **NO_EXTENSION_PENDING,  # a request for more time lapses once the fix is reported
    }
    prepared = prepare_photos(photos)
    with ledger.write() as session:
        hazard = get_hazard_row(session, code)
        next_status(HazardStatus(hazard.status), Action.RECTIFY, code=hazard.code)
        refuse_while_listed(session, hazard, Action.RECTIFY)
        if hazard.assigned_on is not None:
            not_before(
                rectified_on,
                hazard.assigned_on,
                field="done_on",
                label="整改完成日期",
                limit_label="交办日期",
            )
        if hazard.verified_on is not None:  # a fix reported again answers a failed 复查
            not_before(
                rectified_on,
                hazard.verified_on,
                field="done_on",
                label="整改完成日期",
                limit_label="上次复查日期",
            )
        refs = attach_photos(session, ledger, hazard.uuid, prepared, PhotoKind.AFTER)
        record_step(
            session, ledger, hazard, Action.RECTIFY, updates, {"photos": refs} if refs else None
        )


def verify_hazard(
    ledger: Ledger,
    code: str,
    *,
    by: str,
    passed: bool,
    new_deadline: dt.date | None = None,
    opinion: str = "",
    on: dt.date | None = None,
) -> None:
    """复查: pass closes the loop (已闭环); fail returns it to 整改中, optionally with a new
    deadline (otherwise the old one stands)."""
    today = ledger.today()
    verified_on = on or today
    not_after(verified_on, today, field="on", label="复查日期", limit_label="今天")
    if passed and new_deadline is not None:
        raise ValidationError("复查合格时不需要新的整改期限。", field="new_deadline")
    updates: dict[str, Any] = {
        "verified_by": required_text(by, field="by", label="复查人", max_length=100),
        "verified_on": verified_on,
        "verification_result": "pass" if passed else "fail",
        "verification_opinion": _text("opinion", opinion),
    }
    if not passed:
        updates["rectified_on"] = None
        if new_deadline is not None:
            not_before(
                new_deadline,
                verified_on,
                field="new_deadline",
                label="新的整改期限",
                limit_label="复查日期",
            )
            updates["deadline"] = new_deadline
    with ledger.write() as session:
        hazard = get_hazard_row(session, code)
        action = Action.VERIFY_PASS if passed else Action.VERIFY_FAIL
        next_status(HazardStatus(hazard.status), action, code=hazard.code)
        refuse_while_listed(session, hazard, action)
        if hazard.rectified_on is not None:
            not_before(
                verified_on,
                hazard.rectified_on,
                field="on",
                label="复查日期",
                limit_label="整改完成日期",
            )
        record_step(session, ledger, hazard, action, updates)


def void_hazard(ledger: Ledger, code: str, *, reason: str) -> None:
    """作废 with a reason: the hazard stays in the ledger and its history, marked 已作废."""
    updates = {
        "void_reason": required_text(reason, field="reason", label="作废原因"),
        **NO_EXTENSION_PENDING,
    }
    with ledger.write() as session:
        hazard = get_hazard_row(session, code)
        refuse_while_listed(session, hazard, Action.VOID)
        record_step(session, ledger, hazard, Action.VOID, updates)


def edit_hazard(ledger: Ledger, code: str, data: HazardEdit) -> bool:
    """Change the details of an open hazard. Returns False when nothing differed."""
    updates: dict[str, Any] = {}
    for item in fields(HazardEdit):
        value = getattr(data, item.name)
        if value is None or item.name in ("unit", "level", "found_on", "description"):
            continue
        updates[item.name] = _text(item.name, value)
    if data.description is not None:
        updates["description"] = required_text(
            data.description, field="description", label="隐患描述", max_length=2000
        )
    if data.level is not None:
        updates["level"] = HazardLevel(data.level).value
    if data.responsible is not None and not updates["responsible"]:
        raise ValidationError("请填写整改责任人。", field="responsible")
    with ledger.write() as session:
        hazard = get_hazard_row(session, code)
        status = HazardStatus(hazard.status)
        next_status(status, Action.EDIT, code=hazard.code)
        if updates.get("level") == HazardLevel.GENERAL.value and session.scalar(
            select(Supervision.id).where(Supervision.hazard_uuid == hazard.uuid)
        ):
            raise ValidationError(
                f"隐患 {hazard.code} 已挂牌督办，不能改为一般隐患。", field="level"
            )
        if status is HazardStatus.DISCOVERED:
            assignment = ("responsible", "responsible_phone", "requirement")
            if any(updates.get(name) for name in assignment):
                raise ValidationError("隐患尚未交办，整改责任人等信息请在交办时填写。")
            for name in assignment:
                updates.pop(name, None)
        if data.found_on is not None:
            not_after(
                data.found_on,
                ledger.today(),
                field="found_on",
                label="发现日期",
                limit_label="今天",
            )
            if hazard.assigned_on is not None:
                not_after(
                    data.found_on,
                    hazard.assigned_on,
                    field="found_on",
                    label="发现日期",
                    limit_label="交办日期",
                )
            if data.found_on.year != hazard.found_on.year:
                raise ValidationError(
                    "发现日期不能改到另一年份（隐患编号按年份编排）。", field="found_on"
                )
            updates["found_on"] = data.found_on
        if data.unit is not None:
            updates["unit_uuid"] = find_unit(session, hazard.station_uuid, data.unit).uuid
        if not changed(snapshot(hazard), {**snapshot(hazard), **_plain_dates(updates)}):
            return False
        record_step(session, ledger, hazard, Action.EDIT, updates)
        return True


def _plain_dates(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}
