"""The 3030 clocks and other deadlines in words, the same wherever the window shows them: the
ledger's columns, the detail pane, the 挂牌督办 tab and the reminders."""

import datetime as dt

from hazard_ledger.domain.clocks import HazardClocks
from hazard_ledger.domain.enums import HazardStatus

LATE = "#b42318"
SOON = "#b54708"
MUTED = "#475467"


def days_left_text(deadline: dt.date | None, today: dt.date, late_word: str = "逾期") -> str:
    """``剩 N 天`` / ``今天到期`` / ``逾期 N 天`` for a deadline; empty without one."""
    if deadline is None:
        return ""
    left = (deadline - today).days
    if left > 0:
        return f"剩 {left} 天"
    if left == 0:
        return "今天到期"
    return f"{late_word} {-left} 天"


def closure_text(clocks: HazardClocks) -> str:
    """The closure clock in a ledger cell: days left or exceeded while open, on time or not
    once closed; nothing for a voided hazard."""
    if not clocks.watched or clocks.closure_due is None:
        return ""
    left = clocks.closure_days_left
    if left is None:
        return "超时闭环" if clocks.closure_exceeded else "按时闭环"
    if left > 0:
        return f"剩 {left} 天"
    if left == 0:
        return "今天到期"
    return f"超 {-left} 天"


def clock_flags(clocks: HazardClocks) -> list[str]:
    """The short flags of the response and verification clocks (响应超时, 复查超期)."""
    flags = []
    if clocks.watched and clocks.response_late:
        flags.append("响应超时")
    if clocks.watched and clocks.verification_overdue:
        flags.append("复查超期")
    return flags


def clock_lines(clocks: HazardClocks, status: HazardStatus) -> list[tuple[str, str, bool]]:
    """The detail pane's clock lines: (label, text, late?)."""
    if not clocks.watched:
        return [("闭环时限", "已作废，不计时", False)]
    lines: list[tuple[str, str, bool]] = []
    if clocks.response_due is not None:
        due = clocks.response_due.strftime("%Y-%m-%d %H:%M")
        if status is HazardStatus.DISCOVERED:
            state = "已超时，尚未交办" if clocks.response_late else "尚未交办"
        else:
            state = "超时交办" if clocks.response_late else "按时交办"
        lines.append(("响应时限", f"{due} 前（{state}）", clocks.response_late))
    if clocks.closure_due is not None:
        state = closure_text(clocks)
        exceeded = clocks.closure_exceeded
        lines.append(("闭环时限", f"{clocks.closure_due.isoformat()} 前（{state}）", exceeded))
    if clocks.verification_due is not None:
        state = "已超期" if clocks.verification_overdue else "待复查"
        text = f"{clocks.verification_due.isoformat()} 前（{state}）"
        lines.append(("复查时限", text, clocks.verification_overdue))
    return lines
