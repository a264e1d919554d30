"""挂牌督办: the listed-supervision sub-flow of a 重大事故隐患, as a transition table.

listed --plan (五落实)--> planned --apply (申请验收)--> applied --accept--> accepted
                           ^                                 |                    |
                           +------------ reject -------------+              delist (销号)
                                                                                  v
                                                                              delisted
progress reports (进展) while listed or planned; extensions (延期) until acceptance.

While a hazard is listed it cannot be closed by an ordinary 复查: acceptance (验收) is its
verification and delisting (销号) closes it (services.supervision).
"""

from enum import StrEnum

from hazard_ledger.domain.errors import WorkflowError

LISTING_LEVELS = ("县级", "市级", "省级")


class SupervisionStatus(StrEnum):
    LISTED = "listed"
    PLANNED = "planned"
    APPLIED = "applied"
    ACCEPTED = "accepted"
    DELISTED = "delisted"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    SupervisionStatus.LISTED: "已挂牌",
    SupervisionStatus.PLANNED: "整改中（五落实已登记）",
    SupervisionStatus.APPLIED: "已申请验收",
    SupervisionStatus.ACCEPTED: "验收通过",
    SupervisionStatus.DELISTED: "已销号",
}


class SupervisionStep(StrEnum):
    """A step of the sub-flow; the value is also the supervision event's kind."""

    LIST = "listed"
    PLAN = "plan_registered"
    PROGRESS = "progress_reported"
    EXTEND = "extended"
    APPLY = "acceptance_applied"
    ACCEPT = "accepted"
    REJECT = "rejected"
    DELIST = "delisted"

    @property
    def label(self) -> str:
        return _STEP_LABELS[self]


_STEP_LABELS = {
    SupervisionStep.LIST: "挂牌督办",
    SupervisionStep.PLAN: "登记五落实",
    SupervisionStep.PROGRESS: "整改进展",
    SupervisionStep.EXTEND: "督办延期",
    SupervisionStep.APPLY: "申请验收",
    SupervisionStep.ACCEPT: "验收通过",
    SupervisionStep.REJECT: "验收不通过",
    SupervisionStep.DELIST: "销号",
}

S, P = SupervisionStatus, SupervisionStep
TRANSITIONS: dict[tuple[SupervisionStatus | None, SupervisionStep], SupervisionStatus] = {
    (None, P.LIST): S.LISTED,
    (S.LISTED, P.PLAN): S.PLANNED,
    (S.PLANNED, P.PLAN): S.PLANNED,  # the plan may be registered again, amended
    **{(status, P.PROGRESS): status for status in (S.LISTED, S.PLANNED)},
    **{(status, P.EXTEND): status for status in (S.LISTED, S.PLANNED, S.APPLIED)},
    (S.PLANNED, P.APPLY): S.APPLIED,
    (S.APPLIED, P.ACCEPT): S.ACCEPTED,
    (S.APPLIED, P.REJECT): S.PLANNED,
    (S.ACCEPTED, P.DELIST): S.DELISTED,
}

_NEEDS = {
    P.PLAN: "已挂牌",
    P.APPLY: "整改中（五落实已登记）",
    P.ACCEPT: "已申请验收",
    P.REJECT: "已申请验收",
    P.DELIST: "验收通过",
}


def next_supervision_status(
    status: SupervisionStatus | None, step: SupervisionStep, *, code: str = ""
) -> SupervisionStatus:
    """The status after ``step``; a step the table does not allow raises WorkflowError."""
    try:
        return TRANSITIONS[(status, step)]
    except KeyError:
        who = f"隐患 {code} 的挂牌督办" if code else "该挂牌督办"
        if status is None:
            raise WorkflowError(f"隐患 {code} 未挂牌督办，不能{step.label}。") from None
        if step is P.LIST:
            raise WorkflowError(f"隐患 {code} 已经挂牌督办。") from None
        needs = _NEEDS.get(step)
        hint = f"（须在“{needs}”时办理）" if needs else ""
        raise WorkflowError(f"{who}当前为“{status.label}”，不能{step.label}{hint}。") from None
