"""Printing the ledger and a hazard's sheet from the command line."""

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.cli.conftest import Cli, days_ago
from tests.conftest import make_photo
from tests.reports.pdf_text import page_texts, text_of

pytestmark = pytest.mark.slow


def add(cli: Cli, description: str, *extra: str) -> str:
    found = ["--found-on", days_ago(20)]
    return cli.json(
        "hazard", "add", "--unit", "鑫源五金厂", "--description", description, *found, *extra
    )["code"]


def test_report_ledger_prints_what_hazard_list_selects(cli: Cli, tmp_path: Path) -> None:
    late, fixed, fresh = (
        add(cli, text) for text in ("灭火器过期", "配电房堆放杂物", "安全出口上锁")
    )
    for code in (late, fixed):
        cli.run(
            "hazard",
            "assign",
            code,
            "--responsible",
            "张国强",
            "--deadline",
            days_ago(5),
            "--on",
            days_ago(19),
        )
    cli.run("hazard", "rectify", fixed, "--measures", "已清理")

    pdf = tmp_path / "逾期台账.pdf"
    printed = cli.json("report", "ledger", "--overdue", "-o", str(pdf))
    listed = [h["code"] for h in cli.json("hazard", "list", "--overdue")["hazards"]]
    assert listed == [late]
    assert printed == {"file": str(pdf), "selection": "筛选：逾期", "count": 1, "pages": 1}
    text = text_of(pdf)
    assert late in text and fixed not in text and fresh not in text
    assert "筛选：逾期共1条" in text and "罗阳镇应急消防管理站" in text and "第1页/共1页" in text

    everything = tmp_path / "台账.pdf"
    out = cli.run(
        "report", "ledger", "--sort", "code", "--descending", "-o", str(everything)
    ).stdout
    assert "已打印台账（全部隐患）：3 条，1 页" in out
    (page,) = page_texts(everything)
    assert page.index(fresh) < page.index(fixed) < page.index(late)  # by code, descending
    mediabox = PdfReader(everything).pages[0].mediabox
    assert mediabox.width > mediabox.height  # landscape


def test_report_ledger_refuses_other_files_before_writing(cli: Cli, tmp_path: Path) -> None:
    add(cli, "灭火器过期")
    message = cli.refused("report", "ledger", "-o", str(tmp_path / "台账.xlsx"))
    assert ".xlsx" in message and "Excel" in message and ".pdf" in message
    assert ".pdf 结尾" in cli.refused("report", "ledger", "-o", str(tmp_path / "台账.txt"))
    assert "目录不存在" in cli.refused("report", "ledger", "-o", "/nonexistent/台账.pdf")
    assert "隐患等级" in cli.refused(
        "report", "ledger", "--level", "较大", "-o", str(tmp_path / "a.pdf")
    )
    assert "未找到单位" in cli.refused(
        "report", "ledger", "--unit", "无此单位", "-o", str(tmp_path / "a.pdf")
    )
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.part"))


def test_hazard_sheet_prints_fields_and_photos(cli: Cli, tmp_path: Path) -> None:
    before = make_photo(tmp_path / "现场.jpg", (1600, 1200))
    code = add(cli, "配电房堆放杂物", "--location", "配电房", "--photo", str(before))
    pdf = tmp_path / "档案.pdf"
    printed = cli.json("hazard", "sheet", code.lower(), "-o", str(pdf))
    assert printed == {
        "code": code,
        "file": str(pdf),
        "pages": printed["pages"],
        "photos": 1,
        "problems": [],
    }
    text = text_of(pdf)
    assert (
        f"编号：{code}" in text
        and "隐患描述配电房堆放杂物" in text
        and "整改前1（现场.jpg）" in text
    )
    assert "登记张建华" in text

    # A photo file lost from the data dir: the sheet is printed, the loss said on stderr.
    shown = cli.json("hazard", "show", code)
    Path(shown["photos"][0]["file"]).unlink()
    again = tmp_path / "档案2.pdf"
    result = cli.run("hazard", "sheet", code, "-o", str(again))
    assert f"已打印隐患档案：{code}" in result.stdout
    assert "照片文件缺失" in result.stderr and shown["photos"][0]["file"] in result.stderr
    assert "照片文件缺失" in text_of(again)
    assert "未找到编号" in cli.refused(
        "hazard", "sheet", "LY-1999-0001", "-o", str(tmp_path / "x.pdf")
    )
    assert "Excel" in cli.refused("hazard", "sheet", code, "-o", str(tmp_path / "x.xlsx"))
