"""The 周报 workbook read back with openpyxl: sheets, header block, merged group headers, the
figures of the ledger built in tests/services/test_weekly.py, numbers, dates and the print
setup a county clerk relies on."""

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from hazard_ledger.reports.weekly_xlsx import write_weekly_xlsx
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.weekly import WeeklyReport, weekly_report
from tests.services.test_weekly import W47, add_second_station, build_two_weeks

D = dt.date


@pytest.fixture
def report(ledger: Ledger) -> WeeklyReport:
    build_two_weeks(ledger)
    return weekly_report(ledger, W47, reviewer="王站长")


def written(report: WeeklyReport, tmp_path: Path) -> openpyxl.Workbook:
    target = tmp_path / "周报.xlsx"
    write_weekly_xlsx(report, target)
    assert not list(tmp_path.glob("*.part"))
    return openpyxl.load_workbook(target)


def rows_of(sheet: Worksheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def find_row(sheet: Worksheet, label: str) -> list[object]:
    (row,) = [row for row in rows_of(sheet) if row[0] == label]
    return row


def test_sheets_and_the_header_block(report: WeeklyReport, tmp_path: Path) -> None:
    book = written(report, tmp_path)
    assert book.sheetnames == ["汇总", "明细", "逾期"]
    for sheet in book:
        texts = [cell for row in rows_of(sheet)[:4] for cell in row if cell]
        assert texts[0].startswith("隐患排查整改周报")
        for expected in (
            "乡镇(街道)：罗阳镇",
            "统计区间：2026年第47周（11月16日—11月22日）",
            "填报人：测试员",
            "审核人：王站长",
            "报送日期：2026年11月18日",
        ):
            assert expected in texts, (sheet.title, expected)
    assert book.properties.creator == "测试员"


def test_the_summary_has_grouped_headers_and_the_ledgers_figures(
    report: WeeklyReport, tmp_path: Path
) -> None:
    sheet = written(report, tmp_path)["汇总"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    # 行业领域 over the three header rows; 本周 and 累计 over their 15 columns each; the
    # groups 发现隐患 and 重大隐患挂牌 over their parts; single figures down two rows.
    assert {"A4:A6", "B4:P4", "Q4:AE4", "D5:F5", "L5:N5", "S5:U5", "AA5:AC5", "B5:B6"} <= merged
    assert sheet["B4"].value == "本周（11月16日—11月22日）"
    assert sheet["Q4"].value == "累计（截至11月22日）"
    groups = [(sheet.cell(5, c).value or "").replace("\n", "") for c in range(2, 17)]
    parts = [sheet.cell(6, c).value for c in range(2, 17)]
    assert [g for g in groups if g] == [
        "检查单位数",
        "检查次数",
        "发现隐患",
        "当场整改",
        "已整改",
        "整改率",
        "在改未到期",
        "逾期未整改",
        "重大隐患挂牌",
        "下发通知书",
        "复查次数",
    ]
    assert [p for p in parts if p] == ["合计", "一般", "重大", "新增", "在办", "销号"]

    assert [row[0] for row in rows_of(sheet)[6:10]] == [
        "消防（九小场所）",
        "工贸（机械）",
        "未分类",
        "合计",
    ]
    total = find_row(sheet, "合计")
    week, cumulative = total[1:16], total[16:31]
    # The figures worked out in tests/services/test_weekly.py, in the sheet's column order.
    assert week == [3, 3, 3, 2, 1, 1, 0, 0.0, 0, 1, 1, 1, 0, 0, 2]
    assert cumulative[:7] == [3, 8, 7, 5, 2, 2, 2]
    assert cumulative[7] == pytest.approx(2 / 7)
    assert cumulative[8:] == [1, 2, 1, 1, 0, 1, 3]
    total_row = [row[0] for row in rows_of(sheet)].index("合计") + 1
    rate = sheet.cell(total_row, 24)
    assert rate.number_format == "0.0%" and isinstance(rate.value, float)
    assert sheet.cell(total_row, 2).font.b  # 合计 in bold
    # F found this week and not closed: 0 %, a number; 消防 found G only, not closed either.
    assert find_row(sheet, "未分类")[8] == 0.0
    notes = [row[0] for row in rows_of(sheet) if row[0] and str(row[0]).startswith("整改率 =")]
    assert notes and "本周栏按本周发现的隐患计" in notes[0]


def test_print_setup_of_every_sheet(report: WeeklyReport, tmp_path: Path) -> None:
    book = written(report, tmp_path)
    expected = {"汇总": ("$4:$6", "B7"), "明细": ("$5:$5", "C6"), "逾期": ("$5:$5", "C6")}
    for sheet in book:
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)  # one page wide
        assert (sheet.print_title_rows, sheet.freeze_panes) == expected[sheet.title]
        assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
        header_row = int(expected[sheet.title][0].split(":")[0].strip("$"))
        head = sheet.cell(header_row, 1)
        assert head.border.left.style == "thin" and head.border.bottom.style == "thin"
        widths = [sheet.column_dimensions[c].width for c in "ABC"]
        assert all(w and w >= 6 for w in widths)


def test_details_and_overdue_hold_ledger_rows(report: WeeklyReport, tmp_path: Path) -> None:
    book = written(report, tmp_path)
    details = book["明细"]
    header = rows_of(details)[4]
    assert header[:4] == ["序号", "隐患编号", "单位名称", "统一社会信用代码"]
    assert header[-2:] == ["备注", "本周办理"] and len(header) == 34
    body = rows_of(details)[5:]
    assert [row[1] for row in body] == [d.row.code for d in report.details]
    found = header.index("发现日期") + 1
    cell = details.cell(6, found)
    assert cell.value == dt.datetime(2026, 11, 12)  # C, found 11-12, first by code
    assert cell.number_format == "yyyy-mm-dd"
    assert body[-1][-1] == "登记、交办、整改完成"  # G
    overdue = book["逾期"]
    assert "截至2026年11月18日逾期未整改的隐患共 2 条" in str(rows_of(overdue)[3][0])
    head = rows_of(overdue)[4]
    rows = rows_of(overdue)[5:]
    assert [row[head.index("逾期天数")] for row in rows] == [6, 1]
    assert rows[0][head.index("整改责任人")] == "张国强"
    assert rows[0][head.index("整改期限")] == dt.datetime(2026, 11, 12)


def test_county_wide_adds_the_stations_sheet(ledger: Ledger, tmp_path: Path) -> None:
    build_two_weeks(ledger)
    add_second_station(ledger)
    book = written(weekly_report(ledger, W47), tmp_path)
    assert book.sheetnames == ["汇总", "分站", "明细", "逾期"]
    stations = book["分站"]
    assert stations["A4"].value == "站点"
    labels = [row[0] for row in rows_of(stations)[6:9]]
    assert labels == ["罗阳镇（LY）", "沙溪镇（SX）", "合计"]
    assert find_row(stations, "沙溪镇（SX）")[1:4] == [1, 1, 1]
    assert "乡镇(街道)：泰顺县（全县 2 个站）" in rows_of(stations)[1]
    summed = [
        a + b
        for a, b in zip(
            find_row(stations, "罗阳镇（LY）")[17:20],
            find_row(stations, "沙溪镇（SX）")[17:20],
            strict=True,
        )
    ]
    assert summed == find_row(stations, "合计")[17:20] == [10, 9, 7]


def test_written_into_a_file_object_as_the_sync_export_does(report: WeeklyReport) -> None:
    buffer = io.BytesIO()
    write_weekly_xlsx(report, buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    assert book.sheetnames == ["汇总", "明细", "逾期"]
    assert find_row(book["汇总"], "合计")[1:3] == [3, 3]


def test_an_empty_week_still_makes_a_readable_workbook(ledger: Ledger, tmp_path: Path) -> None:
    book = written(weekly_report(ledger, W47), tmp_path)
    assert find_row(book["汇总"], "合计")[1:9] == [0, 0, 0, 0, 0, 0, 0, "—"]
    assert rows_of(book["明细"])[5][0] == "无" and rows_of(book["逾期"])[5][0] == "无"
