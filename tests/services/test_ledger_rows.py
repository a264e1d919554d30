"""The ledger with every county column: notice numbers and service, money, results, the
filters shared with the ledger list, and a constant number of queries however many rows."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import event

from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.services import hazards
from hazard_ledger.services.hazard_queries import HazardFilter, list_hazards
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.ledger_rows import (
    LEDGER_COLUMNS,
    cell_text,
    describe_filter,
    ledger_rows,
)
from hazard_ledger.services.notices import issue_notice, serve_notice, void_notice
from hazard_ledger.services.supervision import (
    apply_acceptance,
    decide_acceptance,
    delist,
    list_hazard,
    register_plan,
)
from hazard_ledger.services.units import UnitInput, edit_unit
from tests.reports.test_ledger_xlsx import DOMAIN_COLUMNS

D = dt.date
ALL = HazardFilter()


def record(ledger: Ledger, description: str, unit: str = "鑫源五金厂", **details: object) -> str:
    return hazards.record_hazard(
        ledger,
        hazards.NewHazard(
            unit=unit,
            description=description,
            found_on=details.pop("found_on", D(2026, 11, 2)),  # type: ignore[arg-type]
            **details,  # type: ignore[arg-type]
        ),
    )


def test_every_column_of_a_closed_hazard(ledger: Ledger) -> None:
    edit_unit(ledger, "鑫源五金厂", UnitInput(name="鑫源五金厂", address="城东路 18 号"))
    code = record(
        ledger,
        "配电房堆放杂物",
        location="配电房",
        level=HazardLevel.MAJOR,
        category="现场管理类",
        source="日常检查",
        basis="《消防法》第十六条",
        inspector="张建华",
    )
    number = issue_notice(
        ledger,
        unit="鑫源五金厂",
        codes=[code],
        deadline=D(2026, 11, 10),
        requirement="立即清理",
        issued_on=D(2026, 11, 3),
    )
    serve_notice(ledger, number, to="张国强", on=D(2026, 11, 4))
    hazards.rectify_hazard(
        ledger, code, measures="已清理", done_on=D(2026, 11, 8), funds_fen=120050
    )
    hazards.verify_hazard(ledger, code, by="李晓峰", passed=True, on=D(2026, 11, 9))

    (row,) = ledger_rows(ledger, ALL)
    values = {column.header: cell_text(column.value(row)) for column in LEDGER_COLUMNS}
    assert values == {
        "序号": "1",
        "隐患编号": code,
        "单位名称": "鑫源五金厂",
        "统一社会信用代码": "91330329MA2C000016",
        "村(社区)": "城东社区",
        "地址/部位": "城东路 18 号 配电房",
        "行业领域": "工贸（机械）",
        "隐患类别": "现场管理类",
        "隐患描述": "配电房堆放杂物",
        "依据": "《消防法》第十六条",
        "隐患等级": "重大",
        "隐患来源": "日常检查",
        "发现日期": "2026-11-02",
        "检查人": "张建华",
        "整改责任人": "张国强",
        "联系电话": "13800000001",
        "整改要求": "立即清理",
        "整改期限": "2026-11-10",
        "通知书文号": number,
        "送达日期": "2026-11-04",
        "整改措施": "已清理",
        "整改资金(元)": "1200.50",
        "整改完成日期": "2026-11-08",
        "复查人": "李晓峰",
        "复查日期": "2026-11-09",
        "复查结论": "合格",
        "状态": "已闭环",
        "逾期天数": "0",
        "是否挂牌督办": "否",
        "挂牌级别": "",
        "挂牌文号": "",
        "销号日期": "",
    }
    assert row.funds_yuan == Decimal("1200.50") and row.status is HazardStatus.VERIFIED


def test_the_columns_follow_the_county_sheet() -> None:
    # DOMAIN's ledger columns in order, less 备注 (no field holds it yet).
    assert [column.header for column in LEDGER_COLUMNS] == DOMAIN_COLUMNS[:-1]


def test_the_supervision_columns_of_a_listed_and_a_delisted_hazard(ledger: Ledger) -> None:
    listed, delisted = (record(ledger, t, level=HazardLevel.MAJOR) for t in ("甲", "乙"))
    for code, doc_no in ((listed, "泰安委〔2026〕8号"), (delisted, "温安委〔2026〕3号")):
        list_hazard(
            ledger,
            code,
            level="县级" if code == listed else "市级",
            authority="泰顺县安委会",
            doc_no=doc_no,
            listed_on=D(2026, 11, 3),
            deadline=D(2027, 1, 31),
        )
    register_plan(
        ledger,
        delisted,
        responsibility="张国强",
        measures="加装报警装置",
        funds_fen=100,
        deadline=D(2026, 12, 31),
        contingency="停用喷漆房",
    )
    apply_acceptance(ledger, delisted, on=D(2026, 11, 10))
    decide_acceptance(ledger, delisted, passed=True, by="县应急管理局", on=D(2026, 11, 12))
    delist(ledger, delisted, on=D(2026, 11, 13))
    rows = {row.code: row for row in ledger_rows(ledger, ALL)}

    def columns(code: str) -> list[str]:
        return [cell_text(c.value(rows[code])) for c in LEDGER_COLUMNS[-4:]]

    assert columns(listed) == ["是", "县级", "泰安委〔2026〕8号", ""]
    assert columns(delisted) == ["是", "市级", "温安委〔2026〕3号", "2026-11-13"]
    assert rows[listed].listed and not rows[delisted].listed
    assert [r.code for r in ledger_rows(ledger, HazardFilter(supervised=True))] == [listed]


def test_the_notice_number_is_the_latest_valid_one(ledger: Ledger) -> None:
    relisted, fixed, never = (record(ledger, text) for text in ("甲", "乙", "丙"))
    first = issue_notice(
        ledger,
        unit="鑫源五金厂",
        codes=[relisted, fixed],
        deadline=D(2026, 11, 10),
        issued_on=D(2026, 11, 3),
    )
    hazards.rectify_hazard(ledger, fixed, measures="已整改", done_on=D(2026, 11, 5))
    serve_notice(ledger, first, to="张国强", on=D(2026, 11, 4))
    void_notice(ledger, first, reason="单位名称有误")  # withdraws the 交办 of `relisted` only
    second = issue_notice(
        ledger,
        unit="鑫源五金厂",
        codes=[relisted],
        deadline=D(2026, 11, 20),
        issued_on=D(2026, 11, 6),
    )
    rows = {row.code: row for row in ledger_rows(ledger, ALL)}
    assert (rows[relisted].notice_number, rows[relisted].served_on) == (second, None)
    assert rows[relisted].deadline == D(2026, 11, 20)
    # The voided notice is not shown, though the fix it asked for was reported.
    assert (rows[fixed].notice_number, rows[fixed].served_on) == ("", None)
    assert rows[fixed].status is HazardStatus.RECTIFIED
    assert rows[never].notice_number == "" and rows[never].status is HazardStatus.DISCOVERED


def test_filters_and_sorting_are_those_of_the_ledger_list(ledger: Ledger) -> None:
    late = record(ledger, "灭火器过期", location="仓库", found_on=D(2026, 11, 1))
    soon = record(ledger, "疏散通道堵塞", unit="老街小吃店", found_on=D(2026, 11, 3))
    record(ledger, "电线私拉乱接", level=HazardLevel.MAJOR, found_on=D(2026, 11, 2))
    hazards.assign_hazard(
        ledger, late, responsible="张", deadline=D(2026, 11, 10), on=D(2026, 11, 1)
    )
    hazards.assign_hazard(
        ledger, soon, responsible="王", deadline=D(2026, 11, 20), on=D(2026, 11, 3)
    )
    for filters in (
        ALL,
        HazardFilter(overdue=True),
        HazardFilter(due_within=3),
        HazardFilter(level=HazardLevel.MAJOR),
        HazardFilter(status=HazardStatus.ASSIGNED),
        HazardFilter(village="罗阳村"),
        HazardFilter(unit="鑫源五金厂", search="灭火器"),
        HazardFilter(supervised=True),
        HazardFilter(closure_exceeded=True),
        HazardFilter(verification_overdue=True),
    ):
        for sort, descending in (("found_on", False), ("deadline", True), ("overdue_days", True)):
            expected = [
                r.code for r in list_hazards(ledger, filters, sort=sort, descending=descending)
            ]
            rows = ledger_rows(ledger, filters, sort=sort, descending=descending)
            assert [r.code for r in rows] == expected, (filters, sort)
            assert [r.serial for r in rows] == list(range(1, len(rows) + 1))
    (overdue,) = ledger_rows(ledger, HazardFilter(overdue=True))
    assert (overdue.code, overdue.overdue_days) == (late, 8)
    # 30 days to close (the default 3030 profile): one found 10-01 is past it on 11-18, those
    # found in November are not.
    old = record(ledger, "消防通道堵塞", found_on=D(2026, 10, 1))
    exceeded = HazardFilter(closure_exceeded=True)
    assert [r.code for r in ledger_rows(ledger, exceeded)] == [old]
    assert [r.code for r in list_hazards(ledger, exceeded)] == [old]


def test_a_constant_number_of_queries_however_many_rows(ledger: Ledger) -> None:
    searched = HazardFilter(unit="鑫源五金厂", search="隐患")

    def statements(filters: HazardFilter) -> int:
        seen: list[object] = []

        def count(*args: object) -> None:
            seen.append(args)

        event.listen(ledger.engine, "before_cursor_execute", count)
        try:
            ledger_rows(ledger, filters)
        finally:
            event.remove(ledger.engine, "before_cursor_execute", count)
        return len(seen)

    codes = [record(ledger, f"隐患{i}") for i in range(3)]
    issue_notice(ledger, unit="鑫源五金厂", codes=codes, deadline=D(2026, 11, 30))
    few = (statements(ALL), statements(searched))
    codes = [record(ledger, f"另一隐患{i}") for i in range(30)]
    issue_notice(ledger, unit="鑫源五金厂", codes=codes[:20], deadline=D(2026, 11, 30))
    assert len(ledger_rows(ledger, searched)) == 33
    assert (statements(ALL), statements(searched)) == few


@pytest.mark.parametrize(
    ("filters", "text"),
    [
        (HazardFilter(), "全部隐患"),
        (HazardFilter(overdue=True), "筛选：逾期"),
        (
            HazardFilter(status=HazardStatus.ASSIGNED, village="城东社区", search=" 配电房  杂物 "),
            "筛选：状态：整改中；村(社区)：城东社区；查找：配电房 杂物",
        ),
        (
            HazardFilter(level=HazardLevel.MAJOR, due_within=3),
            "筛选：临期（3 天内到期）；等级：重大",
        ),
        (
            HazardFilter(supervised=True, closure_exceeded=True, verification_overdue=True),
            "筛选：挂牌督办中；闭环超期；复查超期",
        ),
    ],
)
def test_what_the_filter_selected_in_words(filters: HazardFilter, text: str) -> None:
    assert describe_filter(filters) == text
