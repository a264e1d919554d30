"""The ledger (PDF and Excel), the 周报 and a hazard's sheet from the command line."""

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from tests.cli.conftest import TODAY, Cli, days_ago
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


def test_report_ledger_as_excel_holds_the_same_hazards(cli: Cli, tmp_path: Path) -> None:
    late, fixed = (add(cli, text) for text in ("灭火器过期", "配电房堆放杂物"))
    for code in (late, fixed):
        cli.run(
            "hazard", "assign", code, "--responsible", "张国强", "--deadline", days_ago(5),
            "--on", days_ago(19),
        )  # fmt: skip
    cli.run("hazard", "rectify", fixed, "--measures", "已清理")
    book = tmp_path / "逾期台账.xlsx"
    exported = cli.json("report", "ledger", "--overdue", "-o", str(book))
    assert exported == {"file": str(book), "selection": "筛选：逾期", "count": 1}
    sheet = openpyxl.load_workbook(book)["台账"]
    rows = [list(row) for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert [row[1] for row in rows] == [late] and rows[0][2] == "鑫源五金厂"
    assert len(rows[0]) == 33 and rows[0][27] == 5  # 逾期天数
    out = cli.run("report", "ledger", "-o", str(tmp_path / "台账.XLSX")).stdout
    assert "已导出台账（全部隐患）：2 条，Excel 文件：" in out


def test_report_ledger_refuses_other_files_before_writing(cli: Cli, tmp_path: Path) -> None:
    add(cli, "灭火器过期")
    message = cli.refused("report", "ledger", "-o", str(tmp_path / "台账.txt"))
    assert ".xlsx（Excel）或 .pdf 结尾" in message
    assert ".xlsx" in cli.refused("report", "ledger", "-o", str(tmp_path / "台账.xls"))
    assert "目录不存在" in cli.refused("report", "ledger", "-o", "/nonexistent/台账.pdf")
    assert "隐患等级" in cli.refused(
        "report", "ledger", "--level", "较大", "-o", str(tmp_path / "a.pdf")
    )
    assert "未找到单位" in cli.refused(
        "report", "ledger", "--unit", "无此单位", "-o", str(tmp_path / "a.pdf")
    )
    assert not [p for p in tmp_path.iterdir() if p.name != "data"]


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


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def test_report_weekly_as_workbook_and_pdf(cli: Cli, tmp_path: Path) -> None:
    old = add(cli, "灭火器过期")  # found 20 days ago: before this week
    cli.run(
        "hazard",
        "assign",
        old,
        "--responsible",
        "张国强",
        "--deadline",
        days_ago(5),
        "--on",
        days_ago(19),
    )
    new = cli.json(
        "hazard",
        "add",
        "--unit",
        "鑫源五金厂",
        "--description",
        "安全出口上锁",
        "--found-on",
        days_ago(0),
    )["code"]
    book = tmp_path / "周报.xlsx"
    made = cli.json("report", "weekly", "--reviewer", "王站长", "-o", str(book))
    assert (made["file"], made["period"], made["station"]) == (str(book), iso_week(TODAY), "LY")
    assert made["township"] == "罗阳镇" and made["sheets"] == ["汇总", "明细", "逾期"]
    assert (made["week"]["found"], made["cumulative"]["found"]) == (1, 2)
    assert made["cumulative"]["overdue"] == made["overdue"] == 1
    assert made["week"]["rate"] == 0.0 and made["details"] >= 1
    workbook = openpyxl.load_workbook(book)
    texts = [c for row in workbook["汇总"].iter_rows(max_row=3, values_only=True) for c in row]
    assert "审核人：王站长" in texts and "填报人：张建华" in texts
    overdue = [row[1] for row in workbook["逾期"].iter_rows(min_row=6, values_only=True)]
    assert overdue == [old]

    pdf = tmp_path / "周报.pdf"
    out = cli.run("report", "weekly", "--period", iso_week(TODAY), "-o", str(pdf)).stdout
    assert out.startswith("已生成周报（罗阳镇，") and "本周发现 1 条" in out and str(pdf) in out
    text = text_of(pdf)
    assert "隐患排查整改周报" in text and old in text and new in text
    # The week the old hazard was found in, named by one of its days.
    earlier = cli.json("report", "weekly", "--period", days_ago(20), "-o", str(pdf))
    assert earlier["period"] == iso_week(TODAY - dt.timedelta(days=20))
    assert earlier["week"]["found"] == earlier["cumulative"]["found"] == 1
    assert earlier["pages"] >= 1


def test_report_weekly_refuses_bad_input_before_writing(cli: Cli, tmp_path: Path) -> None:
    add(cli, "灭火器过期")
    book = str(tmp_path / "周报.xlsx")
    assert "统计周期“2026-47”无法识别" in cli.refused(
        "report", "weekly", "--period", "2026-47", "-o", book
    )
    assert "共 52 周" in cli.refused("report", "weekly", "--period", "2025-W53", "-o", book)
    assert "尚未开始" in cli.refused(
        "report", "weekly", "--period", iso_week(TODAY + dt.timedelta(days=14)), "-o", book
    )
    assert "没有站点简码为“XX”的站点（现有：LY）" in cli.refused(
        "report", "weekly", "--station", "XX", "-o", book
    )
    assert ".xlsx（Excel）或 .pdf 结尾" in cli.refused(
        "report", "weekly", "-o", str(tmp_path / "周报.doc")
    )
    assert "目录不存在" in cli.refused("report", "weekly", "-o", "/nonexistent/周报.xlsx")
    assert not [p for p in tmp_path.iterdir() if p.name != "data"]
