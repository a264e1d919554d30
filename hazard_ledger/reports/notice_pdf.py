"""The 隐患整改通知书 (or 责令限期整改意见书) as an A4 PDF: numbered hazards, each with its
basis, requirement and deadline; the safety sentence; remedies on an enforcement order."""

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from hazard_ledger.reports import document as doc
from hazard_ledger.reports.fonts import FontChoice, resolve_fonts
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.notices import NoticeView

SAFETY = "整改期间，你单位应当采取有效的安全防范措施，确保生产经营安全；整改完成后及时书面报告。"
REMEDIES = (
    "如不服本决定，可以在收到本文书之日起六十日内依法申请行政复议，"
    "或者在六个月内依法向人民法院提起行政诉讼。"
)


def notice_text(notice: NoticeView, station: StationView) -> str:
    """Everything the document prints, for the missing-glyph check."""
    station = doc.as_issued(station, notice)
    parts = [
        notice.title,
        notice.number,
        notice.unit,
        notice.inspected_place,
        notice.inspectors,
        station.name,
        SAFETY,
        REMEDIES,
        doc.FOOTER,
    ]
    for line in notice.lines:
        parts += [line.description, line.location, line.basis, line.requirement]
    return "".join(parts)


def write_notice_pdf(
    notice: NoticeView, station: StationView, target: Path, fonts: FontChoice | None = None
) -> FontChoice:
    """Write the notice to ``target``; refuses (before writing) when the font lacks a character."""
    fonts = fonts or resolve_fonts()
    station = doc.as_issued(station, notice)
    doc.check_glyphs(notice_text(notice, station), fonts)
    s = doc.styles(fonts)
    esc = doc.esc
    story: list[Flowable] = doc.header(station, notice.title, notice.number, s)
    story += [Paragraph(f"被检查单位：{esc(notice.unit)}", s["body"]), Spacer(1, 2 * mm)]
    place = f"（{esc(notice.inspected_place)}）" if notice.inspected_place else ""
    who = f"（{esc(notice.inspectors)}）" if notice.inspectors else ""
    story.append(
        Paragraph(
            f"{doc.chinese_date(notice.inspected_on or notice.issued_on)}，本站检查人员{who}"
            f"对你单位{place}进行了安全检查，发现下列 {len(notice.lines)} 项问题，"
            "现责令你单位在规定期限内整改：",
            s["indent"],
        )
    )
    story.append(Spacer(1, 3 * mm))
    rows: list[list[Flowable]] = [
        [
            Paragraph(h, s["head"])
            for h in ("序号", "隐患描述（部位）", "依据", "整改要求", "整改期限")
        ]
    ]
    for i, line in enumerate(notice.lines, start=1):
        where = f"（{esc(line.location)}）" if line.location else ""
        rows.append(
            [
                Paragraph(str(i), s["cell"]),
                Paragraph(f"{esc(line.description)}{where}", s["cell"]),
                Paragraph(esc(line.basis), s["cell"]),
                Paragraph(esc(line.requirement), s["cell"]),
                Paragraph(doc.chinese_date(line.deadline) + "前", s["cell"]),
            ]
        )
    story += [
        doc.grid(rows, (0.08, 0.31, 0.18, 0.18, 0.25)),  # 期限 fits 2026年12月14日前
        Spacer(1, 4 * mm),
        Paragraph(SAFETY, s["indent"]),
    ]
    if "责令" in notice.title:  # an enforcement order states the remedies
        story.append(Paragraph(REMEDIES, s["indent"]))
    story.append(doc.signatures(station, notice.issued_on, s))
    doc.build(story, target, fonts, title=f"{notice.title} {notice.number}", author=station.name)
    return fonts
