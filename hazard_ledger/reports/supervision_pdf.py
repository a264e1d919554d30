"""The two documents of 挂牌督办, on A4 in the layout of the other documents:

- 重大事故隐患挂牌督办通知书, to the unit: issued by the listing authority under the listing's
  文号 — the hazard, the level, the supervising department, the deadline, and what the unit must
  do: register the 五落实 plan, put up the notice board (公示牌), keep it safe meanwhile, report
  progress, and not declare the fix done before 验收 and 销号.
- 重大事故隐患整改验收销号审批表: a bordered form — the hazard and unit, the listing, the 五落实
  plan, the progress reports, the application, the acceptance opinion with the 验收组's
  signature, the 督办单位's opinion and the 挂牌单位's 销号 approval, each with a seal and date.
  What has happened is filled in; what has not is left blank for hand-filling.
"""

import datetime as dt
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from hazard_ledger.domain.validation import format_yuan
from hazard_ledger.reports import document as doc
from hazard_ledger.reports.fonts import FontChoice, resolve_fonts
from hazard_ledger.services.dto import HazardDetail, StationView, SupervisionView

NOTICE_TITLE = "重大事故隐患挂牌督办通知书"
FORM_TITLE = "重大事故隐患整改验收销号审批表"
NOTICE_FOOTER = "本通知书一式三份：挂牌单位存档一份，送督办单位一份，交被督办单位一份。"
FORM_FOOTER = "本表一式三份：挂牌单位、督办单位、被督办单位各存一份。"
BLANK_DATE = "\u00a0" * 6 + "年" + "\u00a0" * 4 + "月" + "\u00a0" * 4 + "日"


def _requirements(view: SupervisionView) -> list[str]:
    supervisor = view.supervisor or view.authority
    return [
        "立即落实整改责任、措施、资金、时限和应急预案“五落实”要求，制定隐患治理方案，"
        f"报{supervisor}备案。",
        "在隐患现场醒目位置设置重大事故隐患公示牌，公示隐患内容、整改责任单位和责任人、"
        "整改时限及督办单位，接受社会监督，直至销号。",
        "整改期间采取有效的安全防范措施；无法保证安全的，应当撤出作业人员、设置警戒标志，"
        "暂时停产停业或者停止使用相关设施、设备。",
        f"定期向{supervisor}报告整改进展；确需延期的，应当在督办期限届满前书面申请，"
        f"经{view.authority}同意。",
        f"整改完成后向{supervisor}书面申请验收。未经验收合格并销号，不得自行宣布整改完成，"
        "不得擅自恢复有关生产经营活动或者使用有关设施、设备。",
        "逾期未完成整改的，依照《安全生产法》等规定严肃处理。",
    ]


def _numbered(items: list[str]) -> list[str]:
    digits = "一二三四五六七八九十"
    return [f"{digits[i]}、{text}" for i, text in enumerate(items)]


def _hazard_text(hazard: HazardDetail) -> str:
    return hazard.description + (f"（{hazard.location}）" if hazard.location else "")


def _notice_table(
    view: SupervisionView, hazard: HazardDetail, s: dict[str, ParagraphStyle]
) -> Table:
    """The listed hazard: code and discovery date, what and where, the basis, who supervises
    and by when (level and authority are said in the sentence above it)."""
    esc = doc.esc

    def label(text: str) -> Paragraph:
        return Paragraph(text, s["head"])

    def value(text: str) -> Paragraph:
        return Paragraph(esc(text), s["cell"])

    rows = [
        [label("隐患编号"), value(hazard.code), label("发现日期"), value(_date(hazard.found_on))],
        [label("隐患内容"), value(_hazard_text(hazard)), "", ""],
        [label("判定依据"), value(hazard.basis or "—"), "", ""],
        [
            label("督办单位"),
            value(view.supervisor or view.authority),
            label("整改期限"),
            value(_date(view.deadline) + "前"),
        ],
    ]
    table = Table(rows, colWidths=[doc.TEXT_WIDTH * f for f in (0.16, 0.38, 0.16, 0.30)])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("SPAN", (1, 1), (3, 1)),
                ("SPAN", (1, 2), (3, 2)),
            ]
        )
    )
    return table


def _notice_words(view: SupervisionView, hazard: HazardDetail) -> list[str]:
    return [
        hazard.code,
        _date(hazard.found_on),
        _hazard_text(hazard),
        hazard.basis,
        view.supervisor,
        _date(view.deadline),
        "隐患编号发现日期隐患内容判定依据督办单位整改期限前—",
    ]


def _date(day: dt.date | None) -> str:
    return doc.chinese_date(day) if day else BLANK_DATE


def _copy_to(view: SupervisionView, station: StationView) -> str:
    return "抄送：" + "，".join(part for part in (view.supervisor, station.name) if part) + "。"


def listing_notice_text(view: SupervisionView, hazard: HazardDetail, station: StationView) -> str:
    """Everything the notice prints, for the missing-glyph check."""
    parts = [NOTICE_TITLE, NOTICE_FOOTER, view.doc_no, hazard.unit, _copy_to(view, station)]
    parts += _notice_words(view, hazard)
    parts += _numbered(_requirements(view))
    parts.append(
        "经研究决定你单位存在的下列重大事故隐患列入挂牌督办请你单位特此通知被督办单位负责人"
    )
    parts.append("（签收）：日期印章项目内容第页共")
    return "".join(parts)


def write_listing_notice_pdf(
    view: SupervisionView,
    hazard: HazardDetail,
    station: StationView,
    target: Path,
    fonts: FontChoice | None = None,
) -> doc.Printed:
    """Write the 挂牌督办通知书 of ``view`` (the hazard's supervision) to ``target``; refuses,
    before writing, when the font lacks a character."""
    fonts = fonts or resolve_fonts()
    doc.check_glyphs(listing_notice_text(view, hazard, station), fonts)
    s = doc.styles(fonts)
    esc = doc.esc
    story: list[Flowable] = [
        Paragraph(esc(view.authority), s["center"]),
        Paragraph(NOTICE_TITLE, s["title"]),
        Paragraph(esc(view.doc_no), s["center"]),
        Spacer(1, 4 * mm),
        Paragraph(f"{esc(hazard.unit)}：", s["body"]),
        Paragraph(
            f"经{esc(view.authority)}研究决定，你单位存在的下列重大事故隐患列入"
            f"{esc(view.level)}挂牌督办：",
            s["indent"],
        ),
        Spacer(1, 2 * mm),
    ]
    story += [_notice_table(view, hazard, s), Spacer(1, 3 * mm)]
    story.append(Paragraph("请你单位严格落实隐患治理主体责任，做好以下工作：", s["indent"]))
    story += [Paragraph(esc(item), s["indent"]) for item in _numbered(_requirements(view))]
    story.append(Paragraph("特此通知。", s["indent"]))
    story.append(KeepTogether([Spacer(1, 3 * mm), _notice_signatures(view, s)]))
    story += [Spacer(1, 2 * mm), Paragraph(esc(_copy_to(view, station)), s["body"])]
    pages = doc.build(
        story,
        target,
        fonts,
        title=f"{NOTICE_TITLE} {view.doc_no}",
        author=view.authority,
        footer=NOTICE_FOOTER,
    )
    return doc.Printed(fonts, pages)


def _notice_signatures(view: SupervisionView, s: dict[str, ParagraphStyle]) -> Table:
    """The unit's receipt on the left, the listing authority's seal and date on the right."""
    right = ParagraphStyle("seal", parent=s["body"], alignment=TA_RIGHT)
    table = Table(
        [
            [
                [
                    Paragraph("被督办单位负责人（签收）：", s["body"]),
                    Spacer(1, 7 * mm),
                    Paragraph(f"日期：{BLANK_DATE}", s["body"]),
                ],
                [
                    Spacer(1, 7 * mm),
                    Paragraph(f"{doc.esc(view.authority)}（印章）", right),
                    Paragraph(doc.chinese_date(view.listed_on), right),
                ],
            ]
        ],
        colWidths=[doc.TEXT_WIDTH * 0.45, doc.TEXT_WIDTH * 0.55],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
            ]
        )
    )
    return table


# -- the 审批表 ------------------------------------------------------------------------------


def _plan_rows(view: SupervisionView) -> list[tuple[str, str]]:
    funds = format_yuan(view.plan_funds_fen)
    return [
        ("责任", view.plan_responsibility),
        ("措施", view.plan_measures),
        ("资金", f"{funds} 元" if funds else ""),
        ("时限", doc.chinese_date(view.plan_deadline) + "前" if view.plan_deadline else ""),
        ("预案", view.plan_contingency),
    ]


def _progress_lines(view: SupervisionView) -> list[str]:
    lines = []
    for report in view.progress:
        photos = f"（附照片 {report.photos} 张）" if report.photos else ""
        lines.append(f"{doc.chinese_date(report.on)}：{report.note}{photos}")
    return lines or ["无。"]


def _acceptance_lines(view: SupervisionView) -> list[str]:
    if view.acceptance_result not in ("pass", "fail"):
        return [""]
    passed = view.acceptance_result == "pass"
    result = "验收合格。" if passed else "验收不合格，退回整改。"
    lines = [f"验收结论：{result}"]
    if view.acceptance_opinion:
        lines.append(f"验收意见：{view.acceptance_opinion}")
    lines.append(f"验收单位：{view.accepted_by}")
    return lines


def _delisting_lines(view: SupervisionView) -> list[str]:
    if view.delisted_on is None:
        return [""]
    return ["同意销号。"]


def form_text(view: SupervisionView, hazard: HazardDetail, station: StationView) -> str:
    """Everything the form prints, for the missing-glyph check."""
    parts = [FORM_TITLE, FORM_FOOTER, station.name, hazard.unit, hazard.village, hazard.code]
    parts += [_hazard_text(hazard), view.level, view.doc_no, view.authority, view.supervisor]
    parts += [part for row in _plan_rows(view) for part in row]
    parts += _progress_lines(view) + _acceptance_lines(view) + _delisting_lines(view)
    parts.append(
        "填报单位：单位名称村（社区）隐患描述挂牌级别日期文号督办期限单位五落实情况整改进展"
        "申请验收日期验收组意见签名督办单位意见挂牌单位销号意见签章年月日第页共"
    )
    return "".join(parts)


def write_acceptance_form_pdf(
    view: SupervisionView,
    hazard: HazardDetail,
    station: StationView,
    target: Path,
    fonts: FontChoice | None = None,
) -> doc.Printed:
    """Write the 整改验收销号审批表 of ``view`` to ``target``, with what has happened filled in;
    refuses, before writing, when the font lacks a character."""
    fonts = fonts or resolve_fonts()
    doc.check_glyphs(form_text(view, hazard, station), fonts)
    s = doc.styles(fonts)
    story: list[Flowable] = [
        Paragraph(FORM_TITLE, s["title"]),
        Spacer(1, 4 * mm),
        _form_heading(station, s),
        _form_table(view, hazard, s),
    ]
    pages = doc.build(
        story,
        target,
        fonts,
        title=f"{FORM_TITLE} {hazard.code}",
        author=station.name,
        footer=FORM_FOOTER,
    )
    return doc.Printed(fonts, pages)


def _form_heading(station: StationView, s: dict[str, ParagraphStyle]) -> Table:
    right = ParagraphStyle("cell-right", parent=s["cell"], alignment=TA_RIGHT)
    heading = Table(
        [
            [
                Paragraph(f"填报单位：{doc.esc(station.name)}", s["cell"]),
                Paragraph(f"填报日期：{BLANK_DATE}", right),
            ]
        ],
        colWidths=[doc.TEXT_WIDTH * 0.6, doc.TEXT_WIDTH * 0.4],
    )
    heading.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (0, 0), 0), ("RIGHTPADDING", (1, 0), (1, 0), 0)])
    )
    return heading


# The form's grid: a label, a value of two columns (the 五落实 items' names in the first), a
# second label and its value. Full-width values span columns 1–4.
FORM_COLUMNS = (0.18, 0.09, 0.25, 0.16, 0.32)


def _form_table(view: SupervisionView, hazard: HazardDetail, s: dict[str, ParagraphStyle]) -> Table:
    esc = doc.esc

    def label(text: str) -> Paragraph:
        return Paragraph(text, s["head"])

    def value(text: str) -> Paragraph:
        return Paragraph(esc(text), s["cell"])

    def signed(texts: list[str], who: str, day: dt.date | None, room: float) -> list[Flowable]:
        """An opinion box: its text, room to write, then who signs and the date."""
        right = ParagraphStyle("sign", parent=s["cell"], alignment=TA_RIGHT)
        return [
            *(Paragraph(esc(text), s["cell"]) for text in texts),
            Spacer(1, room),
            Paragraph(f"{who}{BLANK_DATE[:4]}{_date(day)}", right),
        ]

    rows: list[list[Flowable | str | list[Flowable]]] = []
    full: list[int] = []  # rows whose value spans columns 1–4

    def pair(name: str, text: str, name2: str, text2: str) -> None:
        rows.append([label(name), value(text), "", label(name2), value(text2)])

    def whole(name: str, content: Flowable | list[Flowable]) -> None:
        full.append(len(rows))
        rows.append([label(name), content, "", "", ""])

    whole("单位名称", value(hazard.unit))
    pair("隐患编号", hazard.code, "村（社区）", hazard.village)
    whole("隐患描述", value(_hazard_text(hazard)))
    pair("挂牌级别", view.level, "挂牌日期", _date(view.listed_on))
    pair("挂牌文号", view.doc_no, "督办期限", _date(view.deadline) + "前")
    pair("挂牌单位", view.authority, "督办单位", view.supervisor)
    plan_top = len(rows)
    for i, (name, text) in enumerate(_plan_rows(view)):
        rows.append([label("五落实<br/>情况") if i == 0 else "", label(name), value(text), "", ""])
    whole("整改进展", [value(line) for line in _progress_lines(view)])
    whole("申请验收日期", value(_date(view.applied_on) if view.applied_on else ""))
    opinions = len(rows)
    whole(
        "验收组意见",
        signed(_acceptance_lines(view), "验收组成员（签名）：", view.accepted_on, 12 * mm),
    )
    whole("督办单位意见", signed([""], "（签章）", None, 14 * mm))
    whole(
        "挂牌单位<br/>销号意见",
        signed(_delisting_lines(view), "（签章）", view.delisted_on, 14 * mm),
    )
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("SPAN", (0, plan_top), (0, plan_top + 4)),
    ]
    pairs = [r for r in range(len(rows)) if r not in full and not plan_top <= r < plan_top + 5]
    commands += [("SPAN", (1, r), (2, r)) for r in pairs]
    commands += [("SPAN", (2, r), (4, r)) for r in range(plan_top, plan_top + 5)]
    commands += [("SPAN", (1, r), (4, r)) for r in full]
    commands += [("VALIGN", (1, r), (1, r), "TOP") for r in range(opinions, len(rows))]
    table = Table(rows, colWidths=[doc.TEXT_WIDTH * f for f in FORM_COLUMNS])
    table.setStyle(TableStyle(commands))
    return table
