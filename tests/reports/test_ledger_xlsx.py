"""The ledger as an Excel workbook read back: DOMAIN's 33 columns in order, the hazards the
filter selected in the ledger's order, typed cells, the title block and the print setup."""

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl

from hazard_ledger.reports.ledger_xlsx import write_ledger_xlsx
from hazard_ledger.services.hazard_queries import HazardFilter
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.ledger_rows import describe_filter, ledger_rows
from hazard_ledger.services.stations import get_local_station
from tests.reports.test_ledger_pdf import PRINTED_ON, STATION, a_row
from tests.services.test_weekly import build_two_weeks

# DOMAIN.md's "Ledger columns", in its order, 备注 last.
DOMAIN_COLUMNS = [
    "序号",
    "隐患编号",
    "单位名称",
    "统一社会信用代码",
    "村(社区)",
    "地址/部位",
    "行业领域",
    "隐患类别",
    "隐患描述",
    "依据",
    "隐患等级",
    "隐患来源",
    "发现日期",
    "检查人",
    "整改责任人",
    "联系电话",
    "整改要求",
    "整改期限",
    "通知书文号",
    "送达日期",
    "整改措施",
    "整改资金(元)",
    "整改完成日期",
    "复查人",
    "复查日期",
    "复查结论",
    "状态",
    "逾期天数",
    "是否挂牌督办",
    "挂牌级别",
    "挂牌文号",
    "销号日期",
    "备注",
]


def test_the_filtered_ledger_with_every_county_column(ledger: Ledger, tmp_path: Path) -> None:
    codes = build_two_weeks(ledger)
    filters = HazardFilter(unit="鑫源五金厂")
    rows = ledger_rows(ledger, filters, sort="code", descending=True)
    station = get_local_station(ledger)
    assert station is not None
    target = tmp_path / "台账.xlsx"
    write_ledger_xlsx(
        rows, station, target, selection=describe_filter(filters), printed_on=ledger.today()
    )
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["台账"]
    sheet = book["台账"]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "隐患排查整改台账"
    texts = [cell for row in values[1:3] for cell in row if cell]
    assert texts == [
        "填报单位：罗阳镇应急消防管理站",
        "打印日期：2026年11月18日",
        "筛选：单位：鑫源五金厂\u3000共 4 条",
    ]
    assert values[3] == DOMAIN_COLUMNS and len(values[3]) == 33
    body = values[4:]
    assert [row[1] for row in body] == sorted((codes[k] for k in "ABEH"), reverse=True)
    assert [row[0] for row in body] == [1, 2, 3, 4]
    by_code = {row[1]: dict(zip(DOMAIN_COLUMNS, row, strict=True)) for row in body}
    a = by_code[codes["A"]]
    assert (a["状态"], a["逾期天数"], a["整改期限"]) == ("整改中", 6, dt.datetime(2026, 11, 12))
    assert a["发现日期"] == dt.datetime(2026, 11, 10) and a["整改责任人"] == "张国强"
    e = by_code[codes["E"]]
    assert (e["是否挂牌督办"], e["挂牌级别"], e["挂牌文号"]) == ("是", "县级", "泰安委〔2026〕8号")
    assert e["逾期天数"] is None and e["备注"] is None  # blank, as printed
    assert sheet.cell(5, 13).number_format == "yyyy-mm-dd"

    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
        "landscape",
        9,
        1,
        0,
    )
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.print_title_rows, sheet.freeze_panes) == ("$4:$4", "C5")


def test_money_is_a_number_and_long_text_wraps(tmp_path: Path) -> None:
    long = "配电房内堆放纸箱、木料等易燃杂物" * 6
    row = dataclasses.replace(a_row(1), funds_fen=120050, description=long)
    target = tmp_path / "台账.xlsx"
    write_ledger_xlsx([row], STATION, target, selection="全部隐患", printed_on=PRINTED_ON)
    sheet = openpyxl.load_workbook(target)["台账"]
    money = sheet.cell(5, DOMAIN_COLUMNS.index("整改资金(元)") + 1)
    assert money.value == float(Decimal("1200.50")) and money.number_format == "#,##0.00"
    description = DOMAIN_COLUMNS.index("隐患描述") + 1
    cell = sheet.cell(5, description)
    assert cell.value == long and cell.alignment.wrap_text
    width = sheet.column_dimensions[openpyxl.utils.get_column_letter(description)].width
    assert 30 <= width <= 44  # as wide as a readable line, not the whole text


def test_an_empty_selection_says_so(tmp_path: Path) -> None:
    target = tmp_path / "空.xlsx"
    write_ledger_xlsx([], STATION, target, selection="筛选：逾期", printed_on=PRINTED_ON)
    sheet = openpyxl.load_workbook(target)["台账"]
    assert sheet["A5"].value == "没有符合筛选条件的隐患。"
    assert "A5:AG5" in {str(r) for r in sheet.merged_cells.ranges}
