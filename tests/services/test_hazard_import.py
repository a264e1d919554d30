"""`hazard import`: a station's earlier Excel 台账, as county sheets are really laid out."""

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from hazard_ledger.db.models import Event
from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.services import hazards
from hazard_ledger.services.hazard_import import import_hazards
from hazard_ledger.services.hazard_queries import show_hazard
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.units import list_units
from tests.services.test_unit_import import OTHER_CODE, XINYUAN, db_state

S = HazardStatus
# Two header lines under a title: 整改情况 is a group over 整改措施 and 完成时间.
TOP = ["序号", "隐患编号", "被检查单位", "统一社会信用代码", "所在村（社区）", "隐患部位"]
TOP += ["存在问题", "隐患级别", "检查日期", "检查人员", "整改责任人", "整改时限"]
TOP += ["整改情况", None, "复查日期", "备注"]
SUB = [None] * 12 + ["整改措施", "完成时间", None, None]


def county_workbook(path: Path, rows: list[list[Any]], sheet: str = "2024年隐患台账") -> Path:
    """A county-style ledger: a merged title, a filler line, a two-line header with merged
    cells, and the unit's name merged down over its hazards where ``rows`` leaves it None."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    ws["A1"] = "罗阳镇2024年度安全生产隐患排查整改台账"
    ws.merge_cells("A1:P1")
    ws["A2"] = "填报单位（盖章）：罗阳镇应急消防管理站        填报日期：2024年12月31日"
    ws.merge_cells("A2:P2")
    ws.append(TOP)
    ws.append(SUB)
    ws.merge_cells("M3:N3")
    for column in "ABCDEFGHIJKLOP":
        ws.merge_cells(f"{column}3:{column}4")
    for row in rows:
        ws.append(row)
    for index, row in enumerate(rows):
        if row[2] is None and index:  # merged with the unit's cell above
            top = index
            while rows[top - 1][2] is None:
                top -= 1
            ws.merge_cells(f"C{top + 4}:C{index + 5}")
    ws.append(["填表人：张建华", None, None, None, None, None, "审核人：王站长"])
    book.save(path)
    return path


def row(
    n: int,
    unit: str | None = "鑫源五金厂",
    description: str = "配电房堆放杂物",
    found: Any = "2024-03-05",
    *,
    code: str = "",
    credit: str = "",
    village: str = "城东社区",
    place: str = "配电房",
    level: str = "一般",
    responsible: str = "",
    deadline: Any = None,
    measures: str = "",
    done: Any = None,
    verified: Any = None,
    remarks: str = "",
) -> list[Any]:
    return [
        *(n, code, unit, credit, village, place, description, level, found, "张建华"),
        *(responsible, deadline, measures, done, verified, remarks),
    ]


def sample(path: Path) -> Path:
    """Seven hazards: real and text dates in every common form, every status by its dates."""
    return county_workbook(
        path,
        [
            row(1, found=dt.datetime(2024, 3, 5), code="LY2024-001", credit=XINYUAN,
                responsible="张国强", deadline="2024/3/12", measures="已清理杂物",
                done="2024.3.10", verified="2024年3月15日"),
            row(2, None, "灭火器压力不足", dt.datetime(2024, 3, 5), code="LY2024-002",
                place="车间", responsible="张国强", deadline=dt.datetime(2024, 3, 20),
                measures="已更换", done=dt.datetime(2024, 3, 18)),
            row(3, "老街小吃店", "燃气软管老化", "2024-04-02", code="LY2024-003",
                village="罗阳村", place="厨房", responsible="李四", deadline="2024-04-09"),
            row(4, "城东加油站", "防雷检测过期", "2024年5月6日", code="LY2024-004",
                place="油罐区", level="重大事故隐患"),
            row(5, "红星竹木制品厂", "疏散通道堵塞", "2024/6/3", code="LY2024-005",
                village="下洋村", place="仓库", remarks="重复登记，作废"),
            row(6, "罗阳中心幼儿园", "燃气报警器失效", 20240701, code="LY2024-006",
                village="罗阳村", place="厨房"),
            row(7, "罗阳中心幼儿园", "消防通道被占用", "2024.7.1", code="LY2024-007",
                village="罗阳村", place="东侧通道"),
        ],
    )  # fmt: skip


def import_events(ledger: Ledger) -> list[dict[str, Any]]:
    with ledger.read() as session:
        events = session.scalars(select(Event).where(Event.kind == "imported").order_by(Event.seq))
        return [json.loads(e.payload) for e in events]


def test_a_county_sheet_is_read_under_its_title_and_two_header_lines(
    ledger: Ledger, tmp_path: Path
) -> None:
    report = import_hazards(ledger, sample(tmp_path / "台账2024.xlsx"))
    assert report.written and not report.errors
    assert report.sheets[0].header_row == 3
    assert report.sheets[0].columns["measures"] == "整改措施"
    assert report.sheets[0].columns["rectified_on"] == "完成时间"
    assert [(o.row, o.code) for o in report.outcomes] == [
        (5 + i, f"LY-2024-{i + 1:04d}") for i in range(7)
    ]
    assert [show_hazard(ledger, f"LY-2024-{i:04d}").found_on for i in range(1, 8)] == [
        dt.date(2024, 3, 5),
        dt.date(2024, 3, 5),
        dt.date(2024, 4, 2),
        dt.date(2024, 5, 6),
        dt.date(2024, 6, 3),
        dt.date(2024, 7, 1),
        dt.date(2024, 7, 1),
    ]
    first, second = show_hazard(ledger, "LY-2024-0001"), show_hazard(ledger, "LY-2024-0002")
    assert (first.deadline, first.rectified_on, first.verified_on) == (
        dt.date(2024, 3, 12),
        dt.date(2024, 3, 10),
        dt.date(2024, 3, 15),
    )
    # The unit's name merged down over its second hazard; matched by the credit code.
    assert second.unit == first.unit == "鑫源五金厂" and second.location == "车间"
    assert show_hazard(ledger, "LY-2024-0004").level is HazardLevel.MAJOR
    # 老街小吃店 is registered (by name); the other three are added.
    assert report.new_units == ("城东加油站", "红星竹木制品厂", "罗阳中心幼儿园")
    assert {u.name for u in list_units(ledger)} >= {"城东加油站", "罗阳中心幼儿园"}
    assert check_ledger(ledger).ok


def test_the_status_follows_from_the_dates_filled_in(ledger: Ledger, tmp_path: Path) -> None:
    report = import_hazards(ledger, sample(tmp_path / "台账2024.xlsx"))
    assert [o.status for o in report.outcomes] == [
        S.VERIFIED,  # 复查日期
        S.RECTIFIED,  # 完成时间, no 复查
        S.ASSIGNED,  # 整改时限 and 责任人
        S.DISCOVERED,  # nothing but the discovery
        S.DISCOVERED,  # a remark is not a status
        S.DISCOVERED,
        S.DISCOVERED,
    ]
    assert report.by_status()[S.DISCOVERED] == 4
    # Without a 交办日期 an assigned hazard counts as assigned on the day it was found.
    assert show_hazard(ledger, "LY-2024-0003").assigned_on == dt.date(2024, 4, 2)
    assert import_events(ledger)[2]["import"]["assumed"] == ["assigned_on"]


def status_sheet(path: Path, words: list[tuple[str, dict[str, Any]]]) -> Path:
    """A plain sheet (header in row 1) with a 状态 column."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    headers = ["单位名称", "隐患描述", "发现日期", "整改期限", "整改完成日期", "复查日期"]
    headers += ["复查结论", "状态", "作废原因"]
    ws.append(headers)
    for n, (word, extra) in enumerate(words):
        cells = {"单位名称": "鑫源五金厂", "隐患描述": f"隐患{n}", "发现日期": "2024-03-05"}
        cells |= {"状态": word} | extra
        ws.append([cells.get(h) for h in headers])
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("word", "extra", "status"),
    [
        ("待交办", {}, S.DISCOVERED),
        ("整改中（逾期3天）", {"整改期限": "2024-03-20"}, S.ASSIGNED),
        ("未整改", {}, S.ASSIGNED),
        ("待复查", {"整改完成日期": "2024-03-18"}, S.RECTIFIED),
        ("已整改", {"整改完成日期": "2024-03-18"}, S.VERIFIED),
        ("已闭环", {"复查日期": "2024-03-20"}, S.VERIFIED),
        ("已作废", {}, S.VOIDED),
        ("", {"作废原因": "重复登记"}, S.VOIDED),
        ("", {"复查日期": "2024-03-20", "复查结论": "不合格"}, S.ASSIGNED),
        ("", {"复查结论": "合格"}, S.VERIFIED),
    ],
)
def test_every_status_imports_passes_check_and_the_loop_goes_on(
    ledger: Ledger, tmp_path: Path, word: str, extra: dict[str, Any], status: HazardStatus
) -> None:
    report = import_hazards(ledger, status_sheet(tmp_path / "t.xlsx", [(word, extra)]))
    assert [o.status for o in report.outcomes] == [status]
    code = report.outcomes[0].code
    detail = show_hazard(ledger, code)
    assert detail.status is status
    assert [(e.kind, e.label) for e in detail.history] == [("imported", "导入")]
    assert check_ledger(ledger).ok
    # The imported hazard goes on through the ordinary steps from where it landed.
    if status is S.DISCOVERED:
        hazards.assign_hazard(ledger, code, responsible="张国强", deadline=dt.date(2026, 12, 1))
    elif status is S.ASSIGNED:
        hazards.rectify_hazard(ledger, code, measures="已整改")
    elif status is S.RECTIFIED:
        hazards.verify_hazard(ledger, code, by="李晓峰", passed=True)
    if status.is_open:
        assert len(show_hazard(ledger, code).history) == 2
    if status is S.VOIDED:
        assert detail.void_reason in ("原台账状态为“已作废”", "重复登记")
    assert check_ledger(ledger).ok


def test_importing_the_same_file_again_adds_nothing(ledger: Ledger, tmp_path: Path) -> None:
    path = sample(tmp_path / "台账2024.xlsx")
    import_hazards(ledger, path)
    before = db_state(ledger)
    report = import_hazards(ledger, path)
    assert report.count("added") == 0 and report.count("already") == 7
    assert [o.code for o in report.outcomes] == [f"LY-2024-{i:04d}" for i in range(1, 8)]
    assert db_state(ledger) == before


def test_without_hazard_codes_a_fingerprint_keeps_reimports_out(
    ledger: Ledger, tmp_path: Path
) -> None:
    """No 隐患编号 column (or plain serial numbers): unit, date, description and place say
    which hazard a row is, with spaces, full-width letters and end punctuation folded."""
    first = status_sheet(tmp_path / "a.xlsx", [("", {"隐患描述": "1号配电房堆放杂物"})])
    again = status_sheet(tmp_path / "b.xlsx", [("", {"隐患描述": " １号配电房 堆放杂物。"})])
    other = status_sheet(tmp_path / "c.xlsx", [("", {"隐患描述": "2号配电房堆放杂物"})])
    assert import_hazards(ledger, first).count("added") == 1
    assert import_hazards(ledger, again).count("already") == 1
    assert import_hazards(ledger, other).count("added") == 1
    keys = [e["import"]["key"] for e in import_events(ledger)]
    assert len(keys) == 2 and all(k.startswith("指纹:") for k in keys)


def test_plain_serial_numbers_are_not_taken_for_hazard_codes(
    ledger: Ledger, tmp_path: Path
) -> None:
    """Sheets of two years both number their rows 1, 2, 3…: both are imported."""
    a = county_workbook(tmp_path / "2023.xlsx", [row(1, code="1", found="2023-05-01")])
    b = county_workbook(tmp_path / "2024.xlsx", [row(1, code="1", found="2024-05-01")])
    assert import_hazards(ledger, a).count("added") == 1
    assert import_hazards(ledger, b).count("added") == 1


def test_a_sheet_of_this_programs_own_codes_is_not_imported_twice(
    ledger: Ledger, tmp_path: Path
) -> None:
    code = hazards.record_hazard(
        ledger, hazards.NewHazard(unit="鑫源五金厂", description="配电房堆放杂物")
    )
    path = county_workbook(tmp_path / "x.xlsx", [row(1, code=code, found="2026-11-18")])
    report = import_hazards(ledger, path)
    assert [(o.result, o.code) for o in report.outcomes] == [("already", code)]


def test_new_codes_follow_the_stations_numbering(ledger: Ledger, tmp_path: Path) -> None:
    hazards.record_hazard(
        ledger, hazards.NewHazard(unit="鑫源五金厂", description="灭火器过期")
    )  # LY-2026-0001
    path = county_workbook(
        tmp_path / "x.xlsx",
        [row(1, found="2026-03-01"), row(2, description="疏散指示灯损坏", found="2025-12-30")],
    )
    report = import_hazards(ledger, path)
    assert [o.code for o in report.outcomes] == ["LY-2026-0002", "LY-2025-0001"]


def test_the_import_event_says_where_the_hazard_came_from(ledger: Ledger, tmp_path: Path) -> None:
    import_hazards(ledger, sample(tmp_path / "台账2024.xlsx"))
    payload = import_events(ledger)[4]
    assert payload["import"] == {
        "file": "台账2024.xlsx",
        "sheet": "2024年隐患台账",
        "row": 9,
        "key": "编号:LY2024-005",
        "original_code": "LY2024-005",
        "remarks": "重复登记，作废",
    }
    assert payload["changes"]["code"] == "LY-2024-0005"
    assert payload["changes"]["status"] == "discovered"


def bad_sheet(path: Path) -> Path:
    return county_workbook(
        path,
        [
            row(1, "城东加油站", "防雷检测过期", "2024-05-06"),  # good
            row(2, "新华书店", "灭火器过期", "2024/13/5"),  # no such date
            row(3, "新华书店", "灭火器过期", "下周一"),  # not a date
            row(4, "新华书店", "", "2024-05-06"),  # no description
            row(5, "新华书店", "插座串接", "2027-01-01"),  # in the future
            row(6, "城东加油站", "防雷检测过期", "2024-05-06"),  # same as row 5
            row(7, "新华书店", "插座串接", "2024-05-06", level="较大"),  # no such level
            row(8, "鑫源五金厂", "插座串接", "2024-05-06", credit="91330329MA2C000025"),
            row(9, "新华书店", "插座串接", "2024-05-06", done="2024-05-01"),  # before found
        ],
    )


def test_every_bad_row_is_reported_and_nothing_is_written(ledger: Ledger, tmp_path: Path) -> None:
    before = db_state(ledger)
    report = import_hazards(ledger, bad_sheet(tmp_path / "台账.xlsx"))
    assert not report.written and report.outcomes == ()
    assert db_state(ledger) == before
    assert [(e.row, e.cell, e.column) for e in report.errors] == [
        (6, "I6", "检查日期"),
        (7, "I7", "检查日期"),
        (8, "G8", "存在问题"),
        (9, "I9", "检查日期"),
        (10, "G10", "存在问题"),
        (11, "H11", "隐患级别"),
        (12, "D12", "统一社会信用代码"),
        (13, "N13", "完成时间"),
    ]
    reasons = {e.row: e.reason for e in report.errors}
    assert reasons[6] == "日期“2024/13/5”不存在，请核对年月日"
    assert reasons[7].startswith("“下周一”不是日期（可写作 2024-03-05、2024/3/5")
    assert reasons[8] == "隐患描述未填写"
    assert reasons[9] == "发现日期（2027-01-01）不能晚于今天（2026-11-18）"
    assert reasons[10] == "与第 5 行重复（单位、发现日期、隐患描述、部位均相同）"
    assert "隐患等级只能是“一般”或“重大”" in reasons[11]
    assert reasons[12].endswith("校验位不正确（应为 9），请核对")
    assert reasons[13] == "整改完成日期（2024-05-01）不能早于发现日期（2024-05-06）"
    assert report.bad_rows == 8


def test_skip_bad_rows_imports_the_good_ones(ledger: Ledger, tmp_path: Path) -> None:
    report = import_hazards(ledger, bad_sheet(tmp_path / "台账.xlsx"), skip_bad_rows=True)
    assert report.written and report.bad_rows == 8
    assert [(o.row, o.code, o.unit) for o in report.outcomes] == [(5, "LY-2024-0001", "城东加油站")]
    assert report.new_units == ("城东加油站",)  # 新华书店 had only bad rows
    assert "新华书店" not in {u.name for u in list_units(ledger)}
    assert check_ledger(ledger).ok


def test_a_unit_named_as_registered_but_with_another_code_is_a_bad_row(
    ledger: Ledger, tmp_path: Path
) -> None:
    path = county_workbook(tmp_path / "x.xlsx", [row(1, credit=OTHER_CODE)])
    report = import_hazards(ledger, path)
    assert [(e.row, e.column) for e in report.errors] == [(5, "统一社会信用代码")]
    assert "已登记的统一社会信用代码为 91330329MA2C000016" in report.errors[0].reason


def test_csv_in_gbk_with_a_status_column(ledger: Ledger, tmp_path: Path) -> None:
    text = (
        "隐患编号,单位名称,隐患内容,发现日期,限改日期,整改状态\r\n"
        "YH-001,鑫源五金厂,配电房堆放杂物,2024/3/5,2024/3/12,整改中\r\n"
        "YH-002,老街小吃店,燃气软管老化,2024年4月2日,,已闭环\r\n"
    )
    path = tmp_path / "台账.csv"
    path.write_bytes(text.encode("gbk"))
    report = import_hazards(ledger, path)
    assert [(o.row, o.status) for o in report.outcomes] == [(2, S.ASSIGNED), (3, S.VERIFIED)]
    assert check_ledger(ledger).ok


def test_every_sheet_with_a_header_is_read_and_the_others_are_named(
    ledger: Ledger, tmp_path: Path
) -> None:
    """One workbook, a sheet per year and a summary sheet (skipped, with the reason)."""
    book = openpyxl.Workbook()
    sheets = {"2023年": book.active, "汇总": book.create_sheet("汇总")}
    sheets["2024年"] = book.create_sheet("2024年")
    hidden = book.create_sheet("旧表")
    hidden.sheet_state = "hidden"
    for name in ("2023年", "2024年", "旧表"):
        ws = sheets.get(name, hidden)
        assert ws is not None
        ws.title = name
        ws.append(["单位名称", "隐患描述", "发现日期"])
    sheets["2023年"].append(["鑫源五金厂", "配电房堆放杂物", "2023-06-01"])
    sheets["2024年"].append(["老街小吃店", "燃气软管老化", "2024-04-02"])
    sheets["2024年"].append(["鑫源五金厂", "配电房堆放杂物", "2023-06-01"])
    hidden.append(["老街小吃店", "隐藏表里的旧数据", "2020-01-01"])
    sheets["汇总"].append(["行业领域", "隐患数"])
    path = tmp_path / "历年台账.xlsx"
    book.save(path)

    report = import_hazards(ledger, path)
    assert [s.name for s in report.sheets] == ["2023年", "2024年"]
    assert report.skipped_sheets == (
        ("汇总", "表头缺少必需的列“单位名称”、“隐患描述”、“发现日期”"),
    )
    assert [(e.sheet, e.row, e.reason) for e in report.errors] == [
        ("2024年", 3, "与工作表“2023年”第 2 行重复（单位、发现日期、隐患描述、部位均相同）")
    ]
    # One sheet alone: the row that repeated the 2023 sheet has nothing to repeat.
    report = import_hazards(ledger, path, sheet="2024年")
    assert [(o.sheet, o.row, o.code) for o in report.outcomes] == [
        ("2024年", 2, "LY-2024-0001"),
        ("2024年", 3, "LY-2023-0001"),
    ]
