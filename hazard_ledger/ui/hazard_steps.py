"""Which steps the window offers for the selected hazard, why a step is not offered, and the
dialog each step opens.

Three tables decide: the hazard's workflow (domain.workflow), its pending 延期 request (approve
or refuse only while one is pending), and for a hazard under 挂牌督办 the supervision's own
table (domain.supervision). A listed hazard is not fixed, verified or voided by the ordinary
steps (the services refuse them), so those are not offered: the 挂牌督办 menu is.

Above all three, in a county ledger: a hazard of an imported station is read-only here (the
services refuse any change to it), so none of its steps is offered, nor a notice for it. The
station acts on it, and its next sync package brings the change.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.supervision import TRANSITIONS, SupervisionStep
from hazard_ledger.domain.workflow import Action
from hazard_ledger.services.dto import HazardDetail, HazardRow, StationView
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.ui.dialogs.extension import DecideExtensionDialog, RequestExtensionDialog
from hazard_ledger.ui.dialogs.form import FormDialog
from hazard_ledger.ui.dialogs.steps import AssignDialog, RectifyDialog, VerifyDialog, VoidDialog
from hazard_ledger.ui.dialogs.supervision_steps import (
    AcceptanceDialog,
    ApplyAcceptanceDialog,
    DelistDialog,
    ExtendSupervisionDialog,
    ListHazardDialog,
    PlanDialog,
    ProgressDialog,
)


@dataclass(frozen=True, slots=True)
class Offer:
    enabled: bool
    why_not: str = ""  # shown as the action's tooltip when it is not offered


ORDINARY = {
    "assign": Action.ASSIGN,
    "rectify": Action.RECTIFY,
    "verify": Action.VERIFY_PASS,
    "void": Action.VOID,
    "edit": Action.EDIT,
}
# The 挂牌督办 menu, in the order of the sub-flow; 验收 covers both 通过 and 不通过.
SUPERVISION = {
    "list": SupervisionStep.LIST,
    "plan": SupervisionStep.PLAN,
    "progress": SupervisionStep.PROGRESS,
    "extend": SupervisionStep.EXTEND,
    "apply": SupervisionStep.APPLY,
    "accept": SupervisionStep.ACCEPT,
    "delist": SupervisionStep.DELIST,
}
SUPERVISION_TEXT = {
    "list": "挂牌督办…",
    "plan": "登记五落实…",
    "progress": "整改进展…",
    "extend": "督办延期…",
    "apply": "申请验收…",
    "accept": "验收…",
    "delist": "销号…",
}
WHILE_LISTED = {
    "rectify": "已挂牌督办：整改完成须通过“挂牌督办 → 申请验收”报告。",
    "verify": "已挂牌督办：由挂牌督办的验收办理，验收通过并销号后闭环。",
    "void": "已挂牌督办：须先销号才能作废。",
}
GENERAL_NOT_LISTED = "一般隐患不能挂牌督办：只有重大事故隐患才能挂牌督办。"
STEP_NAMES = (*ORDINARY, "extension_request", "extension_decide", *SUPERVISION)


def read_only(station_name: str) -> str:
    """Why nothing is offered for a hazard of an imported station."""
    return (
        f"导入的数据，只读：本隐患属于{station_name}，在本台账中不能办理。"
        "整改、复查等由该站办理，随其下一个同步包导入。"
    )


def offers(detail: HazardDetail | None) -> dict[str, Offer]:
    """Every step the window knows, offered or not (with the reason) for ``detail``."""
    if detail is None:
        return dict.fromkeys(STEP_NAMES, Offer(False))
    if detail.imported:
        return dict.fromkeys(STEP_NAMES, Offer(False, read_only(detail.station_name)))
    result = _ordinary(detail)
    result.update(_extension(detail))
    result.update(_supervision(detail))
    return result


def _ordinary(detail: HazardDetail) -> dict[str, Offer]:
    allowed = set(detail.allowed_actions)
    result = {}
    for name, action in ORDINARY.items():
        if detail.listed and name in WHILE_LISTED:
            result[name] = Offer(False, WHILE_LISTED[name])
        elif action.value in allowed:
            result[name] = Offer(True)
        else:
            result[name] = Offer(False, f"“{detail.status.label}”的隐患不能{action.label}。")
    return result


def _extension(detail: HazardDetail) -> dict[str, Offer]:
    if detail.listed:
        why = "已挂牌督办：延期须经挂牌单位同意，用“挂牌督办 → 督办延期”登记。"
        return {"extension_request": Offer(False, why), "extension_decide": Offer(False, why)}
    being_fixed = Action.EXTENSION_REQUEST.value in detail.allowed_actions
    pending = detail.extension_to is not None and detail.status is HazardStatus.ASSIGNED
    if not being_fixed:
        request = Offer(False, "只有“整改中”的隐患才能申请延期。")
    elif pending:
        request = Offer(False, f"已有待审批的延期申请（延至 {detail.extension_to}）。")
    else:
        request = Offer(True)
    decide = Offer(True) if pending else Offer(False, "没有待审批的延期申请。")
    return {"extension_request": request, "extension_decide": decide}


def _supervision(detail: HazardDetail) -> dict[str, Offer]:
    view = detail.supervision
    result: dict[str, Offer] = {}
    if view is not None:
        result["list"] = Offer(False, f"已挂牌督办（{view.doc_no}）。")
    elif detail.level is not HazardLevel.MAJOR:
        result["list"] = Offer(False, GENERAL_NOT_LISTED)
    elif not detail.status.is_open:
        result["list"] = Offer(False, f"“{detail.status.label}”的隐患不能挂牌督办。")
    else:
        result["list"] = Offer(True)
    for name, step in SUPERVISION.items():
        if name == "list":
            continue
        if view is None:
            result[name] = Offer(False, "未挂牌督办。")
        elif (view.status, step) in TRANSITIONS:
            result[name] = Offer(True)
        else:
            when = "、".join(f"“{s.label}”" for s, p in TRANSITIONS if p is step and s)
            hint = f"（须在{when}时办理）" if when else ""
            why = f"挂牌督办当前为“{view.status.label}”，不能{step.label}{hint}。"
            result[name] = Offer(False, why)
    return result


def notice_offer(rows: list[HazardRow], stations: Mapping[str, StationView]) -> Offer:
    """下发通知书 for the selected ``rows``: none may be of an imported station (``stations``:
    the ledger's stations by code)."""
    if not rows:
        return Offer(False, "先在台账中选择要下发通知书的隐患（Ctrl/Shift 可多选）。")
    for row in rows:
        station = stations.get(row.station_code)
        if station is not None and not station.is_local:
            why = f"所选的 {row.code} 属于{station.name}（导入的数据），在本台账中只读，"
            return Offer(False, why + "不能下发通知书。")
    return Offer(True)


DialogFactory = Callable[[QWidget, Ledger, HazardDetail], FormDialog]


def step_dialog(
    name: str, parent: QWidget, ledger: Ledger, detail: HazardDetail
) -> FormDialog | None:
    """The dialog of step ``name`` for ``detail``, or None when the step is not offered."""
    if not offers(detail)[name].enabled:
        return None
    operator = ledger.operator
    view = detail.supervision
    simple: dict[str, DialogFactory] = {
        "assign": AssignDialog,
        "rectify": RectifyDialog,
        "void": VoidDialog,
        "extension_request": RequestExtensionDialog,
        "list": ListHazardDialog,
    }
    if name in simple:
        return simple[name](parent, ledger, detail)
    if name == "verify":
        return VerifyDialog(parent, ledger, detail, inspector=operator)
    if name == "extension_decide":
        return DecideExtensionDialog(parent, ledger, detail, by=operator)
    assert view is not None
    listed = {
        "plan": PlanDialog,
        "progress": ProgressDialog,
        "extend": ExtendSupervisionDialog,
        "apply": ApplyAcceptanceDialog,
        "accept": AcceptanceDialog,
        "delist": DelistDialog,
    }
    return listed[name](parent, ledger, detail, view)
