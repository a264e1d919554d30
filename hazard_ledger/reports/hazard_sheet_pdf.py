"""The hazard sheet (隐患档案): one hazard on A4 — every field, the photos before and after the
fix (two a row, scaled to fit, captioned), and the history. A photo file that is missing or
unreadable is printed as a framed note and reported; it does not stop the sheet."""

import datetime as dt
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table, TableStyle

from hazard_ledger.domain.enums import PhotoKind
from hazard_ledger.reports import document as doc
from hazard_ledger.reports.fonts import FontChoice, resolve_fonts
from hazard_ledger.services.dto import EventView, HazardDetail, PhotoView, StationView
from hazard_ledger.services.hazard_labels import (
    detail_fields,
    pending_extension,
    supervision_fields,
)

TITLE = "隐患档案"
PHOTO_WIDTH = doc.TEXT_WIDTH / 2 - 6 * mm
PHOTO_HEIGHT = 62 * mm
SECTIONS = {
    PhotoKind.BEFORE: "整改前照片",
    PhotoKind.AFTER: "整改后照片",
    PhotoKind.RECEIPT: "签收单照片",
    PhotoKind.OTHER: "其他照片",
}


def sheet_fields(hazard: HazardDetail) -> list[tuple[str, str]]:
    """The labelled fields the sheet prints (those of `hazard show`), with a pending 延期 and
    a listed hazard's 挂牌督办."""
    return [
        ("隐患编号", hazard.code),
        *detail_fields(hazard),
        *pending_extension(hazard),
        *supervision_fields(hazard),
    ]


def write_hazard_sheet_pdf(
    hazard: HazardDetail, station: StationView, target: Path, fonts: FontChoice | None = None
) -> doc.Printed:
    """Write the sheet of ``hazard`` (from services.hazard_queries.show_hazard) to ``target``.
    Refuses, before writing, when the font lacks a character; a photo file that cannot be read
    is named in ``Printed.problems``."""
    fonts = fonts or resolve_fonts()
    fields = sheet_fields(hazard)
    history = [(_local_time(e), e.label, e.actor) for e in hazard.history]
    sections = _photo_sections(hazard.photos)
    text = [TITLE, station.name, hazard.code, "项目内容时间步骤操作人无。编号：第页共"]
    text += [part for pair in fields for part in pair]
    text += [part for line in history for part in line]
    text += [title for title, _ in sections]
    text += [_caption(photo, i) for _, photos in sections for i, photo in enumerate(photos, 1)]
    text += [str(photo.path) for photo in hazard.photos]
    doc.check_glyphs("".join(text), fonts)

    s = doc.styles(fonts)
    esc = doc.esc
    story: list[Flowable] = doc.header(station, TITLE, f"编号：{hazard.code}", s)
    rows: list[list[Flowable]] = [[Paragraph("项目", s["head"]), Paragraph("内容", s["head"])]]
    rows += [[Paragraph(esc(k), s["cell"]), Paragraph(esc(v), s["cell"])] for k, v in fields]
    story.append(doc.grid(rows, (0.24, 0.76)))
    # A section's title never stays behind at the foot of a page without what it heads.
    section = ParagraphStyle(
        "section",
        parent=s["body"],
        fontName=fonts.title,
        spaceBefore=5 * mm,
        spaceAfter=2 * mm,
        keepWithNext=1,
    )
    problems: list[str] = []
    for title, photos in sections:
        story.append(Paragraph(title, section))
        story.append(_photo_grid(photos, s, problems) if photos else Paragraph("无。", s["body"]))
    story.append(Paragraph("履历", section))
    steps: list[list[Flowable]] = [[Paragraph(h, s["head"]) for h in ("时间", "步骤", "操作人")]]
    steps += [[Paragraph(esc(cell), s["cell"]) for cell in line] for line in history]
    story.append(doc.grid(steps, (0.36, 0.34, 0.30)))
    pages = doc.build(
        story, target, fonts, title=f"{TITLE} {hazard.code}", author=station.name, footer=""
    )
    return doc.Printed(fonts, pages, tuple(problems))


def _photo_sections(photos: tuple[PhotoView, ...]) -> list[tuple[str, list[PhotoView]]]:
    """Before and after always (``无。`` when empty); receipts and others only when present."""
    sections = []
    for kind, title in SECTIONS.items():
        of_kind = [photo for photo in photos if photo.kind is kind]
        if of_kind or kind in (PhotoKind.BEFORE, PhotoKind.AFTER):
            sections.append((title, of_kind))
    return sections


def _caption(photo: PhotoView, index: int) -> str:
    name = f"（{photo.original_name}）" if photo.original_name else ""
    return f"{photo.kind.label} {index}{name}"


def _photo_grid(photos: list[PhotoView], s: dict, problems: list[str]) -> Table:  # type: ignore[type-arg]
    cells: list[list[Flowable]] = []
    for index, photo in enumerate(photos, start=1):
        caption = Paragraph(doc.esc(_caption(photo, index)), s["center"])
        cells.append([_picture(photo, s, problems), caption])
    if len(cells) % 2:
        cells.append([Spacer(1, 1), Spacer(1, 1)])
    rows = [[cells[i], cells[i + 1]] for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[doc.TEXT_WIDTH / 2] * 2)
    table.setStyle(
        TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return table


def _picture(photo: PhotoView, s: dict, problems: list[str]) -> Flowable:  # type: ignore[type-arg]
    """The photo scaled to fit its cell with its aspect ratio kept, or a framed note saying why
    it cannot be shown."""
    if not photo.path.is_file():
        return _missing(f"照片文件缺失：{photo.path}", s, problems)
    try:
        reader = ImageReader(str(photo.path))
        width, height = reader.getSize()
        if photo.media_type != "image/jpeg":
            reader.getRGBData()  # JPEG is embedded as it is; anything else is decoded: try now
    except Exception:  # whatever the decoder raises for a damaged file: say so, print the rest
        return _missing(f"照片文件无法读取：{photo.path}", s, problems)
    scale = min(PHOTO_WIDTH / width, PHOTO_HEIGHT / height)
    return Image(str(photo.path), width=width * scale, height=height * scale)


def _missing(message: str, s: dict, problems: list[str]) -> Flowable:  # type: ignore[type-arg]
    problems.append(message)
    box = Table([[Paragraph(doc.esc(message), s["cell"])]], colWidths=[PHOTO_WIDTH])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, colors.grey),
                ("TOPPADDING", (0, 0), (-1, -1), 12),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
            ]
        )
    )
    return box


def _local_time(event: EventView) -> str:
    """When the step was taken, in this computer's time zone (events are stored in UTC)."""
    try:
        moment = dt.datetime.fromisoformat(event.occurred_at.replace("Z", "+00:00"))
    except ValueError:
        return event.occurred_at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
