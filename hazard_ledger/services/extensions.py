"""延期: a unit asks for more time to fix a hazard; the station approves or refuses.

The request is kept on the hazard while pending; the deadline moves only on approval. Every
request and decision is an event in the hazard's history (who, when, why). A hazard under
挂牌督办 is extended through its supervision instead (the listing authority decides).
"""

import datetime as dt

from sqlalchemy import select

from hazard_ledger.db.models import Hazard, Supervision
from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.domain.errors import ValidationError, WorkflowError
from hazard_ledger.domain.validation import not_after, not_before, required_text
from hazard_ledger.domain.workflow import Action, next_status
from hazard_ledger.services.hazards import NO_EXTENSION_PENDING, get_hazard_row, record_step
from hazard_ledger.services.ledger import Ledger


def _open_hazard(session, code: str, action: Action) -> Hazard:  # type: ignore[no-untyped-def]
    hazard = get_hazard_row(session, code)
    next_status(HazardStatus(hazard.status), action, code=hazard.code)
    listed = session.scalar(select(Supervision.id).where(Supervision.hazard_uuid == hazard.uuid))
    if listed is not None:
        raise WorkflowError(
            f"隐患 {hazard.code} 已挂牌督办，延期须经挂牌单位同意，请按挂牌督办的延期登记。"
        )
    return hazard


def request_extension(
    ledger: Ledger, code: str, *, to: dt.date, reason: str, on: dt.date | None = None
) -> None:
    """申请延期 to ``to`` (after the current deadline), with a reason."""
    requested_on = on or ledger.today()
    not_after(requested_on, ledger.today(), field="on", label="申请日期", limit_label="今天")
    reason = required_text(reason, field="reason", label="延期理由", max_length=1000)
    with ledger.write() as session:
        hazard = _open_hazard(session, code, Action.EXTENSION_REQUEST)
        if hazard.extension_to is not None:
            raise WorkflowError(
                f"隐患 {hazard.code} 已有待审批的延期申请（延至 {hazard.extension_to}），"
                "请先批准或不批准。"
            )
        if hazard.deadline is not None and to <= hazard.deadline:
            raise ValidationError(
                f"延期后的期限（{to}）应晚于现在的整改期限（{hazard.deadline}）。", field="to"
            )
        not_before(to, requested_on, field="to", label="延期后的期限", limit_label="申请日期")
        updates = {
            "extension_to": to,
            "extension_reason": reason,
            "extension_requested_on": requested_on,
        }
        record_step(session, ledger, hazard, Action.EXTENSION_REQUEST, updates)


def decide_extension(
    ledger: Ledger,
    code: str,
    *,
    approve: bool,
    by: str,
    on: dt.date | None = None,
    opinion: str = "",
) -> dt.date | None:
    """批准 (the deadline becomes the requested date) or 不批准 the pending request.
    Returns the deadline after the decision."""
    decided_on = on or ledger.today()
    not_after(decided_on, ledger.today(), field="on", label="审批日期", limit_label="今天")
    extra = {
        "by": required_text(by, field="by", label="审批人", max_length=100),
        "on": decided_on.isoformat(),
        "opinion": (opinion or "").strip(),
    }
    action = Action.EXTENSION_APPROVE if approve else Action.EXTENSION_REFUSE
    with ledger.write() as session:
        hazard = _open_hazard(session, code, action)
        if hazard.extension_to is None:
            raise WorkflowError(f"隐患 {hazard.code} 没有待审批的延期申请。")
        assert hazard.extension_requested_on is not None
        not_before(
            decided_on,
            hazard.extension_requested_on,
            field="on",
            label="审批日期",
            limit_label="申请日期",
        )
        extra |= {
            "requested_to": hazard.extension_to.isoformat(),
            "reason": hazard.extension_reason,
        }
        updates: dict[str, object] = dict(NO_EXTENSION_PENDING)
        if approve:
            updates["deadline"] = hazard.extension_to
        record_step(session, ledger, hazard, action, updates, extra)
        return hazard.deadline
