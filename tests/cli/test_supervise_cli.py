"""挂牌督办 from the command line: listing to 销号, the guards, the two documents, and what
`hazard show` and `hazard list` say about a listed hazard."""

from pathlib import Path

import pytest

from tests.cli.conftest import Cli, days_ago
from tests.conftest import make_photo
from tests.reports.pdf_text import text_of

pytestmark = pytest.mark.slow


def major(cli: Cli, description: str = "喷漆房未设置可燃气体报警装置") -> str:
    return cli.json(
        "hazard",
        "add",
        "--unit",
        "鑫源五金厂",
        "--description",
        description,
        "--level",
        "重大",
        "--found-on",
        days_ago(30),
    )["code"]


def list_it(cli: Cli, code: str, *extra: str) -> dict:  # type: ignore[type-arg]
    return cli.json(
        "supervise",
        "list",
        code,
        "--level",
        "县级",
        "--authority",
        "泰顺县安委会",
        "--supervisor",
        "县应急管理局",
        "--doc-no",
        "泰安委〔2026〕8号",
        "--listed-on",
        days_ago(29),
        *(extra or ("--deadline", days_ago(-60))),
    )


def plan(cli: Cli, code: str) -> dict:  # type: ignore[type-arg]
    return cli.json(
        "supervise",
        "plan",
        code,
        "--responsibility",
        "鑫源五金厂 张国强",
        "--measures",
        "加装可燃气体报警装置并与排风联锁",
        "--funds",
        "12000",
        "--deadline",
        days_ago(-30),
        "--contingency",
        "喷漆作业暂停，配备灭火器材",
    )


def test_from_listing_to_delisting(cli: Cli, tmp_path: Path) -> None:
    code = major(cli)
    listed = list_it(cli, code)
    assert listed["status"] == "listed" and listed["doc_no"] == "泰安委〔2026〕8号"
    assert [h["code"] for h in cli.json("hazard", "list", "--supervised")["hazards"]] == [code]

    planned = plan(cli, code)
    assert planned["status"] == "planned" and planned["plan_funds"] == "12000.00"
    # The plan of a hazard not yet assigned is its 交办, from the listing date.
    hazard = cli.json("hazard", "show", code)
    assert hazard["status"] == "assigned" and hazard["deadline"] == days_ago(-30)

    photo = make_photo(tmp_path / "进展.jpg")
    cli.run(
        "supervise", "progress", code, "--note", "报警装置已采购", "--on", days_ago(20),
        "--photo", str(photo),
    )  # fmt: skip
    extended = cli.json(
        "supervise", "extend", code, "--to", days_ago(-90), "--reason", "设备到货延迟"
    )
    assert extended["deadline"] == days_ago(-90)

    out = cli.run("supervise", "apply", code, "--on", days_ago(10)).stdout
    assert "已申请验收" in out and cli.json("hazard", "show", code)["status"] == "rectified"
    # While listed, the ordinary 复查 cannot close it: acceptance and 销号 do.
    assert "挂牌督办" in cli.refused("hazard", "verify", code, "--by", "李晓峰", "--pass")
    assert "验收通过" in cli.refused("supervise", "delist", code)

    failed = cli.json(
        "supervise", "accept", code, "--fail", "--by", "县应急管理局", "--on", days_ago(9),
        "--opinion", "联锁未调试",
    )  # fmt: skip
    assert failed["status"] == "planned" and failed["acceptance_result"] == "fail"
    assert cli.json("hazard", "show", code)["status"] == "assigned"  # back to rectification
    cli.run("supervise", "apply", code, "--on", days_ago(5))
    cli.run("supervise", "accept", code, "--pass", "--by", "县应急管理局", "--on", days_ago(4))
    assert "挂牌督办" in cli.refused("hazard", "verify", code, "--by", "李晓峰", "--pass")
    out = cli.run("supervise", "delist", code, "--on", days_ago(3)).stdout
    assert "已销号" in out

    shown = cli.json("hazard", "show", code)
    assert shown["status"] == "verified" and shown["verified_on"] == days_ago(3)
    assert shown["listed"] is False and shown["supervision_status"] == "delisted"
    supervision = shown["supervision"]
    assert supervision["status"] == "delisted" and supervision["delisted_on"] == days_ago(3)
    assert supervision["accepted_by"] == "县应急管理局" and supervision["deadline"] == days_ago(-90)
    assert supervision["progress"] == [
        {"on": days_ago(20), "note": "报警装置已采购", "actor": "张建华", "photos": 1}
    ]
    kinds = [e["kind"] for e in shown["history"]]
    assert kinds[:2] == ["recorded", "listed"] and kinds[-2:] == ["delisted", "verified"]
    assert cli.json("hazard", "list", "--supervised")["count"] == 0

    text = cli.run("hazard", "show", code).stdout
    assert "挂牌督办：" in text and "销号日期：" + days_ago(3) in text
    assert "报警装置已采购（照片 1 张）" in text
    assert "校验通过" in cli.run("check").stdout


def test_the_two_documents(cli: Cli, tmp_path: Path) -> None:
    code = major(cli)
    list_it(cli, code)
    notice = tmp_path / "挂牌督办通知书.pdf"
    printed = cli.json("supervise", "notice", code, "-o", str(notice))
    assert printed == {"code": code, "file": str(notice), "pages": 1}
    text = text_of(notice)
    assert "重大事故隐患挂牌督办通知书" in text and "泰安委〔2026〕8号" in text
    assert "不得自行宣布整改完成" in text and "公示牌" in text

    form = tmp_path / "审批表.pdf"
    out = cli.run("supervise", "form", code, "-o", str(form)).stdout
    assert "已打印整改验收销号审批表" in out and "1 页" in out
    assert "重大事故隐患整改验收销号审批表" in text_of(form)

    assert ".pdf 结尾" in cli.refused("supervise", "form", code, "-o", str(tmp_path / "a.docx"))
    general = cli.json("hazard", "add", "--unit", "鑫源五金厂", "--description", "灭火器过期")
    assert "未挂牌督办" in cli.refused(
        "supervise", "notice", general["code"], "-o", str(tmp_path / "b.pdf")
    )
    assert not (tmp_path / "b.pdf").exists()


def test_the_guards(cli: Cli) -> None:
    general = cli.json("hazard", "add", "--unit", "鑫源五金厂", "--description", "灭火器过期")
    message = cli.refused(
        "supervise", "list", general["code"], "--level", "县级", "--authority", "县安委会",
        "--doc-no", "1号", "--deadline", days_ago(-30),
    )  # fmt: skip
    assert "一般隐患" in message and "重大事故隐患" in message
    code = major(cli)
    assert "取值" in cli.refused(
        "supervise", "list", code, "--level", "乡级", "--authority", "县安委会",
        "--doc-no", "1号", "--deadline", days_ago(-30),
    )  # fmt: skip
    assert "未挂牌督办" in cli.refused("supervise", "apply", code)
    list_it(cli, code)
    assert "已经挂牌督办" in cli.refused(
        "supervise", "list", code, "--level", "市级", "--authority", "市安委会",
        "--doc-no", "2号", "--deadline", days_ago(-30),
    )  # fmt: skip
    # Acceptance before the 五落实 plan, an extension to an earlier date, a plan without funds.
    assert "不能申请验收" in cli.refused("supervise", "apply", code)
    assert "应晚于" in cli.refused(
        "supervise", "extend", code, "--to", days_ago(-10), "--reason", "x"
    )
    assert "金额" in cli.refused(
        "supervise", "plan", code, "--responsibility", "x", "--measures", "x", "--funds", "很多",
        "--deadline", days_ago(-10), "--contingency", "x",
    )  # fmt: skip
    plan(cli, code)
    # A listed hazard is extended by the listing authority, not by the station's 延期.
    assert "挂牌督办" in cli.refused(
        "hazard", "extend", code, "--to", days_ago(-100), "--reason", "x"
    )
    assert "挂牌督办" in cli.refused("hazard", "void", code, "--reason", "重复")
    assert cli.json("supervise", "show", code)["status"] == "planned"


def test_hazard_show_json_has_the_clocks_and_the_supervision(cli: Cli) -> None:
    code = major(cli)
    list_it(cli, code, "--within", "20", "--working-days")
    shown = cli.json("hazard", "show", code)
    assert set(shown["clocks"]) == {
        "watched",
        "response_due",
        "response_late",
        "closure_due",
        "closure_days_left",
        "closure_exceeded",
        "verification_due",
        "verification_overdue",
        "overdue_days",
        "due_soon",
    }
    clocks = shown["clocks"]
    # Found 30 days ago, not assigned: the 30-minute response is late; 30 days to close ran out
    # at the end of today (left 0) and is not yet exceeded.
    assert clocks["watched"] and clocks["response_late"]
    assert clocks["closure_due"] == days_ago(0) and clocks["closure_days_left"] == 0
    assert not clocks["closure_exceeded"] and clocks["verification_due"] is None
    assert shown["profile"].startswith("3030：")
    assert shown["listed"] is True and shown["extension"] is None
    assert set(shown["supervision"]) >= {
        "hazard",
        "status",
        "level",
        "authority",
        "supervisor",
        "doc_no",
        "listed_on",
        "deadline",
        "plan_responsibility",
        "plan_measures",
        "plan_funds",
        "plan_deadline",
        "plan_contingency",
        "applied_on",
        "accepted_by",
        "accepted_on",
        "acceptance_result",
        "acceptance_opinion",
        "delisted_on",
        "progress",
    }
    assert shown["supervision"]["level"] == "县级" and shown["supervision"]["progress"] == []
    row = cli.json("hazard", "list", "--supervised")["hazards"][0]
    assert row["supervision_status"] == "listed" and row["listed"] is True
    assert row["clocks"] == clocks

    text = cli.run("hazard", "show", code).stdout
    assert "闭环时限（3030：" in text and "前交办，已超时" in text
    assert f"应于 {days_ago(0)} 前闭环，还剩 0 天" in text
    general = cli.json("hazard", "add", "--unit", "鑫源五金厂", "--description", "灭火器过期")
    assert general["listed"] is False and general["supervision_status"] == ""
    assert cli.json("hazard", "show", general["code"])["supervision"] is None
