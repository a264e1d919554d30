"""The CLI end to end, through subprocesses, as scripts and station staff use it."""

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hazard_ledger.services.calendar import load_calendar
from hazard_ledger.services.ledger import Ledger
from tests.cli.conftest import TODAY, Cli, days_ago
from tests.conftest import make_photo

pytestmark = pytest.mark.slow


def test_the_whole_loop(cli: Cli, tmp_path: Path) -> None:
    photo = make_photo(tmp_path / "整改前.jpg")
    added = cli.json(
        "hazard",
        "add",
        "--unit",
        "鑫源五金厂",
        "--description",
        "配电房堆放杂物",
        "--location",
        "配电房",
        "--level",
        "重大",
        "--found-on",
        days_ago(20),
        "--inspector",
        "张建华",
        "--photo",
        str(photo),
    )
    code = added["code"]
    assert (
        code == f"LY-{TODAY.year if days_ago(20)[:4] == str(TODAY.year) else TODAY.year - 1}-0001"
    )
    assert added["status"] == "discovered" and added["level"] == "重大"
    assert added["industry"] == "工贸（机械）"  # taken from the unit
    assert len(added["photos"]) == 1 and Path(added["photos"][0]["file"]).is_file()

    assigned = cli.json(
        "hazard",
        "assign",
        code,
        "--responsible",
        "张国强",
        "--within",
        "5",
        "--working-days",
        "--on",
        days_ago(19),
        "--requirement",
        "清理",
    )
    assert assigned["status"] == "assigned" and assigned["responsible"] == "张国强"
    deadline = dt.date.fromisoformat(assigned["deadline"])
    # Weekends, holidays and make-up workdays as the ledger's calendar has them.
    calendar = load_calendar(Ledger(cli.data_dir))
    assert deadline == calendar.add_working_days(dt.date.fromisoformat(days_ago(19)), 5)
    assert assigned["overdue_days"] == (TODAY - deadline).days

    overdue = cli.json("hazard", "list", "--overdue")
    assert [h["code"] for h in overdue["hazards"]] == [code]

    cli.run(
        "hazard",
        "rectify",
        code,
        "--measures",
        "已清理",
        "--done-on",
        days_ago(10),
        "--funds",
        "1200.50",
    )
    failed = cli.json(
        "hazard",
        "verify",
        code,
        "--by",
        "李晓峰",
        "--fail",
        "--new-deadline",
        days_ago(-10),
        "--on",
        days_ago(9),
    )
    assert failed["status"] == "assigned" and failed["deadline"] == days_ago(-10)
    cli.run("hazard", "rectify", code, "--measures", "已彻底清理", "--done-on", days_ago(3))
    cli.run("hazard", "verify", code, "--by", "李晓峰", "--pass", "--on", days_ago(2))

    shown = cli.json("hazard", "show", code)
    for key in (
        "code",
        "uuid",
        "unit",
        "description",
        "location",
        "level",
        "status",
        "found_on",
        "deadline",
        "responsible",
        "overdue_days",
        "history",
    ):
        assert key in shown
    assert shown["status"] == "verified" and shown["overdue_days"] == 0
    assert [e["kind"] for e in shown["history"]] == [
        "recorded",
        "assigned",
        "rectified",
        "verification_failed",
        "rectified",
        "verified",
    ]
    assert {e["actor"] for e in shown["history"]} == {"张建华"}
    assert shown["history"][2]["changes"]["funds_fen"] == 120050

    listed = cli.json("hazard", "list", "--status", "verified")
    assert listed["count"] == 1 and listed["hazards"][0]["code"] == code
    assert cli.json("hazard", "list", "--search", "配电房")["count"] == 1
    assert cli.json("hazard", "list", "--unit", "鑫源五金厂")["count"] == 1
    text = cli.run("hazard", "list").stdout
    assert code in text and "已闭环" in text
    assert "校验通过" in cli.run("check").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["hazard", "add", "--unit", "无此单位", "--description", "x"], "未找到单位"),
        (
            [
                "hazard",
                "add",
                "--unit",
                "鑫源五金厂",
                "--description",
                "x",
                "--found-on",
                "2026-02-30",
            ],
            "不存在",
        ),
        (
            ["hazard", "add", "--unit", "鑫源五金厂", "--description", "x", "--level", "较大"],
            "隐患等级",
        ),
        (["unit", "add", "--name", "新厂", "--credit-code", "91330329MA2C000017"], "校验位"),
        (["unit", "add", "--name", "重复", "--credit-code", "91330329MA2C000016"], "重复登记"),
        (["hazard", "verify", "LY-2026-0001", "--by", "x", "--pass"], "未找到编号"),
        (["hazard", "assign", "X", "--responsible", "x"], "必须给出以下参数之一"),
        (["hazard", "list", "--status", "done"], "取值"),
        (["init", "--code", "ZZ", "--name", "又一个站"], "已初始化"),
        (
            ["hazard", "add", "--unit", "鑫源五金厂", "--description", "x", "--photo", "none.jpg"],
            "找不到照片",
        ),
    ],
)
def test_user_errors_exit_2_with_one_line(cli: Cli, args: list[str], message: str) -> None:
    assert message in cli.refused(*args)


def test_a_forbidden_step_is_refused_and_changes_nothing(cli: Cli) -> None:
    code = cli.json("hazard", "add", "--unit", "鑫源五金厂", "--description", "灭火器过期")["code"]
    before = cli.json("hazard", "show", code)
    assert "不能复查合格" in cli.refused("hazard", "verify", code, "--by", "x", "--pass")
    assert "不能整改完成" in cli.refused("hazard", "rectify", code, "--measures", "x")
    cli.run("hazard", "void", code, "--reason", "重复登记")
    assert "已作废" in cli.refused(
        "hazard", "assign", code, "--responsible", "x", "--deadline", days_ago(-5)
    )
    after = cli.json("hazard", "show", code)
    assert after["status"] == "voided"
    assert after["history"][:1] == before["history"]


def test_check_fails_and_names_the_record_after_tampering(cli: Cli) -> None:
    code = cli.json("hazard", "add", "--unit", "鑫源五金厂", "--description", "灭火器过期")["code"]
    conn = sqlite3.connect(cli.data_dir / "ledger.sqlite3")
    conn.execute("UPDATE hazards SET description = '已改' WHERE code = ?", (code,))
    conn.commit()
    conn.close()
    result = cli.run("check", ok=False)
    assert result.returncode == 1
    assert code in result.stdout.splitlines()[0]


def test_backup_and_restore(cli: Cli, tmp_path: Path) -> None:
    cli.run("hazard", "add", "--unit", "鑫源五金厂", "--description", "备份前的隐患")
    target = tmp_path / "台账备份.sqlite3"
    assert str(target) in cli.run("backup", "-o", str(target)).stdout
    cli.run("hazard", "add", "--unit", "鑫源五金厂", "--description", "备份后的隐患")
    out = cli.run("restore", str(target)).stdout
    assert "恢复前的台账已备份到" in out
    assert [h["description"] for h in cli.json("hazard", "list")["hazards"]] == ["备份前的隐患"]
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_text("garbage")
    assert "不是 SQLite" in cli.refused("restore", str(garbage))
    assert cli.json("hazard", "list")["count"] == 1
    assert "已备份到" in cli.run("backup").stdout


def test_demo_fills_a_realistic_ledger(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "demo")
    cli.run("demo")
    hazards = cli.json("hazard", "list")["hazards"]
    units = cli.json("unit", "list")["units"]
    assert len(hazards) >= 50 and len(units) >= 10
    assert {h["status"] for h in hazards} == {
        "discovered",
        "assigned",
        "rectified",
        "verified",
        "voided",
    }
    assert any(h["overdue_days"] > 0 for h in hazards)
    assert any(h["level"] == "重大" for h in hazards)
    assert len({u["industry"] for u in units}) >= 8
    assert cli.run("check").returncode == 0
    assert "已有台账" in cli.refused("demo")


def test_environment_variable_and_help(tmp_path: Path) -> None:
    env = {**os.environ, "HAZARD_LEDGER_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "hazard_ledger", "init", "--code", "LY", "--name", "站"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "home" / "ledger.sqlite3").is_file()
    help_text = subprocess.run(
        [sys.executable, "-m", "hazard_ledger", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    ).stdout
    assert "hazard" in help_text and "隐患" in help_text


def test_commands_before_init_say_what_to_do(tmp_path: Path) -> None:
    assert "请先用 init" in Cli(tmp_path / "new").refused("hazard", "list")


def test_a_change_makes_the_daily_backup_once(cli: Cli) -> None:
    backups = sorted((cli.data_dir / "backups").glob("ledger-*.sqlite3"))
    assert len(backups) == 1  # made by `init` in the fixture
    cli.run("hazard", "add", "--unit", "鑫源五金厂", "--description", "灭火器过期")
    cli.run("hazard", "list")
    assert sorted((cli.data_dir / "backups").glob("ledger-*.sqlite3")) == backups


def test_notices_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    codes = [
        cli.json("hazard", "add", "--unit", "鑫源五金厂", "--description", text)["code"]
        for text in ("配电房堆放杂物", "灭火器过期")
    ]
    pdf = tmp_path / "通知书.pdf"
    issued = cli.json(
        "notice",
        "issue",
        "--unit",
        "鑫源五金厂",
        "--hazards",
        ",".join(codes),
        "--within",
        "10",
        "--requirement",
        "立即整改",
        "-o",
        str(pdf),
    )
    number = issued["number"]
    assert number == f"（罗）应消整改〔{TODAY.year}〕1号" and pdf.stat().st_size > 10_000
    assert {h["status"] for h in cli.json("hazard", "list")["hazards"]} == {"assigned"}
    again = tmp_path / "重打.pdf"
    cli.run("notice", "print", number, "-o", str(again))
    from pypdf import PdfReader

    def text(path: Path) -> str:
        return "".join("".join(p.extract_text().split()) for p in PdfReader(path).pages)

    assert text(again) == text(pdf)  # reprinted identically: same number, same content
    assert "见证人" in cli.refused("notice", "serve", number, "--refused")
    cli.run("notice", "serve", number, "--to", "张国强")
    cli.run("notice", "receipt", number, "-o", str(tmp_path / "回证.pdf"))
    assert (tmp_path / "回证.pdf").stat().st_size > 5_000
    listed = cli.json("notice", "list")["notices"]
    assert listed[0]["served_to"] == "张国强" and len(listed[0]["hazards"]) == 2
    cli.run("notice", "void", number, "--reason", "单位名称有误")
    assert cli.json("notice", "list")["notices"][0]["status"] == "voided"
    assert "已经作废" in cli.refused("notice", "void", number, "--reason", "x")
    # Voiding withdrew the 交办: a corrected notice lists the same hazards under a new number.
    assert {h["status"] for h in cli.json("hazard", "list")["hazards"]} == {"discovered"}
    corrected = cli.json(
        "notice",
        "issue",
        "--unit",
        "鑫源五金厂",
        "--hazards",
        ",".join(codes),
        "--within",
        "10",
        "-o",
        str(tmp_path / "更正.pdf"),
    )
    assert corrected["number"] == f"（罗）应消整改〔{TODAY.year}〕2号"
    assert "不能交办" in cli.refused(
        "notice",
        "issue",
        "--unit",
        "鑫源五金厂",
        "--hazards",
        codes[0],
        "--within",
        "5",
        "-o",
        str(tmp_path / "x.pdf"),
    )
    assert "目录不存在" in cli.refused("notice", "print", number, "-o", "/nonexistent/x.pdf")
    for code in codes:
        cli.run("hazard", "rectify", code, "--measures", "已整改")
        cli.run("hazard", "verify", code, "--by", "李晓峰", "--pass")
    assert "不是有效的整改通知书" in cli.refused(
        "notice", "review", number, "-o", str(tmp_path / "r.pdf")
    )
    second = cli.json("hazard", "add", "--unit", "鑫源五金厂", "--description", "安全出口上锁")[
        "code"
    ]
    fresh = cli.json(
        "notice",
        "issue",
        "--unit",
        "鑫源五金厂",
        "--hazards",
        second,
        "--within",
        "3",
        "-o",
        str(tmp_path / "n2.pdf"),
    )["number"]
    assert "尚未复查" in cli.refused("notice", "review", fresh, "-o", str(tmp_path / "r.pdf"))
    cli.run("hazard", "rectify", second, "--measures", "已开锁")
    cli.run("hazard", "verify", second, "--by", "李晓峰", "--fail", "--new-deadline", days_ago(-5))
    review = cli.json("notice", "review", fresh, "-o", str(tmp_path / "复查.pdf"))
    assert review["refers_to"] == fresh and review["hazards"][0]["result"] == "fail"
    assert review["number"] == f"（罗）应消复查〔{TODAY.year}〕1号"
    assert cli.run("check").returncode == 0


def test_a_notice_the_font_cannot_print_is_not_issued(cli: Cli, tmp_path: Path) -> None:
    added = cli.json("hazard", "add", "--unit", "鑫源五金厂", "--description", "𪚥字招牌松动")
    code, pdf = added["code"], tmp_path / "通知书.pdf"
    issue = ["notice", "issue", "--unit", "鑫源五金厂", "--hazards", code, "--within", "5"]
    message = cli.refused(*issue, "-o", str(pdf))
    assert "缺少这些字：𪚥" in message
    assert not pdf.exists() and cli.json("notice", "list")["count"] == 0
    assert cli.json("hazard", "show", code)["status"] == "discovered"
