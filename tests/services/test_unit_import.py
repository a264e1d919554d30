"""`unit import`: units from a station's .xlsx or .csv, matched by credit code, then by name."""

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from hazard_ledger.db.models import Event, Hazard, Unit
from hazard_ledger.domain.credit_code import check_character
from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.snapshots import snapshot
from hazard_ledger.services.unit_import import import_units
from hazard_ledger.services.units import list_units

XINYUAN = "91330329MA2C000016"  # registered in the `ledger` fixture as 鑫源五金厂
NEW_CODE = "91330329MA2C00003" + check_character("91330329MA2C00003")
OTHER_CODE = "91330329MA2C00004" + check_character("91330329MA2C00004")


def workbook(path: Path, rows: list[list[Any]], title: str = "单位名单") -> Path:
    """An .xlsx as a county office sends it: a merged title line and a note above the header."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(["罗阳镇生产经营单位名录（2026年）"])
    sheet.merge_cells("A1:H1")
    sheet.append(["填报单位：罗阳镇应急消防管理站"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


HEADER = [
    "序号",
    "单位名称",
    "统一社会信用代码",
    "行业",
    "村（社区）",
    "详细地址",
    "负责人",
    "手机",
]


def db_state(ledger: Ledger) -> tuple[Any, ...]:
    """Everything an import could change: events (with their hashes), units, hazards."""
    with ledger.read() as session:
        events = [(e.seq, e.kind, e.hash) for e in session.scalars(select(Event))]
        units = sorted(
            json.dumps(snapshot(u), sort_keys=True) for u in session.scalars(select(Unit))
        )
        hazards = sorted(
            json.dumps(snapshot(h), sort_keys=True) for h in session.scalars(select(Hazard))
        )
    return events, units, hazards


def unit_events(ledger: Ledger, kind: str) -> list[dict[str, Any]]:
    with ledger.read() as session:
        rows = session.scalars(
            select(Event).where(Event.record_type == "unit", Event.kind == kind).order_by(Event.seq)
        )
        return [json.loads(e.payload) for e in rows]


def test_units_are_added_updated_or_left_as_they_are(ledger: Ledger, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "单位.xlsx",
        [
            HEADER,
            [
                1,
                "鑫源五金加工厂",
                XINYUAN,
                "工贸（机械）",
                "城东社区",
                "城东路 1 号",
                "张国强",
                13800000009,
            ],
            [2, "老街小吃店", None, "消防（九小场所）", "罗阳村", None, None, None],
            [
                3,
                "城东加油站",
                NEW_CODE,
                "危险化学品",
                "城东社区",
                "城东路 9 号",
                "王芳",
                "0577-1234",
            ],
        ],
    )
    report = import_units(ledger, path)
    assert report.written and not report.errors
    assert [(o.row, o.name, o.result) for o in report.outcomes] == [
        (4, "鑫源五金加工厂", "updated"),
        (5, "老街小吃店", "unchanged"),
        (6, "城东加油站", "added"),
    ]
    # Matched by its credit code: renamed, and the phone typed as a number reads as text.
    assert report.outcomes[0].changed == ("单位名称", "地址", "联系电话")
    units = {u.name: u for u in list_units(ledger)}
    assert set(units) == {"鑫源五金加工厂", "老街小吃店", "城东加油站"}
    assert units["鑫源五金加工厂"].phone == "13800000009"
    assert units["城东加油站"].credit_code == NEW_CODE and units["城东加油站"].contact == "王芳"
    # The update is an ordinary edit: an 'edited' event with what changed, and where it came from.
    edited = unit_events(ledger, "edited")
    assert edited[-1]["changes"] == {
        "name": "鑫源五金加工厂",
        "address": "城东路 1 号",
        "phone": "13800000009",
    }
    assert edited[-1]["import"] == {"file": "单位.xlsx", "sheet": "单位名单", "row": 4}
    assert report.sheets[0].header_row == 3 and report.sheets[0].columns["village"] == "村（社区）"
    assert check_ledger(ledger).ok


def test_a_blank_cell_never_clears_what_is_registered(ledger: Ledger, tmp_path: Path) -> None:
    path = workbook(tmp_path / "u.xlsx", [HEADER, [1, "鑫源五金厂", XINYUAN, "", "", "", "", ""]])
    report = import_units(ledger, path)
    assert [o.result for o in report.outcomes] == ["unchanged"]
    xinyuan = next(u for u in list_units(ledger) if u.name == "鑫源五金厂")
    assert (xinyuan.village, xinyuan.contact, xinyuan.phone) == (
        "城东社区",
        "张国强",
        "13800000001",
    )


def bad_rows() -> list[list[Any]]:
    return [
        HEADER,
        [1, "新华书店", "91330329MA2C000017", "", "", "", "", ""],  # check digit
        [2, None, None, "工贸", "城东社区", "", "", ""],  # no name
        [3, "长" * 201, None, "", "", "", "", ""],  # too long
        [4, "城东加油站", NEW_CODE, "", "", "", "", ""],  # good
        [5, "城东加油站", None, "", "", "", "", ""],  # same name as row 7
        [6, "加油站二部", NEW_CODE, "", "", "", "", ""],  # same code as row 7
        [7, "红星竹木厂", None, "", "", "", "", "1" * 51],  # phone too long
    ]


def test_every_bad_row_is_reported_and_nothing_is_written(ledger: Ledger, tmp_path: Path) -> None:
    path = workbook(tmp_path / "单位.xlsx", bad_rows())
    before = db_state(ledger)
    report = import_units(ledger, path)
    assert not report.written and report.outcomes == ()
    assert db_state(ledger) == before
    found = [(e.row, e.cell, e.column) for e in report.errors]
    assert found == [
        (4, "C4", "统一社会信用代码"),
        (5, "B5", "单位名称"),
        (6, "B6", "单位名称"),
        (8, "B8", "单位名称"),
        (9, "C9", "统一社会信用代码"),
        (10, "H10", "手机"),
    ]
    reasons = [e.reason for e in report.errors]
    assert "校验位不正确（应为 6）" in reasons[0]
    assert reasons[1] == "单位名称未填写"
    assert reasons[2] == "单位名称过长（201 字，最多 200 字）"
    assert reasons[3] == "与第 7 行重复（单位名称相同：城东加油站）"
    assert reasons[4] == f"与第 7 行重复（统一社会信用代码相同：{NEW_CODE}）"
    assert "联系电话过长" in reasons[5]
    assert report.bad_rows == 6


def test_skip_bad_rows_imports_the_good_ones(ledger: Ledger, tmp_path: Path) -> None:
    report = import_units(ledger, workbook(tmp_path / "u.xlsx", bad_rows()), skip_bad_rows=True)
    assert report.written and report.bad_rows == 6
    assert [(o.row, o.name, o.result) for o in report.outcomes] == [(7, "城东加油站", "added")]
    assert "城东加油站" in {u.name for u in list_units(ledger)}
    assert check_ledger(ledger).ok


def test_matching_by_credit_code_then_by_name_and_the_conflicts(
    ledger: Ledger, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "u.xlsx",
        [
            HEADER,
            # 老街小吃店 has no code yet: matched by name, the code is filled in.
            [1, "老街小吃店", NEW_CODE, "", "", "", "", ""],
            # 鑫源五金厂's name with another code: the register says otherwise.
            [2, "鑫源五金厂", OTHER_CODE, "", "", "", "", ""],
        ],
    )
    before = db_state(ledger)
    report = import_units(ledger, path)
    assert db_state(ledger) == before
    assert [(e.row, e.column) for e in report.errors] == [(5, "统一社会信用代码")]
    assert report.errors[0].reason == (
        f"单位“鑫源五金厂”已登记的统一社会信用代码为 {XINYUAN}，与本行的 {OTHER_CODE} 不同"
    )
    report = import_units(ledger, path, skip_bad_rows=True)
    assert [(o.name, o.result, o.changed) for o in report.outcomes] == [
        ("老街小吃店", "updated", ("统一社会信用代码",))
    ]
    # Renaming a unit (found by its code) to a name another unit has is refused.
    rename = workbook(tmp_path / "r.xlsx", [HEADER, [1, "老街小吃店", XINYUAN, "", "", "", "", ""]])
    report = import_units(ledger, rename)
    assert (
        report.errors[0].reason
        == f"单位名称“老街小吃店”已登记为另一单位，统一社会信用代码 {NEW_CODE}"
    )
    assert check_ledger(ledger).ok


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_as_chinese_excel_saves_it(ledger: Ledger, tmp_path: Path, encoding: str) -> None:
    text = (
        "单位名称,统一社会信用代码,行业领域,村社区,单位地址,联系人,电话\r\n"
        f"城东加油站,{NEW_CODE},危险化学品,城东社区,城东路 9 号,王芳,0577-1234\r\n"
        "老街小吃店,,,,,,13900000000\r\n"
    )
    path = tmp_path / "单位.csv"
    path.write_bytes(text.encode(encoding))
    report = import_units(ledger, path)
    assert [(o.row, o.name, o.result) for o in report.outcomes] == [
        (2, "城东加油站", "added"),
        (3, "老街小吃店", "updated"),
    ]
    units = {u.name: u for u in list_units(ledger)}
    assert units["城东加油站"].village == "城东社区" and units["老街小吃店"].phone == "13900000000"


def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    ledger: Ledger, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "u.xlsx", [HEADER, [1, "城东加油站", NEW_CODE, "危化", "", "", "", ""]]
    )
    import_units(ledger, path)
    before = db_state(ledger)
    report = import_units(ledger, path)
    assert [o.result for o in report.outcomes] == ["unchanged"]
    assert db_state(ledger) == before


def _damaged(path: Path) -> None:
    workbook(path, [HEADER, [1, "城东加油站"]])
    path.write_bytes(path.read_bytes()[:600])  # cut short: still starts as a zip


def _encrypted(path: Path) -> None:
    # What Excel writes for a workbook with an opening password: an OLE file holding the
    # encrypted package and its EncryptionInfo stream.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    path.write_bytes(ole + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512)


def _old_xls(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)


def _empty_sheet(path: Path) -> None:
    openpyxl.Workbook().save(path)


def _no_name_column(path: Path) -> None:
    workbook(path, [["序号", "统一社会信用代码", "行业", "地址"], [1, NEW_CODE, "", ""]])


def _header_only(path: Path) -> None:
    workbook(path, [HEADER])


def _not_a_table(path: Path) -> None:
    path.write_text("这是一份会议纪要。\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("名单.xlsx", _damaged, "“名单.xlsx”无法读取：文件已损坏，或不是 Excel 工作簿（.xlsx）。"),
        (
            "名单.xlsx",
            _encrypted,
            "“名单.xlsx”设置了打开密码：请在 Excel 中取消密码并另存后再导入。",
        ),
        (
            "名单.xls",
            _old_xls,
            "“名单.xls”是旧版 Excel 文件（.xls）：请在 Excel 中另存为 .xlsx 后再导入。",
        ),
        ("名单.xlsx", _empty_sheet, "“名单.xlsx”是空的：没有任何数据。"),
        (
            "名单.xlsx",
            _no_name_column,
            "“名单.xlsx”无法导入：工作表“单位名单”的表头缺少必需的列“单位名称”。",
        ),
        ("名单.xlsx", _header_only, "“名单.xlsx”的表头下面没有任何数据行。"),
        (
            "名单.docx",
            _not_a_table,
            "“名单.docx”不是表格文件：请选择 Excel 工作簿（.xlsx）或 CSV 文件。",
        ),
        (
            "名单.csv",
            _not_a_table,
            "“名单.csv”无法导入：前 10 行中没有找到表头（须有“单位名称”列）。",
        ),
    ],
)
def test_a_file_that_is_not_a_readable_table_is_refused_with_a_sentence(
    ledger: Ledger, tmp_path: Path, name: str, make: Any, message: str
) -> None:
    path = tmp_path / name
    make(path)
    before = db_state(ledger)
    with pytest.raises(ValidationError) as refused:
        import_units(ledger, path)
    assert refused.value.message == message
    assert db_state(ledger) == before
