"""``hazard show`` for people: the fields, the 3030 clocks with the profile they run on, a
pending 延期 request, the 挂牌督办 with its progress reports, the photos and the history."""

import datetime as dt

from hazard_ledger.domain.clocks import HazardClocks
from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.domain.validation import format_yuan
from hazard_ledger.services.dto import HazardDetail, SupervisionView
from hazard_ledger.services.hazard_labels import detail_fields

ACCEPTANCE = {"pass": "通过", "fail": "不通过"}


def _moment(moment: dt.datetime) -> str:
    """A limit's last moment: the day alone for a limit that ends with its day."""
    if moment.time() == dt.time.max:
        return moment.date().isoformat()
    return moment.strftime("%Y-%m-%d %H:%M")


def clock_lines(d: HazardDetail) -> list[tuple[str, str]]:
    """The clocks as labelled sentences, e.g. ("闭环", "应于 2026-12-02 前闭环，还剩 8 天")."""
    c: HazardClocks = d.clocks
    if not c.watched:
        return [("时限", "已作废，不计时")]
    lines = []
    if c.response_due is not None:
        due = _moment(c.response_due)
        if d.assigned_on is not None:
            text = f"应于 {due} 前交办；已于 {d.assigned_on} 交办" + (
                "，超时" if c.response_late else "，按时"
            )
        else:
            text = f"应于 {due} 前交办" + ("，已超时" if c.response_late else "")
        lines.append(("响应", text))
    if c.closure_due is not None:
        text = f"应于 {c.closure_due} 前闭环"
        if d.status is HazardStatus.VERIFIED:
            text += f"；已于 {d.verified_on} 闭环" + ("，超期" if c.closure_exceeded else "，按时")
        elif c.closure_days_left is not None and c.closure_days_left < 0:
            text += f"，已超期 {-c.closure_days_left} 天"
        elif c.closure_exceeded:
            text += "，已超期"
        elif c.closure_days_left is not None:
            text += f"，还剩 {c.closure_days_left} 天"
        lines.append(("闭环", text))
    if c.verification_due is not None:
        text = f"应于 {c.verification_due} 前复查" + ("，已超期" if c.verification_overdue else "")
        lines.append(("复查", text))
    if c.overdue_days:
        lines.append(("整改期限", f"已逾期 {c.overdue_days} 天（期限 {d.deadline}）"))
    elif c.due_soon:
        lines.append(("整改期限", f"临期，{d.deadline} 到期"))
    return lines


def supervision_fields(view: SupervisionView) -> list[tuple[str, str]]:
    """The supervision's fields that have a value, labelled."""
    pairs = [
        ("挂牌督办", view.status.label),
        ("挂牌级别", view.level),
        ("挂牌单位", view.authority),
        ("督办单位", view.supervisor),
        ("挂牌文号", view.doc_no),
        ("挂牌日期", view.listed_on),
        ("督办期限", view.deadline),
        ("五落实·责任", view.plan_responsibility),
        ("五落实·措施", view.plan_measures),
        ("五落实·资金(元)", format_yuan(view.plan_funds_fen)),
        ("五落实·时限", view.plan_deadline),
        ("五落实·预案", view.plan_contingency),
        ("申请验收日期", view.applied_on),
        ("验收结论", ACCEPTANCE.get(view.acceptance_result, "")),
        ("验收单位", view.accepted_by),
        ("验收日期", view.accepted_on),
        ("验收意见", view.acceptance_opinion),
        ("销号日期", view.delisted_on),
    ]
    return [(label, str(value)) for label, value in pairs if value not in (None, "")]


def progress_lines(view: SupervisionView) -> list[str]:
    lines = []
    for report in view.progress:
        photos = f"（照片 {report.photos} 张）" if report.photos else ""
        lines.append(f"{report.on}  {report.actor}  {report.note}{photos}")
    return lines


def print_supervision(view: SupervisionView, indent: str = "") -> None:
    for label, value in supervision_fields(view):
        print(f"{indent}{label}：{value}")
    if view.progress:
        print(f"{indent}整改进展：")
    for line in progress_lines(view):
        print(f"{indent}  {line}")


def print_hazard(d: HazardDetail) -> None:
    for label, value in [("隐患编号", d.code), *detail_fields(d)]:
        print(f"{label}：{value}")
    if d.extension_to is not None:
        print(
            f"延期申请：申请延至 {d.extension_to}（{d.extension_requested_on} 申请，待审批）"
            f"，理由：{d.extension_reason}"
        )
    print(f"闭环时限（{d.profile}）：")
    for label, text in clock_lines(d):
        print(f"  {label}：{text}")
    if d.supervision is not None:
        print("挂牌督办：")
        print_supervision(d.supervision, indent="  ")
    for photo in d.photos:
        print(f"照片（{photo.kind.label}）：{photo.path}")
    print("履历：")
    for event in d.history:
        print(f"  {event.occurred_at[:19].replace('T', ' ')} UTC  {event.actor}  {event.label}")
