"""The transition table of the closed loop: the only authority on which step is allowed.

DISCOVERED --assign--> ASSIGNED --rectify--> RECTIFIED --verify_pass--> VERIFIED
                          ^                      |
                          +---- verify_fail -----+
any open state --void--> VOIDED;  any open state --edit--> (unchanged)
ASSIGNED --withdraw--> DISCOVERED  (only when the 整改通知书 that assigned it is voided)
ASSIGNED --extension requested / approved / refused--> (unchanged; approval moves the deadline)
(not recorded) --import--> any status  (a hazard brought in from a station's earlier Excel 台账
                           starts its history in the state the sheet shows)
"""

from enum import StrEnum

from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.domain.errors import WorkflowError


class Action(StrEnum):
    """A step of the workflow. The value is also the hazard event's kind."""

    RECORD = "recorded"
    ASSIGN = "assigned"
    RECTIFY = "rectified"
    VERIFY_PASS = "verified"
    VERIFY_FAIL = "verification_failed"
    VOID = "voided"
    EDIT = "edited"
    WITHDRAW = "assignment_withdrawn"
    EXTENSION_REQUEST = "extension_requested"
    EXTENSION_APPROVE = "extension_approved"
    EXTENSION_REFUSE = "extension_refused"
    IMPORT = "imported"

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    Action.RECORD: "登记",
    Action.ASSIGN: "交办",
    Action.RECTIFY: "整改完成",
    Action.VERIFY_PASS: "复查合格",
    Action.VERIFY_FAIL: "复查不合格",
    Action.VOID: "作废",
    Action.EDIT: "修改",
    Action.WITHDRAW: "撤回交办",
    Action.EXTENSION_REQUEST: "申请延期",
    Action.EXTENSION_APPROVE: "批准延期",
    Action.EXTENSION_REFUSE: "不批准延期",
    Action.IMPORT: "导入",
}

_OPEN = (HazardStatus.DISCOVERED, HazardStatus.ASSIGNED, HazardStatus.RECTIFIED)

TRANSITIONS: dict[tuple[HazardStatus | None, Action], HazardStatus] = {
    (None, Action.RECORD): HazardStatus.DISCOVERED,
    (HazardStatus.DISCOVERED, Action.ASSIGN): HazardStatus.ASSIGNED,
    (HazardStatus.ASSIGNED, Action.RECTIFY): HazardStatus.RECTIFIED,
    (HazardStatus.RECTIFIED, Action.VERIFY_PASS): HazardStatus.VERIFIED,
    (HazardStatus.RECTIFIED, Action.VERIFY_FAIL): HazardStatus.ASSIGNED,
    **{(status, Action.VOID): HazardStatus.VOIDED for status in _OPEN},
    **{(status, Action.EDIT): status for status in _OPEN},
    (HazardStatus.ASSIGNED, Action.WITHDRAW): HazardStatus.DISCOVERED,
    **{
        (HazardStatus.ASSIGNED, action): HazardStatus.ASSIGNED
        for action in (
            Action.EXTENSION_REQUEST,
            Action.EXTENSION_APPROVE,
            Action.EXTENSION_REFUSE,
        )
    },
}

# Steps not offered from the status alone: a hazard's 交办 is withdrawn by voiding the notice
# that made it; an extension is approved or refused only while a request is pending; importing
# is what `hazard import` does with a sheet, never a step on a hazard.
_NOT_OFFERED = frozenset(
    {Action.WITHDRAW, Action.EXTENSION_APPROVE, Action.EXTENSION_REFUSE, Action.IMPORT}
)


def is_allowed(status: HazardStatus | None, action: Action) -> bool:
    """Whether the table allows ``action`` on a hazard in ``status`` (None: not recorded yet).

    Importing is allowed only on a hazard not recorded yet; it is outside the table because it
    may land in any status (the one the imported sheet shows).
    """
    if action is Action.IMPORT:
        return status is None
    return (status, action) in TRANSITIONS


def next_status(
    status: HazardStatus | None,
    action: Action,
    *,
    code: str = "",
    landing: HazardStatus | None = None,
) -> HazardStatus:
    """The status after ``action``; a forbidden step raises WorkflowError saying why.

    ``landing`` is the status an imported hazard starts in (required for Action.IMPORT only).
    """
    if action is Action.IMPORT:
        if status is not None:
            raise WorkflowError(_refusal(status, action, code))
        if landing is None:
            raise WorkflowError("导入的隐患须注明其状态。")
        return landing
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise WorkflowError(_refusal(status, action, code)) from None


def allowed_actions(status: HazardStatus | None) -> list[Action]:
    """The steps a person can take from ``status``, in workflow order."""
    return [a for a in Action if a not in _NOT_OFFERED and is_allowed(status, a)]


def _refusal(status: HazardStatus | None, action: Action, code: str) -> str:
    who = f"隐患 {code} " if code else "该隐患"
    if action is Action.IMPORT and status is not None:
        return f"{who}已经登记过，不能再导入。"
    if status is None:
        return f"{who}尚未登记，不能{action.label}。"
    if status is HazardStatus.VERIFIED:
        return f"{who}已闭环，不能再{action.label}。"
    if status is HazardStatus.VOIDED:
        return f"{who}已作废，不能再{action.label}。"
    if action is Action.RECORD:
        return f"{who}已经登记过。"
    needs = {
        Action.ASSIGN: "待交办",
        Action.RECTIFY: "整改中",
        Action.VERIFY_PASS: "待复查",
        Action.VERIFY_FAIL: "待复查",
        Action.EXTENSION_REQUEST: "整改中",
        Action.EXTENSION_APPROVE: "整改中",
        Action.EXTENSION_REFUSE: "整改中",
    }.get(action)
    hint = f"（只有“{needs}”的隐患才能{action.label}）" if needs else ""
    return f"{who}当前状态为“{status.label}”，不能{action.label}{hint}。"
