"""送达回证: which document was served, to whom, where and when, and the recipient's signature —
or the refusal, noted with a witness. Printed blank for hand-filling when not yet served."""

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from hazard_ledger.reports import document as doc
from hazard_ledger.reports.fonts import FontChoice, resolve_fonts
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.notices import NoticeView

BLANK = "　" * 8


def write_receipt_pdf(
    notice: NoticeView, station: StationView, target: Path, fonts: FontChoice | None = None
) -> FontChoice:
    fonts = fonts or resolve_fonts()
    station = doc.as_issued(station, notice)
    doc.check_glyphs(
        "".join(
            [
                notice.title,
                notice.number,
                notice.unit,
                notice.served_to,
                notice.witness,
                station.name,
                "送达回证",
            ]
        ),
        fonts,
    )
    s = doc.styles(fonts)
    esc = doc.esc
    served = doc.chinese_date(notice.served_on) if notice.served_on else ""
    if notice.refused:
        signature = f"拒绝签收（见证人：{esc(notice.witness)}）"
    else:
        signature = esc(notice.served_to)
    rows = [
        ("送达文书名称及文号", f"《{esc(notice.title)}》{esc(notice.number)}"),
        ("受送达人", esc(notice.unit)),
        ("送达地点", esc(notice.inspected_place) or BLANK),
        ("送达方式", "直接送达" if not notice.refused else "留置送达"),
        ("收件人签名或盖章", signature or BLANK),
        ("送达日期", served or doc.chinese_date(None)),
        ("送达人（签名）", "______________　______________"),
        (
            "见证人（签名）",
            f"{esc(notice.witness)}　签名：______________" if notice.refused else "______________",
        ),
        ("备注", "受送达人拒绝签收，已将文书留置送达。" if notice.refused else ""),
    ]
    table_rows: list[list[Flowable]] = [
        [Paragraph("项目", s["head"]), Paragraph("内容", s["head"])]
    ] + [[Paragraph(k, s["cell"]), Paragraph(v, s["cell"])] for k, v in rows]
    story: list[Flowable] = doc.header(station, "送达回证", "", s)
    story += [
        doc.grid(table_rows, (0.3, 0.7)),
        Spacer(1, 10 * mm),
        Paragraph(f"{esc(station.name)}（印章）", s["right"]),
    ]
    # The 送达回证 comes back to the station and is filed: no "one copy each" footer.
    doc.build(
        story, target, fonts, title=f"送达回证 {notice.number}", author=station.name, footer=""
    )
    return fonts
