"""The selected hazard: where it comes from when another station recorded it (imported, read-only
here), every field, its clocks (with the 3030 profile), a pending 延期 request, its 挂牌督办,
photo thumbnails (click to enlarge), the history."""

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QTextBrowser, QVBoxLayout, QWidget

from hazard_ledger.domain.enums import HazardLevel
from hazard_ledger.domain.supervision import LISTING_LEVELS
from hazard_ledger.domain.validation import format_yuan
from hazard_ledger.services.dto import EventView, HazardDetail
from hazard_ledger.services.hazard_labels import detail_fields
from hazard_ledger.ui.clock_text import LATE, MUTED, SOON, clock_lines
from hazard_ledger.ui.supervision_html import progress_photos, render_supervision


class HazardDetailView(QTextBrowser):
    photo_requested = Signal(str)

    def __init__(
        self, today: Callable[[], dt.date] = dt.date.today, due_soon_days: int = 3
    ) -> None:
        super().__init__()
        self.today, self.due_soon_days = today, due_soon_days
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._clicked)
        self.detail: HazardDetail | None = None
        self.show_hazard(None)

    def show_hazard(self, detail: HazardDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.setHtml("<p style='color:#667085'>在左侧选择一条隐患查看详情与履历。</p>")
            return
        self.setHtml(render(detail, self.today(), self.due_soon_days))

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() == "photo":
            self.photo_requested.emit(url.path())


def render(d: HazardDetail, today: dt.date, due_soon_days: int = 3) -> str:
    e = html.escape
    body = "".join(
        f"<tr><td style='color:#475467;padding-right:10px' valign='top'>{e(k)}</td>"
        f"<td>{e(v)}</td></tr>"
        for k, v in detail_fields(d)
    )
    by_report, own_photos = progress_photos(d)
    photos = "".join(
        f"<a href='photo:{e(str(p.path))}'><img src='{e(str(p.thumbnail))}' height='96'></a>"
        f"&nbsp;<span style='color:#475467'>{e(p.kind.label)}</span>&nbsp;&nbsp;"
        for p in own_photos
    )
    history = "".join(
        f"<li><b>{e(ev.label)}</b>　{e(local_time(ev.occurred_at))}　{e(ev.actor)}"
        f"<br><span style='color:#475467'>{e(event_text(ev))}</span></li>"
        for ev in d.history
    )
    color = "#b42318" if d.overdue_days else "#101828"
    badge = (
        f"<span style='background-color:{LATE};color:white'>&nbsp;督&nbsp;</span>&nbsp;"
        if d.listed
        else ""
    )
    return (
        f"<h3 style='color:{color}'>{badge}{e(d.code)}</h3>"
        + _source(d)
        + f"<table>{body}</table>"
        + _extension(d)
        + _clocks(d)
        + (
            render_supervision(d.supervision, today, due_soon_days, by_report)
            if d.supervision
            else ""
        )
        + (f"<h4>照片</h4><p>{photos}</p>" if photos else "")
        + f"<h4>履历</h4><ol>{history}</ol>"
    )


def _source(d: HazardDetail) -> str:
    """An imported hazard says whose it is, and that it cannot be changed here."""
    if not d.imported:
        return ""
    tip = "整改、复查等由该站办理，随其下一个同步包导入本台账。"
    return (
        f"<p style='color:{SOON}'><b>来源：{html.escape(d.station_name)}（导入，只读）</b>"
        f"<br><span style='color:{MUTED}'>{tip}</span></p>"
    )


def _extension(d: HazardDetail) -> str:
    """A pending 延期 request, until it is approved or refused."""
    if d.extension_to is None:
        return ""
    e = html.escape
    asked = d.extension_requested_on.isoformat() if d.extension_requested_on else ""
    return (
        f"<h4 style='color:{SOON}'>延期申请（待审批）</h4>"
        f"<p>申请延至 <b>{e(d.extension_to.isoformat())}</b>（现期限 {e(str(d.deadline or ''))}）"
        f"，{e(asked)} 申请<br><span style='color:{MUTED}'>理由：{e(d.extension_reason)}</span></p>"
    )


def _clocks(d: HazardDetail) -> str:
    """The 3030 clocks, with the profile they are counted by."""
    lines = clock_lines(d.clocks, d.status)
    if not lines:
        return ""
    e = html.escape
    rows = "".join(
        f"<tr><td style='color:{MUTED};padding-right:10px'>{e(label)}</td>"
        f"<td style='color:{LATE if late else '#101828'}'>{e(text)}</td></tr>"
        for label, text, late in lines
    )
    profile = f"<p style='color:{MUTED};font-size:small'>{e(d.profile)}</p>" if d.profile else ""
    return f"<h4>闭环管控时限</h4><table>{rows}</table>{profile}"


LABELS = {
    "responsible": "责任人",
    "deadline": "期限",
    "assigned_on": "交办日期",
    "measures": "措施",
    "rectified_on": "完成日期",
    "verified_by": "复查人",
    "verification_opinion": "意见",
    "void_reason": "原因",
    "description": "描述",
    "location": "部位",
    "level": "等级",
    "requirement": "要求",
    "funds_fen": "资金(元)",
    "extension_to": "申请延至",
    "extension_reason": "理由",
    # 挂牌督办 steps (the supervision's own fields)
    "doc_no": "文号",
    "listed_on": "挂牌日期",
    "authority": "挂牌单位",
    "supervisor": "督办单位",
    "plan_responsibility": "责任",
    "plan_measures": "措施",
    "plan_funds_fen": "资金(元)",
    "plan_deadline": "时限",
    "plan_contingency": "预案",
    "applied_on": "申请日期",
    "accepted_by": "验收人",
    "accepted_on": "验收日期",
    "acceptance_opinion": "验收意见",
    "delisted_on": "销号日期",
}
# What an event says besides its changed fields (who decided a 延期, a progress note, …).
DETAIL_LABELS = {
    "notice": "通知书",
    "supervision": "挂牌文号",
    "requested_to": "申请延至",
    "reason": "理由",
    "from": "原期限",
    "note": "进展",
    "by": "审批人",
    "opinion": "意见",
    "on": "日期",
}
MONEY = ("funds_fen", "plan_funds_fen")


def local_time(utc_text: str) -> str:
    """An event's UTC timestamp as local time, to the minute."""
    moment = dt.datetime.fromisoformat(utc_text.replace("Z", "+00:00"))
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _label(key: str, value: object) -> str:
    return "挂牌级别" if key == "level" and value in LISTING_LEVELS else LABELS[key]


def _value(key: str, value: object) -> str:
    if key == "level" and value in tuple(HazardLevel):
        return HazardLevel(str(value)).label  # a supervision's level is 县级/市级/省级 already
    if key in MONEY and isinstance(value, int):
        return format_yuan(value)
    return str(value)


def event_text(event: EventView) -> str:
    """What an event changed and said, labelled, in one line."""
    shown = [
        f"{_label(k, v)}：{_value(k, v)}"
        for k, v in event.changes.items()
        if k in LABELS and v not in ("", None)
    ]
    shown += [
        f"{DETAIL_LABELS[k]}：{v}"
        for k, v in event.details.items()
        if k in DETAIL_LABELS and v not in ("", None)
    ]
    return "；".join(shown[:8])


class PhotoDialog(QDialog):
    """One photo at full size (scrollable)."""

    def __init__(self, parent: QWidget | None, path: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("照片")
        label = QLabel()
        label.setPixmap(QPixmap(path))
        area = QScrollArea()
        area.setWidget(label)
        layout = QVBoxLayout(self)
        layout.addWidget(area)
        self.resize(1000, 760)
