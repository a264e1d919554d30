"""The 隐患整改通知书 as an A4 PDF in the style of an official document.

Body in 仿宋 style, title in 黑体 style (whatever reports.fonts resolves), margins after
GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), numbered hazards in a table whose
header repeats on every page, signature and seal area, the one-copy-each footer.
"""

import datetime as dt
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.reports.fonts import FontChoice, missing_characters, resolve_fonts
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.notices import NoticeView

MARGINS = {
    "topMargin": 37 * mm,
    "bottomMargin": 35 * mm,
    "leftMargin": 28 * mm,
    "rightMargin": 26 * mm,
}
FOOTER = "本文书一式两份：一份存档，一份交被检查单位。"
SAFETY = "整改期间，你单位应当采取有效的安全防范措施，确保生产经营安全；整改完成后及时书面报告。"
REMEDIES = (
    "如不服本决定，可以在收到本文书之日起六十日内依法申请行政复议，"
    "或者在六个月内依法向人民法院提起行政诉讼。"
)


def chinese_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "    年  月  日"


def _styles(fonts: FontChoice) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=fonts.body, fontSize=12, leading=20, wordWrap="CJK")
    return {
        "title": ParagraphStyle(
            "title", fontName=fonts.title, fontSize=22, leading=30, alignment=TA_CENTER
        ),
        "number": ParagraphStyle("number", parent=body, alignment=TA_CENTER),
        "body": body,
        "indent": ParagraphStyle("indent", parent=body, firstLineIndent=24),
        "cell": ParagraphStyle("cell", parent=body, fontSize=10.5, leading=15),
        "head": ParagraphStyle(
            "head", fontName=fonts.title, fontSize=10.5, leading=15, alignment=TA_CENTER
        ),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
    }


def notice_text(notice: NoticeView, station: StationView) -> str:
    """Everything the document prints, for the missing-glyph check."""
    parts = [
        notice.title,
        notice.number,
        notice.unit,
        notice.inspected_place,
        notice.inspectors,
        station.name,
        SAFETY,
        REMEDIES,
        FOOTER,
    ]
    for line in notice.lines:
        parts += [line.description, line.location, line.basis, line.requirement]
    return "".join(parts)


def _esc(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")
    )


def write_notice_pdf(
    notice: NoticeView, station: StationView, target: Path, fonts: FontChoice | None = None
) -> FontChoice:
    """Write the notice to ``target``; refuses (before writing) when the font lacks a character."""
    fonts = fonts or resolve_fonts()
    lacking = missing_characters(notice_text(notice, station), fonts.body)
    if lacking:
        raise ValidationError(
            f"所用字体（{fonts.source}）缺少这些字：{'、'.join(lacking[:10])}。"
            "请在“设置”中选择包含这些字的字体，或修改文字后再打印。",
            field="font",
        )
    s = _styles(fonts)
    story: list = [  # type: ignore[type-arg]
        Paragraph(_esc(station.name), s["number"]),
        Paragraph(_esc(notice.title), s["title"]),
        Paragraph(_esc(notice.number), s["number"]),
        Spacer(1, 6 * mm),
        Paragraph(f"被检查单位：{_esc(notice.unit)}", s["body"]),
        Spacer(1, 2 * mm),
    ]
    place = f"（{_esc(notice.inspected_place)}）" if notice.inspected_place else ""
    story.append(
        Paragraph(
            f"{chinese_date(notice.inspected_on or notice.issued_on)}，本站检查人员"
            f"{('（' + _esc(notice.inspectors) + '）') if notice.inspectors else ''}"
            f"对你单位{place}进行了安全检查，发现下列 {len(notice.lines)} 项问题，"
            "现责令你单位在规定期限内整改：",
            s["indent"],
        )
    )
    story.append(Spacer(1, 3 * mm))
    rows = [
        [
            Paragraph(h, s["head"])
            for h in ("序号", "隐患描述（部位）", "依据", "整改要求", "整改期限")
        ]
    ]
    for i, line in enumerate(notice.lines, start=1):
        where = f"（{_esc(line.location)}）" if line.location else ""
        rows.append(
            [
                Paragraph(str(i), s["cell"]),
                Paragraph(f"{_esc(line.description)}{where}", s["cell"]),
                Paragraph(_esc(line.basis), s["cell"]),
                Paragraph(_esc(line.requirement), s["cell"]),
                Paragraph(chinese_date(line.deadline) + "前", s["cell"]),
            ]
        )
    width = A4[0] - MARGINS["leftMargin"] - MARGINS["rightMargin"]
    table = Table(rows, colWidths=[width * f for f in (0.08, 0.35, 0.19, 0.22, 0.16)], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
            ]
        )
    )
    story += [table, Spacer(1, 4 * mm), Paragraph(SAFETY, s["indent"])]
    if "责令" in notice.title:  # an enforcement order states the remedies
        story.append(Paragraph(REMEDIES, s["indent"]))
    signatures = [
        Spacer(1, 8 * mm),
        Paragraph("检查人员（签名）：______________　执法证号：______________", s["body"]),
        Paragraph("检查人员（签名）：______________　执法证号：______________", s["body"]),
        Spacer(1, 4 * mm),
        Paragraph("被检查单位负责人（签收）：______________　日期：______________", s["body"]),
        Spacer(1, 10 * mm),
        Paragraph(f"{_esc(station.name)}（印章）", s["right"]),
        Paragraph(chinese_date(notice.issued_on), s["right"]),
    ]
    story.append(KeepTogether(signatures))

    def decorate(canvas, document) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(fonts.body, 9)
        canvas.drawCentredString(A4[0] / 2, 20 * mm, FOOTER)
        canvas.drawRightString(A4[0] - MARGINS["rightMargin"], 14 * mm, f"第 {document.page} 页")
        canvas.restoreState()

    tmp = target.with_name(target.name + ".part")
    doc = SimpleDocTemplate(
        str(tmp),
        pagesize=A4,
        title=f"{notice.title} {notice.number}",
        author=station.name,
        **MARGINS,
    )
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    tmp.replace(target)
    return fonts
