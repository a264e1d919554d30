"""The 整改复查意见书: refers to the notice by number and date, lists the hazards that passed and
those that did not (with the new deadline)."""

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from hazard_ledger.reports import document as doc
from hazard_ledger.reports.fonts import FontChoice, resolve_fonts
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.notices import NoticeLine, NoticeView


def write_review_pdf(
    review: NoticeView, station: StationView, target: Path, fonts: FontChoice | None = None
) -> FontChoice:
    fonts = fonts or resolve_fonts()
    station = doc.as_issued(station, review)
    text = [
        review.title,
        review.number,
        review.unit,
        review.refers_to_title,
        review.refers_to_number,
        review.inspectors,
        station.name,
        doc.FOOTER,
    ]
    for line in review.lines:
        text += [line.description, line.location, line.requirement]
    doc.check_glyphs("".join(text), fonts)
    s = doc.styles(fonts)
    esc = doc.esc
    passed = [line for line in review.lines if line.result == "pass"]
    failed = [line for line in review.lines if line.result == "fail"]
    story: list[Flowable] = doc.header(station, review.title, review.number, s)
    story += [Paragraph(f"被检查单位：{esc(review.unit)}", s["body"]), Spacer(1, 2 * mm)]
    story.append(
        Paragraph(
            f"根据本站{doc.chinese_date(review.refers_to_issued_on)}下发的《{esc(review.refers_to_title)}》"
            f"{_bracketed(esc(review.refers_to_number))}，本站检查人员"
            f"{('（' + esc(review.inspectors) + '）') if review.inspectors else ''}"
            f"于{doc.chinese_date(review.inspected_on)}对你单位的整改情况进行了复查，意见如下：",
            s["indent"],
        )
    )
    story += _section(
        f"一、已整改并经复查合格的隐患（{len(passed)} 项）", passed, s, with_deadline=False
    )
    story += _section(
        f"二、未整改到位的隐患（{len(failed)} 项），须在新的期限内整改完毕",
        failed,
        s,
        with_deadline=True,
    )
    if failed:
        story += [Spacer(1, 3 * mm), Paragraph("逾期仍未整改的，本站将依法处理。", s["indent"])]
    story.append(doc.signatures(station, review.issued_on, s))
    doc.build(story, target, fonts, title=f"{review.title} {review.number}", author=station.name)
    return fonts


def _bracketed(number: str) -> str:
    """A document number in brackets, unless it already starts with one (（罗）…)."""
    return number if number.startswith("（") else f"（{number}）"


def _section(
    title: str, lines: list[NoticeLine], s: dict, *, with_deadline: bool
) -> list[Flowable]:  # type: ignore[type-arg]
    esc = doc.esc
    out: list[Flowable] = [Spacer(1, 3 * mm), Paragraph(title, s["body"])]
    if not lines:
        return [*out, Paragraph("无。", s["indent"])]
    heads = ["序号", "隐患描述（部位）", "复查意见"] + (["新的整改期限"] if with_deadline else [])
    rows: list[list[Flowable]] = [[Paragraph(h, s["head"]) for h in heads]]
    for i, line in enumerate(lines, start=1):
        where = f"（{esc(line.location)}）" if line.location else ""
        row = [
            Paragraph(str(i), s["cell"]),
            Paragraph(f"{esc(line.description)}{where}", s["cell"]),
            Paragraph(esc(line.requirement) or ("合格" if not with_deadline else ""), s["cell"]),
        ]
        if with_deadline:
            row.append(Paragraph(doc.chinese_date(line.deadline) + "前", s["cell"]))
        rows.append(row)
    widths = (0.08, 0.5, 0.24, 0.18) if with_deadline else (0.08, 0.6, 0.32)
    return [*out, Spacer(1, 2 * mm), doc.grid(rows, widths)]
