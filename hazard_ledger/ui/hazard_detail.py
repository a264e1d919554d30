"""The selected hazard: every field, photo thumbnails (click to enlarge), the history."""

import datetime as dt
import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QTextBrowser, QVBoxLayout, QWidget

from hazard_ledger.domain.enums import HazardLevel
from hazard_ledger.services.dto import HazardDetail
from hazard_ledger.services.hazard_labels import detail_fields


class HazardDetailView(QTextBrowser):
    photo_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._clicked)
        self.detail: HazardDetail | None = None
        self.show_hazard(None)

    def show_hazard(self, detail: HazardDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.setHtml("<p style='color:#667085'>在左侧选择一条隐患查看详情与履历。</p>")
            return
        self.setHtml(render(detail))

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() == "photo":
            self.photo_requested.emit(url.path())


def render(d: HazardDetail) -> str:
    e = html.escape
    body = "".join(
        f"<tr><td style='color:#475467;padding-right:10px' valign='top'>{e(k)}</td>"
        f"<td>{e(v)}</td></tr>"
        for k, v in detail_fields(d)
    )
    photos = "".join(
        f"<a href='photo:{e(str(p.path))}'><img src='{e(str(p.thumbnail))}' height='96'></a>"
        f"&nbsp;<span style='color:#475467'>{e(p.kind.label)}</span>&nbsp;&nbsp;"
        for p in d.photos
    )
    history = "".join(
        f"<li><b>{e(ev.label)}</b>　{e(local_time(ev.occurred_at))}　{e(ev.actor)}"
        f"<br><span style='color:#475467'>{e(_changes(ev.changes))}</span></li>"
        for ev in d.history
    )
    color = "#b42318" if d.overdue_days else "#101828"
    return (
        f"<h3 style='color:{color}'>{e(d.code)}</h3><table>{body}</table>"
        + (f"<h4>照片</h4><p>{photos}</p>" if photos else "")
        + f"<h4>履历</h4><ol>{history}</ol>"
    )


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
    "funds_fen": "资金(分)",
}


def local_time(utc_text: str) -> str:
    """An event's UTC timestamp as local time, to the minute."""
    moment = dt.datetime.fromisoformat(utc_text.replace("Z", "+00:00"))
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _changes(changes: dict[str, object]) -> str:
    shown = [
        f"{LABELS[k]}：{HazardLevel(v).label if k == 'level' else v}"
        for k, v in changes.items()
        if k in LABELS and v not in ("", None)
    ]
    return "；".join(shown[:6])


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
