"""`unit import` and `hazard import` as station staff and scripts run them."""

from pathlib import Path

from tests.cli.conftest import Cli
from tests.services.test_hazard_import import bad_sheet, sample

UNITS_CSV = (
    "单位名称,统一社会信用代码,行业领域,村(社区),地址,联系人,联系电话\r\n"
    "鑫源五金厂,91330329MA2C000016,工贸（机械）,城东社区,城东路1号,张国强,13800000001\r\n"
    "新华书店,,消防（九小场所）,城西社区,,王五,\r\n"
    "坏代码厂,91330329MA2C000017,,,,,\r\n"
)


def test_a_file_that_is_not_a_spreadsheet_is_one_line_on_stderr(cli: Cli, tmp_path: Path) -> None:
    notes = tmp_path / "会议纪要.docx"
    notes.write_text("会议纪要", encoding="utf-8")
    assert cli.refused("hazard", "import", str(notes)) == (
        "错误：“会议纪要.docx”不是表格文件：请选择 Excel 工作簿（.xlsx）或 CSV 文件。"
    )
    assert cli.refused("unit", "import", str(tmp_path / "无此文件.xlsx")).startswith(
        "错误：找不到文件："
    )


def test_unit_import_lists_bad_rows_and_imports_nothing_unless_told(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "单位.csv"
    path.write_bytes(UNITS_CSV.encode("gbk"))
    refused = cli.run("unit", "import", str(path), ok=False)
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        "错误：“单位.csv”中有 1 行有误，未导入任何数据"
        "（请修正后重新导入，或加 --skip-bad-rows 只导入无误的行）。"
    )
    assert "第 4 行 B4（统一社会信用代码）：统一社会信用代码“91330329MA2C000017”校验位不正确" in (
        refused.stdout
    )
    assert [u["name"] for u in cli.json("unit", "list")["units"]] == ["鑫源五金厂"]

    document = cli.json("unit", "import", str(path), "--skip-bad-rows")
    assert {k: document[k] for k in ("imported", "added", "updated", "unchanged", "bad_rows")} == {
        "imported": True,
        "added": 1,
        "updated": 1,
        "unchanged": 0,
        "bad_rows": 1,
    }
    assert document["units"][1] == {
        "sheet": "",
        "row": 3,
        "name": "新华书店",
        "result": "added",
        "changed": [],
    }
    assert document["errors"] == [
        {
            "sheet": "",
            "row": 4,
            "cell": "B4",
            "column": "统一社会信用代码",
            "reason": "统一社会信用代码“91330329MA2C000017”校验位不正确（应为 6），请核对",
        }
    ]
    assert document["sheets"][0]["header_row"] == 1


def test_hazard_import_end_to_end(cli: Cli, tmp_path: Path) -> None:
    bad = bad_sheet(tmp_path / "有误台账.xlsx")
    refused = cli.run("hazard", "import", str(bad), "--json", ok=False)
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert cli.json("hazard", "list")["count"] == 0

    path = sample(tmp_path / "台账2024.xlsx")
    text = cli.run("hazard", "import", str(path)).stdout
    assert "读取 台账2024.xlsx：工作表“2024年隐患台账”，表头在第 3 行，7 行数据" in text
    assert "隐患导入完成：新增隐患 7 条，新增单位 4 个，已导入过 0 条" in text
    assert "新增隐患的状态：待交办 4，整改中 1，待复查 1，已闭环 1，已作废 0" in text

    again = cli.json("hazard", "import", str(path))
    assert set(again) == {
        "file",
        "sheets",
        "skipped_sheets",
        "imported",
        "added",
        "already_imported",
        "new_units",
        "bad_rows",
        "by_status",
        "hazards",
        "errors",
    }
    assert (again["added"], again["already_imported"], again["bad_rows"]) == (0, 7, 0)
    assert again["hazards"][0] == {
        "sheet": "2024年隐患台账",
        "row": 5,
        "result": "already",
        "code": "LY-2024-0001",
        "unit": "鑫源五金厂",
        "status": None,
    }

    shown = cli.json("hazard", "show", "LY-2024-0001")
    assert shown["status"] == "verified"
    assert [(e["kind"], e["label"]) for e in shown["history"]] == [("imported", "导入")]
    assert shown["history"][0]["details"]["import"]["original_code"] == "LY2024-001"
    assert "导入" in cli.run("hazard", "show", "LY-2024-0002").stdout
    assert cli.run("check").returncode == 0
