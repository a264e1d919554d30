"""A listed hazard's supervision as HTML, for the detail pane and the 挂牌督办 tab: the listing,
the 五落实 plan, the progress reports (photo thumbnails link to the large photo), acceptance and
delisting."""

import datetime as dt
import html

from hazard_ledger.domain.enums import PhotoKind
from hazard_ledger.domain.supervision import SupervisionStatus
from hazard_ledger.domain.validation import format_yuan
from hazard_ledger.services.dto import HazardDetail, PhotoView, SupervisionView
from hazard_ledger.ui.clock_text import LATE, MUTED, SOON, days_left_text

RESULTS = {"pass": "通过", "fail": "不通过"}
# While the supervision is still running its deadline is watched.
RUNNING = (SupervisionStatus.LISTED, SupervisionStatus.PLANNED, SupervisionStatus.APPLIED)


def supervision_deadline_text(
    view: SupervisionView, today: dt.date, due_soon_days: int = 3
) -> tuple[str, str]:
    """The supervision deadline with its days left (while running) and the colour to show it."""
    text = view.deadline.isoformat()
    if view.status not in RUNNING:
        return text, "#101828"
    left = (view.deadline - today).days
    colour = LATE if left < 0 else SOON if left <= due_soon_days else "#101828"
    return f"{text}（{days_left_text(view.deadline, today)}）", colour


def _table(rows: list[tuple[str, str]], colours: dict[str, str] | None = None) -> str:
    e = html.escape
    colours = colours or {}
    return (
        "<table>"
        + "".join(
            f"<tr><td style='color:{MUTED};padding-right:10px' valign='top'>{e(k)}</td>"
            f"<td style='color:{colours.get(k, '#101828')}'>{e(v)}</td></tr>"
            for k, v in rows
            if v
        )
        + "</table>"
    )


def progress_photos(
    detail: HazardDetail,
) -> tuple[list[tuple[PhotoView, ...]] | None, tuple[PhotoView, ...]]:
    """The photos of each progress report, and the hazard's other photos.

    ProgressReport only counts its photos; the services attach them to the supervision as
    kind 其他, in the order of the reports, and attach no other 其他 photos. When the counts do
    not add up (that rule changed), nothing is paired and every photo stays with the hazard.
    """
    view = detail.supervision
    progress = [p for p in detail.photos if p.kind is PhotoKind.OTHER]
    if view is None or sum(r.photos for r in view.progress) != len(progress):
        return None, detail.photos
    paired, start = [], 0
    for report in view.progress:
        paired.append(tuple(progress[start : start + report.photos]))
        start += report.photos
    return paired, tuple(p for p in detail.photos if p.kind is not PhotoKind.OTHER)


def render_supervision(
    view: SupervisionView,
    today: dt.date,
    due_soon_days: int = 3,
    photos: list[tuple[PhotoView, ...]] | None = None,
    side_by_side: bool = False,
) -> str:
    """The whole supervision of one listed hazard; ``photos`` are those of each progress
    report (thumbnails linking to the photo), else each report says how many it has.
    ``side_by_side`` puts progress and acceptance in a column right of listing and plan."""
    e = html.escape
    deadline, colour = supervision_deadline_text(view, today, due_soon_days)
    listing = [
        ("状态", view.status.label),
        ("挂牌级别", view.level),
        ("挂牌单位", view.authority),
        ("督办单位", view.supervisor),
        ("挂牌文号", view.doc_no),
        ("挂牌日期", view.listed_on.isoformat()),
        ("督办期限", deadline),
    ]
    heading = f"<h4 style='color:{LATE}'>挂牌督办</h4>"
    parts = [_table(listing, {"督办期限": colour})]
    if view.plan_measures:
        plan = [
            ("责任", view.plan_responsibility),
            ("措施", view.plan_measures),
            ("资金(元)", format_yuan(view.plan_funds_fen)),
            ("时限", view.plan_deadline.isoformat() if view.plan_deadline else ""),
            ("预案", view.plan_contingency),
        ]
        parts += [_title("五落实"), _table(plan)]
    else:
        parts.append(f"<p style='color:{SOON}'>五落实尚未登记。</p>")
    left, parts = parts, []
    if view.progress:
        items = "".join(
            f"<li>{e(p.on.isoformat())}　{e(p.note)}"
            f"<span style='color:{MUTED}'>　{e(p.actor)}</span>"
            f"{_photos(p.photos, photos[i] if photos else None)}</li>"
            for i, p in enumerate(view.progress)
        )
        parts.append(f"{_title('整改进展', side_by_side)}<ol>{items}</ol>")
    acceptance = [
        ("申请验收", view.applied_on.isoformat() if view.applied_on else ""),
        ("验收结论", RESULTS.get(view.acceptance_result, "")),
        ("验收人", view.accepted_by),
        ("验收日期", view.accepted_on.isoformat() if view.accepted_on else ""),
        ("验收意见", view.acceptance_opinion),
        ("销号日期", view.delisted_on.isoformat() if view.delisted_on else ""),
    ]
    if any(value for _k, value in acceptance):
        result_colour = LATE if view.acceptance_result == "fail" else "#067647"
        title = _title("验收与销号", side_by_side and not view.progress)
        parts += [title, _table(acceptance, {"验收结论": result_colour})]
    if not side_by_side:
        return heading + "".join(left + parts)
    right = "".join(parts) or f"<p style='color:{MUTED}'>尚无整改进展。</p>"
    return (
        f"{heading}<table width='100%'><tr>"
        f"<td width='50%' valign='top' style='padding-right:16px'>{''.join(left)}</td>"
        f"<td width='50%' valign='top'>{right}</td></tr></table>"
    )


def _title(text: str, top: bool = False) -> str:
    """A section title; ``top`` at the top of a column (no space above, level with the other)."""
    margin = " style='margin-top:0'" if top else ""
    return f"<p{margin}><b>{html.escape(text)}</b></p>"


def _photos(count: int, photos: tuple[PhotoView, ...] | None) -> str:
    if not count:
        return ""
    if photos is None:
        return f"<span style='color:{MUTED}'>（照片 {count} 张）</span>"
    e = html.escape
    return "<br>" + "".join(
        f"<a href='photo:{e(str(p.path))}'><img src='{e(str(p.thumbnail))}' height='72'></a>&nbsp;"
        for p in photos
    )
