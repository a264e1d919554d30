"""What every printed document shares: A4 with official margins (GB/T 9704: top 37 mm, bottom
35 mm, left 28 mm, right 26 mm), 仿宋-style body and 黑体-style titles, the station header,
signature and seal block, page footer, and the font check before anything is written."""

import datetime as dt
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.reports.fonts import FontChoice, missing_characters
from hazard_ledger.services.dto import StationView

MARGINS = {
    "topMargin": 37 * mm,
    "bottomMargin": 35 * mm,
    "leftMargin": 28 * mm,
    "rightMargin": 26 * mm,
}
TEXT_WIDTH = A4[0] - MARGINS["leftMargin"] - MARGINS["rightMargin"]
FOOTER = "本文书一式两份：一份存档，一份交被检查单位。"


def chinese_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "    年  月  日"


def esc(text: str) -> str:
    """Text as reportlab paragraph markup."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")
    )


def styles(fonts: FontChoice) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=fonts.body, fontSize=12, leading=20, wordWrap="CJK")
    return {
        "title": ParagraphStyle(
            "title", fontName=fonts.title, fontSize=22, leading=30, alignment=TA_CENTER
        ),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "body": body,
        "indent": ParagraphStyle("indent", parent=body, firstLineIndent=24),
        "cell": ParagraphStyle("cell", parent=body, fontSize=10.5, leading=15),
        "head": ParagraphStyle(
            "head", fontName=fonts.title, fontSize=10.5, leading=15, alignment=TA_CENTER
        ),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
    }


def check_glyphs(text: str, fonts: FontChoice) -> None:
    """Refuse to print a character the font would show as an empty box."""
    lacking = missing_characters(text, fonts.body)
    if lacking:
        raise ValidationError(
            f"所用字体（{fonts.source}）缺少这些字：{'、'.join(lacking[:10])}。"
            "请在“设置”中选择包含这些字的字体，或修改文字后再打印。",
            field="font",
        )


def header(
    station: StationView, title: str, number: str, s: dict[str, ParagraphStyle]
) -> list[Flowable]:
    return [
        Paragraph(esc(station.name), s["center"]),
        Paragraph(esc(title), s["title"]),
        Paragraph(esc(number), s["center"]),
        Spacer(1, 6 * mm),
    ]


def grid(rows: list[list[Flowable]], fractions: tuple[float, ...]) -> Table:
    """A bordered table whose header row repeats on every page."""
    table = Table(rows, colWidths=[TEXT_WIDTH * f for f in fractions], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
            ]
        )
    )
    return table


def signatures(station: StationView, day: dt.date, s: dict[str, ParagraphStyle]) -> Flowable:
    """Two inspectors with certificate numbers, the unit head's receipt, issuer, seal, date."""
    return KeepTogether(
        [
            Spacer(1, 8 * mm),
            Paragraph("检查人员（签名）：______________　执法证号：______________", s["body"]),
            Paragraph("检查人员（签名）：______________　执法证号：______________", s["body"]),
            Spacer(1, 4 * mm),
            Paragraph("被检查单位负责人（签收）：______________　日期：______________", s["body"]),
            Spacer(1, 10 * mm),
            Paragraph(f"{esc(station.name)}（印章）", s["right"]),
            Paragraph(chinese_date(day), s["right"]),
        ]
    )


def build(
    story: list[Flowable],
    target: Path,
    fonts: FontChoice,
    *,
    title: str,
    author: str,
    footer: str = FOOTER,
) -> None:
    """Write the document atomically (a .part file renamed), with footer and page numbers."""

    def decorate(canvas, document) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(fonts.body, 9)
        if footer:
            canvas.drawCentredString(A4[0] / 2, 20 * mm, footer)
        canvas.drawRightString(A4[0] - MARGINS["rightMargin"], 14 * mm, f"第 {document.page} 页")
        canvas.restoreState()

    tmp = target.with_name(target.name + ".part")
    doc = SimpleDocTemplate(str(tmp), pagesize=A4, title=title, author=author, **MARGINS)
    try:
        doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(target)
