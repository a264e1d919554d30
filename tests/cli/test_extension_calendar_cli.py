"""延期 from the command line, working days counted on the holiday calendar everywhere, the
calendar and profile commands, and the clock filters of `hazard list`."""

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.cli.conftest import TODAY, Cli, days_ago

pytestmark = pytest.mark.slow


def add(cli: Cli, description: str, found: str = "") -> str:
    found_on = ["--found-on", found] if found else []
    return cli.json(
        "hazard", "add", "--unit", "鑫源五金厂", "--description", description, *found_on
    )["code"]


def assign(cli: Cli, code: str, *when: str) -> dict:  # type: ignore[type-arg]
    return cli.json("hazard", "assign", code, "--responsible", "张国强", *when)


def test_an_extension_is_requested_then_refused_or_approved(cli: Cli) -> None:
    code = add(cli, "配电房堆放杂物", days_ago(20))
    assert "不能申请延期" in cli.refused(
        "hazard", "extend", code, "--to", days_ago(-30), "--reason", "x"
    )
    assign(cli, code, "--deadline", days_ago(-5), "--on", days_ago(19))

    requested = cli.json(
        "hazard", "extend", code, "--to", days_ago(-20), "--reason", "材料未到货",
        "--on", days_ago(1),
    )  # fmt: skip
    assert requested["deadline"] == days_ago(-5)  # unchanged until approved
    assert requested["extension"] == {
        "to": days_ago(-20),
        "reason": "材料未到货",
        "requested_on": days_ago(1),
    }
    assert "待审批" in cli.run("hazard", "show", code).stdout
    assert "已有待审批" in cli.refused(
        "hazard", "extend", code, "--to", days_ago(-25), "--reason", "x"
    )
    out = cli.run("hazard", "extension", "refuse", code, "--by", "王站长", "--opinion", "理由不足")
    assert f"未批准延期：{code} 整改期限仍为 {days_ago(-5)}" in out.stdout
    assert "没有待审批" in cli.refused("hazard", "extension", "approve", code, "--by", "王站长")

    # --within counts from the present deadline.
    cli.run("hazard", "extend", code, "--within", "10", "--reason", "设备更换需要时间")
    approved = cli.json("hazard", "extension", "approve", code, "--by", "王站长")
    assert approved["deadline"] == days_ago(-15) and approved["extension"] is None
    assert "应晚于" in cli.refused("hazard", "extend", code, "--to", days_ago(-15), "--reason", "x")

    history = [e for e in approved["history"] if e["kind"].startswith("extension")]
    assert [e["kind"] for e in history] == [
        "extension_requested",
        "extension_refused",
        "extension_requested",
        "extension_approved",
    ]
    refused, granted = history[1]["details"], history[3]["details"]
    assert (refused["by"], refused["opinion"], refused["requested_to"]) == (
        "王站长",
        "理由不足",
        days_ago(-20),
    )
    assert (granted["by"], granted["reason"]) == ("王站长", "设备更换需要时间")
    assert history[0]["changes"]["extension_reason"] == "材料未到货"


def test_working_days_skip_national_day_and_count_the_make_up_saturday(cli: Cli) -> None:
    # 2026-10-01..07 off; Saturday 2026-10-10 is a make-up working day (调休上班).
    code = add(cli, "安全出口上锁", "2026-09-28")
    result = cli.run(
        "hazard", "assign", code, "--responsible", "张国强", "--on", "2026-09-30",
        "--within", "3", "--working-days", "--json",
    )  # fmt: skip
    assert json.loads(result.stdout)["deadline"] == "2026-10-10"
    assert result.stderr == ""  # 2026's schedule is known: no warning

    others = [add(cli, text, "2026-09-28") for text in ("灭火器过期", "疏散指示灯损坏")]
    issued = cli.json(
        "notice", "issue", "--unit", "鑫源五金厂", "--hazards", ",".join(others),
        "--on", "2026-09-30", "--within", "3", "--working-days",
        "-o", str(cli.data_dir.parent / "通知书.pdf"),
    )  # fmt: skip
    assert {line["deadline"] for line in issued["hazards"]} == {"2026-10-10"}
    # Counted in calendar days, the holiday does not matter.
    listed = cli.json("hazard", "show", code)
    assert listed["deadline"] == "2026-10-10"
    assert "只与 --within" in cli.refused(
        "hazard", "assign", add(cli, "x"), "--responsible", "x", "--deadline", days_ago(-3),
        "--working-days",
    )  # fmt: skip


def test_a_count_into_years_without_a_schedule_warns_until_the_year_is_added(cli: Cli) -> None:
    years = {entry["year"] for entry in cli.json("calendar", "show")["years"]}
    code = add(cli, "配电房堆放杂物")
    # 300 working days always reach into next year (and 2027 onwards has no schedule yet).
    result = cli.run(
        "hazard", "assign", code, "--responsible", "张国强", "--within", "300", "--working-days",
        "--json",
    )  # fmt: skip
    end = dt.date.fromisoformat(json.loads(result.stdout)["deadline"])
    missing = [y for y in range(TODAY.year, end.year + 1) if y not in years]
    assert missing, "the shipped calendar now covers the years this test counts across"
    warning = result.stderr.strip()
    assert warning.startswith("注意：日历中没有 " + "、".join(f"{y} 年" for y in missing))
    assert "工作日按周一至周五计算" in warning and "calendar set" in warning
    assert len(warning.splitlines()) == 1

    first = missing[0]
    saved = cli.json(
        "calendar", "set", str(first), "--holidays", f"{first}-01-01~{first}-01-03、{first}-05-01",
        "--workdays", f"{first}-01-04" if dt.date(first, 1, 4).weekday() >= 5 else "",
    )  # fmt: skip
    assert saved["source"] == "用户添加" and len(saved["holidays"]) == 4
    again = cli.run(
        "hazard", "assign", add(cli, "灭火器过期"), "--responsible", "张国强", "--within", "300",
        "--working-days",
    )  # fmt: skip
    assert f"{first} 年" not in again.stderr
    assert f"{first}-01-01~{first}-01-03" in cli.run("calendar", "show", str(first)).stdout
    assert "已删除" in cli.run("calendar", "remove", str(first)).stdout
    assert "没有" in cli.refused("calendar", "show", str(first))


def test_calendar_and_profile_commands(cli: Cli) -> None:
    shown = cli.run("calendar", "show", "2026").stdout
    assert "国庆节：2026-10-01~2026-10-07（7 天）" in shown
    assert "调休上班：" in shown and "2026-10-10" in shown
    year = cli.json("calendar", "show", "2026")
    assert "2026-10-10" in year["workdays"] and "2026-10-01" in year["holidays"]

    assert "不是日期" in cli.refused("calendar", "set", "2031", "--holidays", "2031-13-01")
    assert "不在 2031 年内" in cli.refused("calendar", "set", "2031", "--holidays", "2030-01-01")
    assert "不能删除" in cli.refused("calendar", "remove", "2026")
    # Correcting a shipped year replaces it; removing the correction brings the shipped one back.
    cli.run("calendar", "set", "2026", "--holidays", "2026-10-01~2026-10-08")
    assert "用户添加" in cli.run("calendar", "show").stdout
    assert "恢复使用内置安排" in cli.run("calendar", "remove", "2026").stdout

    profile = cli.json("profile", "show")
    assert profile["name"] == "3030" and "程序默认值" in profile["source"]
    assert profile["response"]["重大"] == {"amount": 30, "unit": "minutes", "label": "30 分钟"}
    assert profile["closure"]["一般"]["amount"] == 30
    text = cli.run("profile", "show").stdout
    assert "重大隐患：发现后 30 分钟内响应（交办），30 天内闭环" in text and "来源：" in text


def test_the_clock_filters_of_the_list_and_the_printed_ledger(cli: Cli, tmp_path: Path) -> None:
    found = {"灭火器过期": 5, "疏散通道堵塞": 5, "消防通道堵塞": 60, "电线乱接": 25}
    soon, later, old, fixed = (add(cli, text, days_ago(n)) for text, n in found.items())
    assign(cli, soon, "--deadline", days_ago(-2), "--on", days_ago(4))
    assign(cli, later, "--deadline", days_ago(-10), "--on", days_ago(4))
    assign(cli, fixed, "--deadline", days_ago(-10), "--on", days_ago(24))
    # Reported 20 days ago: 3 working days for the 复查 ran out even across a Spring Festival.
    cli.run("hazard", "rectify", fixed, "--measures", "已整改", "--done-on", days_ago(20))

    def codes(*flags: str) -> list[str]:
        return [h["code"] for h in cli.json("hazard", "list", *flags)["hazards"]]

    assert codes("--due-soon") == [soon]  # the default 临期 window: 3 days
    (cli.data_dir / "preferences.json").write_text(json.dumps({"due_soon_days": 12}), "utf-8")
    assert codes("--due-soon") == [soon, later]
    assert codes("--closure-exceeded") == [old]  # found 60 days ago, 30 days to close
    assert codes("--verification-overdue") == [fixed]
    assert f"应于 {days_ago(30)} 前闭环，已超期 30 天" in cli.run("hazard", "show", old).stdout
    assert "前复查，已超期" in cli.run("hazard", "show", fixed).stdout
    assert "不能与" in cli.refused("hazard", "list", "--due-soon", "--due-within", "3")

    pdf = tmp_path / "超时台账.pdf"
    printed = cli.json("report", "ledger", "--closure-exceeded", "-o", str(pdf))
    assert (printed["selection"], printed["count"]) == ("筛选：闭环超期", 1)
