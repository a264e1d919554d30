"""The printed ledger: what every page carries, exactly the filtered hazards, landscape A4,
long ledgers over many pages, cells that wrap inside their column, missing characters."""

import dataclasses
import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.reports.fonts import resolve_fonts
from hazard_ledger.reports.ledger_pdf import (
    NO_LINE_END,
    NO_LINE_START,
    LineBreaker,
    write_ledger_pdf,
)
from hazard_ledger.services import hazards
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.hazard_queries import HazardFilter
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.ledger_rows import LedgerRow, describe_filter, ledger_rows
from hazard_ledger.services.notices import issue_notice
from hazard_ledger.services.stations import get_local_station
from tests.reports.pdf_text import page_texts

D = dt.date
PRINTED_ON = D(2026, 11, 18)
STATION = StationView("s", "LY", "罗阳镇应急消防管理站", "罗阳镇", "泰顺县", "罗", True)
LONG = "配电房内堆放纸箱、木料等易燃杂物，未配置灭火器，配电柜前未设置绝缘垫，配电房门未上锁"


def a_row(serial: int, **changes: object) -> LedgerRow:
    row = LedgerRow(
        serial=serial,
        code=f"LY-2026-{serial:04d}",
        unit="泰顺县宏达建筑工程有限公司（罗阳安置房项目部）",
        credit_code="",
        village="城东社区",
        address="",
        location="一号车间",
        industry="工贸（机械）",
        category="",
        description=LONG,
        basis="",
        level=HazardLevel.GENERAL,
        source="",
        found_on=D(2026, 11, 2),
        inspector="张建华",
        responsible="张国强",
        responsible_phone="",
        requirement="立即清理杂物，配置灭火器并书面报告",
        deadline=D(2026, 11, 10),
        notice_number="（罗）应消整改〔2026〕12号",
        served_on=D(2026, 11, 4),
        measures="",
        funds_fen=None,
        rectified_on=None,
        verified_by="",
        verified_on=None,
        verification_result="",
        status=HazardStatus.ASSIGNED,
        overdue_days=8,
    )
    return dataclasses.replace(row, **changes)  # type: ignore[arg-type]


def test_the_ledger_prints_the_filtered_hazards_and_no_other(
    ledger: Ledger, tmp_path: Path
) -> None:
    codes = [
        hazards.record_hazard(
            ledger,
            hazards.NewHazard(unit="鑫源五金厂", description=text, found_on=D(2026, 11, 2)),
        )
        for text in ("灭火器过期", "配电房堆放杂物", "安全出口上锁")
    ]
    number = issue_notice(
        ledger,
        unit="鑫源五金厂",
        codes=codes[:2],
        deadline=D(2026, 11, 10),
        issued_on=D(2026, 11, 3),
    )
    hazards.rectify_hazard(ledger, codes[1], measures="已清理", done_on=D(2026, 11, 9))
    filters = HazardFilter(overdue=True)
    rows = ledger_rows(ledger, filters)
    pdf = tmp_path / "逾期台账.pdf"
    station = get_local_station(ledger)
    assert station is not None
    printed = write_ledger_pdf(
        rows, station, pdf, selection=describe_filter(filters), printed_on=ledger.today()
    )
    assert printed.pages == 1 and printed.fonts.embedded
    (text,) = page_texts(pdf)
    for expected in (
        "隐患排查整改台账",
        "填报单位：罗阳镇应急消防管理站",
        "筛选：逾期共1条",
        "打印日期：2026年11月18日",
        "第1页/共1页",
        codes[0],
        "灭火器过期",
        number,
        "2026-11-10",  # the deadline
        "整改中",
    ):
        assert expected in text, expected
    assert codes[1] not in text and codes[2] not in text
    page = PdfReader(pdf).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)


def test_a_thousand_rows_run_over_many_pages_each_with_heading_and_header(
    tmp_path: Path,
) -> None:
    rows = [a_row(i) for i in range(1, 1001)]
    pdf = tmp_path / "台账.pdf"
    printed = write_ledger_pdf(
        rows, STATION, pdf, selection="全部隐患", printed_on=PRINTED_ON, fonts=resolve_fonts()
    )
    pages = page_texts(pdf)
    assert printed.pages == len(pages) >= 20
    for number, text in enumerate(pages, start=1):
        for expected in (
            "隐患排查整改台账",
            "罗阳镇应急消防管理站",
            "全部隐患共1000条",
            "打印日期：2026年11月18日",
            "序号隐患编号单位名称村(社区)部位隐患描述等级发现日期",  # the column header
            f"第{number}页/共{len(pages)}页",
        ):
            assert expected in text, (number, expected)
    whole = "".join(pages)
    positions = [whole.index(row.code) for row in rows]
    assert positions == sorted(positions)  # every row, once, in order


def test_long_text_wraps_inside_its_cell(tmp_path: Path) -> None:
    pdf = tmp_path / "长文本.pdf"
    long = LONG * 3
    write_ledger_pdf(
        [a_row(1, description=long)], STATION, pdf, selection="全部隐患", printed_on=PRINTED_ON
    )
    reader = PdfReader(pdf)
    lines = [line.strip() for line in reader.pages[0].extract_text().splitlines()]
    pieces = [line for line in lines if line and line in long]
    assert len(pieces) >= 4 and "".join(pieces) == long  # several lines, nothing lost


def test_an_empty_selection_says_so(tmp_path: Path) -> None:
    pdf = tmp_path / "空.pdf"
    write_ledger_pdf([], STATION, pdf, selection="筛选：逾期", printed_on=PRINTED_ON)
    (text,) = page_texts(pdf)
    assert "没有符合筛选条件的隐患。" in text and "筛选：逾期共0条" in text


def test_a_character_the_font_lacks_stops_the_ledger_before_writing(tmp_path: Path) -> None:
    pdf = tmp_path / "rare.pdf"
    rows = [a_row(1), a_row(2, unit="𪚥记招牌店")]
    with pytest.raises(ValidationError, match="缺少这些字：𪚥"):
        write_ledger_pdf(rows, STATION, pdf, selection="全部隐患", printed_on=PRINTED_ON)
    assert not list(tmp_path.iterdir())


CHARS = "配电房堆放杂物灭火器（）《》，。、；：“”ABCxyz0123456789.-/ "
PUNCTUATION = re.escape(NO_LINE_START + NO_LINE_END)


@settings(max_examples=300, deadline=None)
@example(text="0000000000/ ", limit=48)  # a space after a full line adds no empty line
@example(text="0000000000”", limit=48)
@example(text="（配电房）内，“堆放”杂物。", limit=48)
@given(text=st.text(alphabet=CHARS, max_size=80), limit=st.integers(min_value=48, max_value=160))
def test_line_breaking_fits_keeps_every_character_and_respects_punctuation(
    text: str, limit: int
) -> None:
    # Real text has no long runs of punctuation; with at most two in a row, every unit of a
    # CJK character and its punctuation fits a line of six characters. Punctuation set off by a
    # space is not attached to anything: the space is a break like any other.
    assume(not re.search(f"[{PUNCTUATION}]{{3,}}", text))
    assume(not re.search(f"\\s[{re.escape(NO_LINE_START)}]|[{re.escape(NO_LINE_END)}]\\s", text))
    breaker = LineBreaker(resolve_fonts().body, 8)
    lines = breaker.wrap(text, limit).split("\n")
    assert "".join("".join(lines).split()) == "".join(text.split())
    for before, line in itertools.pairwise(lines):
        assert breaker.width(before) <= limit or len(before) == 1
        assert before and line  # no empty lines from one paragraph
        # Only a Latin run too long for one line is broken, and may then break anywhere.
        if line[0] in NO_LINE_START:
            assert before[-1].isascii(), (before, line)
        if before[-1] in NO_LINE_END:
            assert line[0].isascii(), (before, line)
    assert breaker.width(lines[-1]) <= limit or len(lines[-1]) == 1
