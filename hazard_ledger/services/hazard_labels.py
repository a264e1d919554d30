"""A hazard's fields as (Chinese label, text) pairs, in ledger order: what people read in the
CLI's `hazard show`, the detail pane, and (later) the printed hazard sheet."""

from hazard_ledger.domain.validation import format_yuan
from hazard_ledger.services.dto import HazardDetail

RESULTS = {"pass": "合格", "fail": "不合格"}


def detail_fields(d: HazardDetail) -> list[tuple[str, str]]:
    """Every field that has a value, labelled; dates as YYYY-MM-DD, money in yuan."""
    status = d.status.label + (f"（逾期 {d.overdue_days} 天）" if d.overdue_days else "")
    pairs = [
        ("单位", d.unit),
        ("村(社区)", d.village),
        ("状态", status),
        ("等级", d.level.label),
        ("隐患描述", d.description),
        ("部位", d.location),
        ("行业领域", d.industry),
        ("隐患类别", d.category),
        ("隐患来源", d.source),
        ("依据", d.basis),
        ("发现日期", d.found_on),
        ("检查人", d.inspector),
        ("整改责任人", d.responsible),
        ("联系电话", d.responsible_phone),
        ("整改要求", d.requirement),
        ("交办日期", d.assigned_on),
        ("整改期限", d.deadline),
        ("整改措施", d.measures),
        ("整改完成日期", d.rectified_on),
        ("整改资金(元)", format_yuan(d.funds_fen)),
        ("复查人", d.verified_by),
        ("复查日期", d.verified_on),
        ("复查结论", RESULTS.get(d.verification_result, "")),
        ("复查意见", d.verification_opinion),
        ("作废原因", d.void_reason),
    ]
    return [(label, str(value)) for label, value in pairs if value not in (None, "")]


def pending_extension(d: HazardDetail) -> list[tuple[str, str]]:
    """A 延期 request waiting for a decision, labelled (none when there is none)."""
    if d.extension_to is None:
        return []
    return [
        (
            "延期申请（待审批）",
            f"申请延至 {d.extension_to}（{d.extension_requested_on} 提出），"
            f"理由：{d.extension_reason}",
        )
    ]


def supervision_fields(d: HazardDetail) -> list[tuple[str, str]]:
    """A listed hazard's 挂牌督办 (listing, 五落实 plan, acceptance, delisting), labelled."""
    s = d.supervision
    if s is None:
        return []
    accepted = ""
    if s.acceptance_result:
        accepted = f"{RESULTS.get(s.acceptance_result, '')}（{s.accepted_by}，{s.accepted_on}）"
    pairs = [
        ("挂牌督办", f"{s.level}挂牌，{s.status.label}"),
        ("挂牌单位", s.authority),
        ("督办单位", s.supervisor),
        ("挂牌文号", s.doc_no),
        ("挂牌日期", s.listed_on),
        ("督办期限", s.deadline),
        ("五落实·责任", s.plan_responsibility),
        ("五落实·措施", s.plan_measures),
        ("五落实·资金(元)", format_yuan(s.plan_funds_fen)),
        ("五落实·时限", s.plan_deadline),
        ("五落实·预案", s.plan_contingency),
        ("整改进展", "；".join(f"{p.on} {p.note}" for p in s.progress)),
        ("申请验收日期", s.applied_on),
        ("验收", accepted),
        ("验收意见", s.acceptance_opinion),
        ("销号日期", s.delisted_on),
    ]
    return [(label, str(value)) for label, value in pairs if value not in (None, "")]
