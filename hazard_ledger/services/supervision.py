"""挂牌督办 of a 重大事故隐患: list, register the 五落实 plan, report progress, extend, apply for
acceptance, accept or reject, delist (销号).

The sub-flow drives the hazard's own loop in the same transaction, so the two never disagree:
registering the plan of a hazard not yet assigned is its 交办 (the plan names who and by when);
applying for acceptance is its 整改完成 (the unit may not declare the fix done otherwise);
a rejected acceptance is a failed 复查 (back to 整改中); delisting is the passing 复查 that
closes it. While listed, the hazard's ordinary rectify, verify and void steps are refused.
"""

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hazard_ledger.db.base import utc_now_text
from hazard_ledger.db.models import Event, Hazard, Supervision
from hazard_ledger.domain.enums import HazardLevel, HazardStatus, PhotoKind
from hazard_ledger.domain.errors import ValidationError, WorkflowError
from hazard_ledger.domain.supervision import (
    LISTING_LEVELS,
    SupervisionStatus,
    SupervisionStep,
    next_supervision_status,
)
from hazard_ledger.domain.validation import not_after, not_before, optional_text, required_text
from hazard_ledger.domain.workflow import Action
from hazard_ledger.services.dto import ProgressReport, SupervisionView
from hazard_ledger.services.events import append_record_event
from hazard_ledger.services.hazards import (
    NO_EXTENSION_PENDING,
    attach_photos,
    get_hazard_row,
    prepare_photos,
    record_step,
)
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.snapshots import changed, snapshot


def _text(value: str, field: str, label: str, limit: int = 2000) -> str:
    return required_text(value, field=field, label=label, max_length=limit)


def _supervision(session: Session, hazard: Hazard) -> Supervision | None:
    return session.scalars(
        select(Supervision).where(Supervision.hazard_uuid == hazard.uuid)
    ).first()


def _step(
    session: Session,
    ledger: Ledger,
    supervision: Supervision,
    hazard: Hazard,
    step: SupervisionStep,
    updates: dict[str, Any],
    extra: dict[str, Any] | None = None,
) -> None:
    """Apply ``step`` to the supervision row and append its event, or refuse."""
    status = SupervisionStatus(supervision.status)
    after = next_supervision_status(status, step, code=hazard.code)
    before = snapshot(supervision)
    for name, value in updates.items():
        setattr(supervision, name, value)
    supervision.status = after.value
    supervision.updated_at = utc_now_text()
    session.flush()
    append_record_event(
        session,
        supervision,
        kind=step.value,
        actor=ledger.operator,
        changes=changed(before, snapshot(supervision)),
        extra=extra,
    )


def _listed(session: Session, code: str) -> tuple[Hazard, Supervision]:
    hazard = get_hazard_row(session, code)
    supervision = _supervision(session, hazard)
    if supervision is None:
        raise WorkflowError(f"隐患 {hazard.code} 未挂牌督办。")
    return hazard, supervision


def list_hazard(
    ledger: Ledger,
    code: str,
    *,
    level: str,
    authority: str,
    doc_no: str,
    deadline: dt.date,
    supervisor: str = "",
    listed_on: dt.date | None = None,
) -> None:
    """挂牌: place a major hazard under listed supervision."""
    listed_on = listed_on or ledger.today()
    not_after(listed_on, ledger.today(), field="listed_on", label="挂牌日期", limit_label="今天")
    if level not in LISTING_LEVELS:
        raise ValidationError(
            f"挂牌级别只能是{'、'.join(LISTING_LEVELS)}，不能是“{level}”。", field="level"
        )
    not_before(deadline, listed_on, field="deadline", label="督办期限", limit_label="挂牌日期")
    values = {
        "level": level,
        "authority": _text(authority, "authority", "挂牌单位", 100),
        "supervisor": optional_text(
            supervisor, field="supervisor", label="督办单位", max_length=100
        ),
        "doc_no": _text(doc_no, "doc_no", "挂牌文号", 60),
        "listed_on": listed_on,
        "deadline": deadline,
    }
    with ledger.write() as session:
        hazard = get_hazard_row(session, code)
        if HazardLevel(hazard.level) is not HazardLevel.MAJOR:
            raise WorkflowError(f"隐患 {hazard.code} 是一般隐患，只有重大事故隐患才能挂牌督办。")
        if not HazardStatus(hazard.status).is_open:
            raise WorkflowError(
                f"隐患 {hazard.code} 当前为“{HazardStatus(hazard.status).label}”，不能挂牌督办。"
            )
        if _supervision(session, hazard) is not None:
            raise WorkflowError(f"隐患 {hazard.code} 已经挂牌督办。")
        not_before(
            listed_on, hazard.found_on, field="listed_on", label="挂牌日期", limit_label="发现日期"
        )
        next_supervision_status(None, SupervisionStep.LIST, code=hazard.code)
        supervision = Supervision(
            station_uuid=hazard.station_uuid,
            hazard_uuid=hazard.uuid,
            status=SupervisionStatus.LISTED.value,
            plan_responsibility="",
            plan_measures="",
            plan_contingency="",
            accepted_by="",
            acceptance_result="",
            acceptance_opinion="",
            **values,
        )
        session.add(supervision)
        session.flush()
        append_record_event(
            session,
            supervision,
            kind=SupervisionStep.LIST.value,
            actor=ledger.operator,
            changes=snapshot(supervision),
        )
        if hazard.extension_to is not None:
            # The listing authority now sets the time limits: a pending 延期 request lapses.
            record_step(
                session,
                ledger,
                hazard,
                Action.EXTENSION_REFUSE,
                dict(NO_EXTENSION_PENDING),
                {
                    "by": values["authority"],
                    "on": listed_on.isoformat(),
                    "opinion": "已挂牌督办，期限按督办要求办理",
                },
            )


def register_plan(
    ledger: Ledger,
    code: str,
    *,
    responsibility: str,
    measures: str,
    funds_fen: int,
    deadline: dt.date,
    contingency: str,
) -> None:
    """登记五落实 (责任、措施、资金、时限、预案); each item is required. For a hazard not yet
    assigned, the plan is its 交办 (the responsible body and the time limit)."""
    if funds_fen < 0:
        raise ValidationError("整改资金不能为负数。", field="funds")
    updates = {
        "plan_responsibility": _text(responsibility, "responsibility", "责任（单位和人员）", 500),
        "plan_measures": _text(measures, "measures", "整改措施"),
        "plan_funds_fen": funds_fen,
        "plan_deadline": deadline,
        "plan_contingency": _text(contingency, "contingency", "应急预案"),
    }
    with ledger.write() as session:
        hazard, supervision = _listed(session, code)
        not_before(
            deadline,
            supervision.listed_on,
            field="deadline",
            label="整改时限",
            limit_label="挂牌日期",
        )
        _step(session, ledger, supervision, hazard, SupervisionStep.PLAN, updates)
        if hazard.status == HazardStatus.DISCOVERED.value:
            record_step(
                session,
                ledger,
                hazard,
                Action.ASSIGN,
                {
                    "responsible": updates["plan_responsibility"][:50],
                    "requirement": updates["plan_measures"],
                    # The listing answered the discovery: the plan assigns it from then.
                    "assigned_on": supervision.listed_on,
                    "deadline": deadline,
                },
                {"supervision": supervision.doc_no},
            )


def report_progress(
    ledger: Ledger,
    code: str,
    *,
    note: str,
    on: dt.date | None = None,
    photos: Sequence[str | Path] = (),
) -> None:
    """整改进展: a dated note with photos, kept in the supervision's history."""
    on = on or ledger.today()
    not_after(on, ledger.today(), field="on", label="进展日期", limit_label="今天")
    note = _text(note, "note", "进展情况")
    prepared = prepare_photos(photos)
    with ledger.write() as session:
        hazard, supervision = _listed(session, code)
        not_before(on, supervision.listed_on, field="on", label="进展日期", limit_label="挂牌日期")
        refs = attach_photos(session, ledger, supervision.uuid, prepared, PhotoKind.OTHER)
        extra: dict[str, Any] = {"on": on.isoformat(), "note": note}
        if refs:
            extra["photos"] = refs
        _step(session, ledger, supervision, hazard, SupervisionStep.PROGRESS, {}, extra)


def extend_supervision(ledger: Ledger, code: str, *, to: dt.date, reason: str) -> None:
    """督办延期 granted by the listing authority: the supervision's deadline moves to ``to``."""
    reason = _text(reason, "reason", "延期理由", 1000)
    with ledger.write() as session:
        hazard, supervision = _listed(session, code)
        if to <= supervision.deadline:
            raise ValidationError(
                f"延期后的期限（{to}）应晚于现在的督办期限（{supervision.deadline}）。", field="to"
            )
        _step(
            session,
            ledger,
            supervision,
            hazard,
            SupervisionStep.EXTEND,
            {"deadline": to},
            {"reason": reason, "from": supervision.deadline.isoformat()},
        )


def apply_acceptance(ledger: Ledger, code: str, *, on: dt.date | None = None) -> None:
    """申请验收: the fix is reported for acceptance (the hazard's 整改完成)."""
    on = on or ledger.today()
    not_after(on, ledger.today(), field="on", label="申请日期", limit_label="今天")
    with ledger.write() as session:
        hazard, supervision = _listed(session, code)
        not_before(on, supervision.listed_on, field="on", label="申请日期", limit_label="挂牌日期")
        _step(session, ledger, supervision, hazard, SupervisionStep.APPLY, {"applied_on": on})
        if hazard.status == HazardStatus.ASSIGNED.value:
            if hazard.assigned_on is not None:
                not_before(
                    on, hazard.assigned_on, field="on", label="申请日期", limit_label="交办日期"
                )
            record_step(
                session,
                ledger,
                hazard,
                Action.RECTIFY,
                {
                    "measures": supervision.plan_measures,
                    "rectified_on": on,
                    "funds_fen": supervision.plan_funds_fen,
                    **NO_EXTENSION_PENDING,
                },
                {"supervision": supervision.doc_no},
            )


def decide_acceptance(
    ledger: Ledger,
    code: str,
    *,
    passed: bool,
    by: str,
    on: dt.date | None = None,
    opinion: str = "",
) -> None:
    """验收: pass, or fail (back to rectification: the hazard's failed 复查)."""
    on = on or ledger.today()
    not_after(on, ledger.today(), field="on", label="验收日期", limit_label="今天")
    by = _text(by, "by", "验收人（单位）", 100)
    opinion = optional_text(opinion, field="opinion", label="验收意见", max_length=2000)
    step = SupervisionStep.ACCEPT if passed else SupervisionStep.REJECT
    updates = {
        "accepted_by": by,
        "accepted_on": on,
        "acceptance_result": "pass" if passed else "fail",
        "acceptance_opinion": opinion,
    }
    with ledger.write() as session:
        hazard, supervision = _listed(session, code)
        if supervision.applied_on is not None:
            not_before(
                on, supervision.applied_on, field="on", label="验收日期", limit_label="申请日期"
            )
        _step(session, ledger, supervision, hazard, step, updates)
        if not passed and hazard.status == HazardStatus.RECTIFIED.value:
            record_step(
                session,
                ledger,
                hazard,
                Action.VERIFY_FAIL,
                {
                    "verified_by": by,
                    "verified_on": on,
                    "verification_result": "fail",
                    "verification_opinion": opinion or "挂牌督办验收不通过",
                    "rectified_on": None,
                },
                {"supervision": supervision.doc_no},
            )


def delist(ledger: Ledger, code: str, *, on: dt.date | None = None) -> None:
    """销号 after a passed acceptance; the hazard's loop closes (已闭环) in the same step."""
    on = on or ledger.today()
    not_after(on, ledger.today(), field="on", label="销号日期", limit_label="今天")
    with ledger.write() as session:
        hazard, supervision = _listed(session, code)
        if supervision.accepted_on is not None:
            not_before(
                on, supervision.accepted_on, field="on", label="销号日期", limit_label="验收日期"
            )
        _step(session, ledger, supervision, hazard, SupervisionStep.DELIST, {"delisted_on": on})
        record_step(
            session,
            ledger,
            hazard,
            Action.VERIFY_PASS,
            {
                "verified_by": supervision.accepted_by,
                "verified_on": on,
                "verification_result": "pass",
                "verification_opinion": (
                    f"挂牌督办验收通过（{supervision.accepted_on}），{on} 销号"
                ),
            },
            {"supervision": supervision.doc_no},
        )


def get_supervision(ledger: Ledger, code: str) -> SupervisionView | None:
    """The hazard's supervision with its progress reports, or None when it is not listed."""
    with ledger.read() as session:
        hazard = get_hazard_row(session, code)
        supervision = _supervision(session, hazard)
        return None if supervision is None else supervision_view(session, hazard, supervision)


def supervision_view(session: Session, hazard: Hazard, supervision: Supervision) -> SupervisionView:
    reports = []
    for event in session.scalars(
        select(Event)
        .where(
            Event.record_uuid == supervision.uuid,
            Event.kind == SupervisionStep.PROGRESS.value,
        )
        .order_by(Event.seq)
    ):
        payload = json.loads(event.payload)
        reports.append(
            ProgressReport(
                on=dt.date.fromisoformat(payload["on"]),
                note=payload["note"],
                actor=event.actor,
                photos=len(payload.get("photos", [])),
            )
        )
    return SupervisionView(
        hazard_code=hazard.code,
        status=SupervisionStatus(supervision.status),
        level=supervision.level,
        authority=supervision.authority,
        supervisor=supervision.supervisor,
        doc_no=supervision.doc_no,
        listed_on=supervision.listed_on,
        deadline=supervision.deadline,
        plan_responsibility=supervision.plan_responsibility,
        plan_measures=supervision.plan_measures,
        plan_funds_fen=supervision.plan_funds_fen,
        plan_deadline=supervision.plan_deadline,
        plan_contingency=supervision.plan_contingency,
        applied_on=supervision.applied_on,
        accepted_by=supervision.accepted_by,
        accepted_on=supervision.accepted_on,
        acceptance_result=supervision.acceptance_result,
        acceptance_opinion=supervision.acceptance_opinion,
        delisted_on=supervision.delisted_on,
        progress=tuple(reports),
    )
