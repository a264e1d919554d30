"""The 周报 PDF read back: landscape pages with the running head, the header block, 汇总 with
its notes, 逾期 and 明细; a character the font lacks stops it before anything is written."""

import dataclasses
from pathlib import Path

import pytest
from pypdf import PdfReader

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.reports.fonts import resolve_fonts
from hazard_ledger.reports.weekly_pdf import write_weekly_pdf
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.weekly import WeeklyReport, weekly_report
from tests.reports.pdf_text import page_texts
from tests.services.test_weekly import W47, add_second_station, build_two_weeks


@pytest.fixture
def report(ledger: Ledger) -> WeeklyReport:
    build_two_weeks(ledger)
    return weekly_report(ledger, W47)


def test_the_weekly_pdf_holds_summary_overdue_and_details(
    report: WeeklyReport, tmp_path: Path
) -> None:
    pdf = tmp_path / "周报.pdf"
    printed = write_weekly_pdf(report, pdf, fonts=resolve_fonts())
    pages = page_texts(pdf)
    assert printed.pages == len(pages) and printed.fonts.embedded
    for number, text in enumerate(pages, start=1):
        assert "隐患排查整改周报罗阳镇" in text and "2026年第47周（11月16日—11月22日）" in text
        assert f"第{number}页/共{len(pages)}页" in text
    whole = "".join(pages)
    for expected in (
        "乡镇(街道)：罗阳镇",
        "统计区间：2026年第47周（11月16日—11月22日）",
        "填报人：测试员",
        "审核人：",
        "报送日期：2026年11月18日",
        "一、汇总（按行业领域）",
        "本周（11月16日—11月22日）",
        "累计（截至11月22日）",
        "消防（九小场所）",
        "未分类",
        "28.6%",  # 累计 整改率: 2 of 7
        "本周栏按本周发现的隐患计",
        "二、逾期未整改隐患（截至2026年11月18日，共2条",
        "三、明细：统计区间内登记、办理或闭环的隐患（共5条）",
        "登记、交办、整改完成",
    ):
        assert expected in whole, expected
    overdue = whole[whole.index("二、逾期") : whole.index("三、明细")]
    assert [code for code in (r.code for r in report.overdue) if code in overdue] == [
        r.code for r in report.overdue
    ]
    assert overdue.index(report.overdue[0].code) < overdue.index(report.overdue[1].code)
    details = whole[whole.index("三、明细") :]
    assert all(d.row.code in details for d in report.details)
    page = PdfReader(pdf).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape


def test_county_wide_prints_the_stations(ledger: Ledger, tmp_path: Path) -> None:
    build_two_weeks(ledger)
    add_second_station(ledger)
    pdf = tmp_path / "县周报.pdf"
    write_weekly_pdf(weekly_report(ledger, W47, reviewer="县安委办"), pdf)
    whole = "".join(page_texts(pdf))
    assert "二、分站汇总" in whole and "沙溪镇（SX）" in whole and "罗阳镇（LY）" in whole
    assert "泰顺县（全县2个站）" in whole and "审核人：县安委办" in whole
    assert "三、逾期未整改隐患" in whole and "四、明细" in whole


def test_a_character_the_font_lacks_stops_it_before_writing(
    report: WeeklyReport, tmp_path: Path
) -> None:
    rare = dataclasses.replace(report.overdue[0], unit="𪚥记招牌店")
    report = dataclasses.replace(report, overdue=(rare, *report.overdue[1:]))
    with pytest.raises(ValidationError, match="缺少这些字：𪚥"):
        write_weekly_pdf(report, tmp_path / "周报.pdf", fonts=resolve_fonts())
    assert not list(tmp_path.glob("周报.pdf*"))
