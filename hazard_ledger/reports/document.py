"""What every printed document shares: A4 with official margins (GB/T 9704: top 37 mm, bottom
35 mm, left 28 mm, right 26 mm), 仿宋-style body and 黑体-style titles, the station header,
signature and seal block, page footer, and the font check before anything is written."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
    paragraph,
)

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.reports.fonts import FontChoice, missing_characters
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.notices import NoticeView

# reportlab's CJK line breaking hangs a closing mark in the right margin rather than start a line
# with it, but its list lacks the full-width comma, semicolon, colon, question and exclamation
# marks and the closing quotes and book-title marks: added here, once, for every document.
NO_LINE_START = "，；：？！”’》〉"
paragraph.ALL_CANNOT_START += "".join(
    ch for ch in NO_LINE_START if ch not in paragraph.ALL_CANNOT_START
)

MARGINS = {
    "topMargin": 37 * mm,
    "bottomMargin": 35 * mm,
    "leftMargin": 28 * mm,
    "rightMargin": 26 * mm,
}
TEXT_WIDTH = A4[0] - MARGINS["leftMargin"] - MARGINS["rightMargin"]
FOOTER = "本文书一式两份：一份存档，一份交被检查单位。"


@dataclass(frozen=True, slots=True)
class Printed:
    """What printing produced: the fonts used, the page count, and problems worth telling the
    user that did not stop the document (e.g. a photo file gone missing)."""

    fonts: FontChoice
    pages: int
    problems: tuple[str, ...] = ()


def as_issued(station: StationView, notice: NoticeView) -> StationView:
    """The station as the document was issued by it: a reprint after the station was renamed
    keeps the name it was printed with."""
    return replace(station, name=notice.issuer) if notice.issuer else station


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
        # The right indent leaves room for a closing bracket that CJK wrapping lets hang past
        # the line's end (it may not start a line), so it never crosses the cell's border.
        "cell": ParagraphStyle("cell", parent=body, fontSize=10.5, leading=15, rightIndent=6),
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


def page_counter(font: str, x: float, y: float) -> type[Canvas]:
    """A canvas class that writes "第 N 页 / 共 M 页" right-aligned at (x, y) on every page: pages
    are kept until the document is saved, when their total is known (one pass, not two)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, 9)
                self.drawRightString(x, y, f"第 {self._pageNumber} 页 / 共 {total} 页")
                super().showPage()
            super().save()

    return NumberedCanvas


def build(
    story: list[Flowable],
    target: Path,
    fonts: FontChoice,
    *,
    title: str,
    author: str,
    footer: str = FOOTER,
    pagesize: tuple[float, float] = A4,
    margins: dict[str, float] = MARGINS,
    on_page: Callable[[Canvas, int], None] | None = None,
    page_number_y: float = 14 * mm,
) -> int:
    """Write the document atomically (a .part file renamed), with the footer, "第 N 页 / 共 M 页"
    and whatever ``on_page(canvas, page)`` draws on each page; returns the page count."""

    def decorate(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(fonts.body, 9)
        if footer:
            canvas.drawCentredString(pagesize[0] / 2, 20 * mm, footer)
        if on_page is not None:
            on_page(canvas, document.page)
        canvas.restoreState()

    tmp = target.with_name(target.name + ".part")
    doc = SimpleDocTemplate(str(tmp), pagesize=pagesize, title=title, author=author, **margins)
    counter = page_counter(fonts.body, pagesize[0] - margins["rightMargin"], page_number_y)
    try:
        doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=counter)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(target)
    return int(doc.page)
