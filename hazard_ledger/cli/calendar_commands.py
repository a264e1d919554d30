"""``calendar show | set | remove`` (the holiday schedule working days are counted on) and
``profile show`` (the 3030 profile the clocks run on): what the 设置 pages do, headless."""

import argparse
import datetime as dt
import itertools
from typing import Any

from hazard_ledger.cli.output import print_json, print_table
from hazard_ledger.domain.calendar import DAY, parse_days
from hazard_ledger.domain.clocks import ClosureProfile, Limit
from hazard_ledger.domain.enums import HazardLevel
from hazard_ledger.domain.errors import NotFoundError
from hazard_ledger.services.calendar import (
    CalendarYear,
    calendar_years,
    load_calendar,
    remove_calendar_year,
    save_calendar_year,
)
from hazard_ledger.services.closure_profile import load_profile
from hazard_ledger.services.ledger import Ledger

DATES_HELP = "日期，逗号或顿号分隔，区间写作 2027-02-06~2027-02-12"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    calendar = commands.add_parser("calendar", help="节假日安排（按工作日计算期限时使用）")
    sub = calendar.add_subparsers(metavar="ACTION", required=True)

    show = sub.add_parser("show", help="列出已有安排的年份，或某一年的节假日与调休上班日")
    show.add_argument("year", metavar="YEAR", type=int, nargs="?")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show, writes=False)

    put = sub.add_parser("set", help="添加或更正某一年的节假日安排（取代内置安排）")
    put.add_argument("year", metavar="YEAR", type=int)
    put.add_argument("--holidays", required=True, metavar="DATES", help=f"放假日期：{DATES_HELP}")
    put.add_argument(
        "--workdays", default="", metavar="DATES", help=f"调休上班的周末：{DATES_HELP}"
    )
    put.add_argument("--json", action="store_true")
    put.set_defaults(handler=_set, writes=False)

    remove = sub.add_parser("remove", help="删除用户添加的某一年安排（恢复内置安排）")
    remove.add_argument("year", metavar="YEAR", type=int)
    remove.set_defaults(handler=_remove, writes=False)

    profile = commands.add_parser("profile", help="闭环时限方案（3030）")
    profile_sub = profile.add_subparsers(metavar="ACTION", required=True)
    profile_show = profile_sub.add_parser("show", help="查看当前的闭环时限方案及其来源")
    profile_show.add_argument("--json", action="store_true")
    profile_show.set_defaults(handler=_profile, writes=False)


def ranges(days: tuple[dt.date, ...] | list[dt.date]) -> str:
    """Dates as a person writes them: consecutive days as one range (parse_days reads it back)."""
    parts = []
    for _, run in itertools.groupby(
        enumerate(sorted(days)), key=lambda pair: pair[1] - pair[0] * DAY
    ):
        dates = [day for _, day in run]
        first, last = dates[0], dates[-1]
        parts.append(str(first) if first == last else f"{first}~{last}")
    return "、".join(parts)


def _year_json(year: CalendarYear) -> dict[str, Any]:
    return {
        "year": year.year,
        "source": year.source,
        "holidays": list(year.holidays),
        "workdays": list(year.workdays),
    }


def _find(ledger: Ledger, year: int) -> CalendarYear:
    for entry in calendar_years(ledger):
        if entry.year == year:
            return entry
    raise NotFoundError(
        f"日历中没有 {year} 年的法定节假日安排（按工作日计算时该年按周一至周五计）；"
        f"可用 calendar set {year} --holidays … --workdays … 添加。",
        field="year",
    )


def _show(ledger: Ledger, args: argparse.Namespace) -> None:
    if args.year is None:
        years = calendar_years(ledger)
        if args.json:
            print_json({"years": [_year_json(y) for y in years]})
            return
        print_table(
            ["年份", "节假日", "调休上班", "来源"],
            [
                [str(y.year), f"{len(y.holidays)} 天", f"{len(y.workdays)} 天", y.source]
                for y in years
            ],
            [6, 8, 8, 36],
        )
        print("未列出的年份按周一至周五计算工作日。")
        return
    entry = _find(ledger, args.year)
    if args.json:
        print_json(_year_json(entry))
        return
    names = load_calendar(ledger).holidays
    print(f"{entry.year} 年，来源：{entry.source}")
    by_name: dict[str, list[dt.date]] = {}
    for day in entry.holidays:
        by_name.setdefault(names.get(day, ""), []).append(day)
    for name, days in by_name.items():
        print(f"  {name or '节假日'}：{ranges(days)}（{len(days)} 天）")
    print(f"  调休上班：{ranges(entry.workdays) or '无'}")


def _set(ledger: Ledger, args: argparse.Namespace) -> None:
    holidays = parse_days(args.holidays, field="holidays", label="节假日")
    workdays = parse_days(args.workdays, field="workdays", label="调休上班日")
    saved = save_calendar_year(ledger, args.year, holidays, workdays)
    if args.json:
        print_json(_year_json(saved))
    else:
        print(
            f"已保存 {saved.year} 年的节假日安排：节假日 {len(saved.holidays)} 天，"
            f"调休上班 {len(saved.workdays)} 天（{saved.source}）"
        )


def _remove(ledger: Ledger, args: argparse.Namespace) -> None:
    remove_calendar_year(ledger, args.year)
    still = any(entry.year == args.year for entry in calendar_years(ledger))
    after = "恢复使用内置安排" if still else "该年按周一至周五计算工作日"
    print(f"已删除用户添加的 {args.year} 年节假日安排，{after}。")


def _limit_json(limit: Limit) -> dict[str, Any]:
    return {"amount": limit.amount, "unit": limit.unit.value, "label": limit.label}


def profile_json(profile: ClosureProfile) -> dict[str, Any]:
    return {
        "name": profile.name,
        "source": profile.source,
        "summary": profile.summary(),
        "response": {lvl.label: _limit_json(profile.response[lvl]) for lvl in HazardLevel},
        "closure": {lvl.label: _limit_json(profile.closure[lvl]) for lvl in HazardLevel},
        "verification": _limit_json(profile.verification),
    }


def _profile(ledger: Ledger, args: argparse.Namespace) -> None:
    profile = load_profile(ledger)
    if args.json:
        print_json(profile_json(profile))
        return
    print(f"闭环时限方案：{profile.name}")
    for level in (HazardLevel.MAJOR, HazardLevel.GENERAL):
        print(
            f"  {level.label}隐患：发现后 {profile.response[level].label}内响应（交办），"
            f"{profile.closure[level].label}内闭环"
        )
    print(f"  复查：整改完成后 {profile.verification.label}内")
    print(f"来源：{profile.source}")
