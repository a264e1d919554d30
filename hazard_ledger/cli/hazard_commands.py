"""``hazard add | assign | rectify | verify | void | edit | list | show`` (``sheet``, ``extend``,
``extension`` and ``import`` are registered here from their own modules)."""

import argparse
import datetime as dt

from hazard_ledger.cli import extension_commands, import_commands, report_commands
from hazard_ledger.cli.deadline_options import (
    add_deadline_options,
    deadline_from,
    warn_calendar,
)
from hazard_ledger.cli.filter_options import add_filter_options, filter_from
from hazard_ledger.cli.hazard_view import print_hazard
from hazard_ledger.cli.output import hazard_json, print_json, print_table
from hazard_ledger.domain.enums import HazardLevel
from hazard_ledger.domain.validation import parse_date, parse_yuan
from hazard_ledger.services import hazards
from hazard_ledger.services.hazard_queries import list_hazards, show_hazard
from hazard_ledger.services.ledger import Ledger


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    hazard = commands.add_parser("hazard", help="隐患：登记、交办、整改、复查、作废、查询")
    sub = hazard.add_subparsers(metavar="ACTION", required=True)

    add = sub.add_parser("add", help="登记隐患")
    add.add_argument("--unit", required=True, help="单位名称或统一社会信用代码")
    add.add_argument("--description", required=True, help="隐患描述")
    _detail_options(add)
    add.add_argument("--photo", action="append", default=[], metavar="FILE", help="整改前照片")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=_add)

    assign = sub.add_parser("assign", help="交办整改")
    assign.add_argument("code", metavar="CODE")
    assign.add_argument("--responsible", required=True, help="整改责任人")
    assign.add_argument("--phone", default="", help="责任人联系电话")
    add_deadline_options(assign, "交办日")
    assign.add_argument("--requirement", default="", help="整改要求")
    assign.add_argument("--on", metavar="DATE", help="交办日期（默认今天）")
    assign.add_argument("--json", action="store_true")
    assign.set_defaults(handler=_assign)

    rectify = sub.add_parser("rectify", help="登记整改完成")
    rectify.add_argument("code", metavar="CODE")
    rectify.add_argument("--measures", required=True, help="整改措施")
    rectify.add_argument("--done-on", metavar="DATE", help="整改完成日期（默认今天）")
    rectify.add_argument("--funds", metavar="YUAN", help="整改资金（元）")
    rectify.add_argument("--photo", action="append", default=[], metavar="FILE", help="整改后照片")
    rectify.add_argument("--json", action="store_true")
    rectify.set_defaults(handler=_rectify)

    verify = sub.add_parser("verify", help="复查")
    verify.add_argument("code", metavar="CODE")
    verify.add_argument("--by", required=True, help="复查人")
    result = verify.add_mutually_exclusive_group(required=True)
    result.add_argument("--pass", dest="passed", action="store_true", help="复查合格（闭环）")
    result.add_argument("--fail", dest="failed", action="store_true", help="复查不合格（退回整改）")
    verify.add_argument("--new-deadline", metavar="DATE", help="不合格时的新整改期限")
    verify.add_argument("--opinion", default="", help="复查意见")
    verify.add_argument("--on", metavar="DATE", help="复查日期（默认今天）")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=_verify)

    void = sub.add_parser("void", help="作废（保留记录与履历）")
    void.add_argument("code", metavar="CODE")
    void.add_argument("--reason", required=True, help="作废原因")
    void.add_argument("--json", action="store_true")
    void.set_defaults(handler=_void)

    edit = sub.add_parser("edit", help="修改未闭环隐患的信息")
    edit.add_argument("code", metavar="CODE")
    edit.add_argument("--unit", help="单位名称或统一社会信用代码")
    edit.add_argument("--description", help="隐患描述")
    _detail_options(edit, defaults=False)
    edit.add_argument("--responsible", help="整改责任人")
    edit.add_argument("--phone", help="责任人联系电话")
    edit.add_argument("--requirement", help="整改要求")
    edit.add_argument("--json", action="store_true")
    edit.set_defaults(handler=_edit)

    listing = sub.add_parser("list", help="查询隐患台账")
    add_filter_options(listing)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list, writes=False)

    show = sub.add_parser("show", help="查看一条隐患的全部信息与履历")
    show.add_argument("code", metavar="CODE")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show, writes=False)

    report_commands.register_sheet(sub)
    extension_commands.register(sub)
    import_commands.register_hazard(sub)


def _detail_options(parser: argparse.ArgumentParser, *, defaults: bool = True) -> None:
    blank = "" if defaults else None
    parser.add_argument("--location", default=blank, help="部位")
    parser.add_argument("--level", default="一般" if defaults else None, help="一般 或 重大")
    parser.add_argument("--category", default=blank, help="隐患类别")
    parser.add_argument("--industry", default=blank, help="行业领域（默认取单位的）")
    parser.add_argument("--source", default=blank, help="隐患来源")
    parser.add_argument("--basis", default=blank, help="依据")
    parser.add_argument("--found-on", metavar="YYYY-MM-DD", help="发现日期（默认今天）")
    parser.add_argument("--inspector", default=blank, help="检查人")


def _date(text: str | None, label: str, field: str) -> dt.date | None:
    return parse_date(text, label=label, field=field) if text is not None else None


def _report(ledger: Ledger, args: argparse.Namespace, code: str, done: str) -> None:
    detail = show_hazard(ledger, code)
    if getattr(args, "json", False):
        print_json(hazard_json(detail))
    else:
        print(f"{done}：{detail.code}（{detail.unit}，当前状态：{detail.status.label}）")


def _add(ledger: Ledger, args: argparse.Namespace) -> None:
    code = hazards.record_hazard(
        ledger,
        hazards.NewHazard(
            unit=args.unit,
            description=args.description,
            location=args.location,
            level=HazardLevel.parse(args.level),
            category=args.category,
            industry=args.industry,
            source=args.source,
            basis=args.basis,
            found_on=_date(args.found_on, "发现日期", "found_on"),
            inspector=args.inspector,
            photos=args.photo,
        ),
    )
    _report(ledger, args, code, "已登记隐患")


def _assign(ledger: Ledger, args: argparse.Namespace) -> None:
    on = _date(args.on, "交办日期", "on") or ledger.today()
    deadline = deadline_from(ledger, args, on)
    hazards.assign_hazard(
        ledger,
        args.code,
        responsible=args.responsible,
        deadline=deadline.day,
        phone=args.phone,
        requirement=args.requirement,
        on=on,
    )
    _report(ledger, args, args.code, f"已交办（期限 {deadline.day}）")
    warn_calendar(deadline)


def _rectify(ledger: Ledger, args: argparse.Namespace) -> None:
    hazards.rectify_hazard(
        ledger,
        args.code,
        measures=args.measures,
        done_on=_date(args.done_on, "整改完成日期", "done_on"),
        funds_fen=parse_yuan(args.funds) if args.funds is not None else None,
        photos=args.photo,
    )
    _report(ledger, args, args.code, "已登记整改完成")


def _verify(ledger: Ledger, args: argparse.Namespace) -> None:
    hazards.verify_hazard(
        ledger,
        args.code,
        by=args.by,
        passed=args.passed,
        new_deadline=_date(args.new_deadline, "新的整改期限", "new_deadline"),
        opinion=args.opinion,
        on=_date(args.on, "复查日期", "on"),
    )
    _report(
        ledger, args, args.code, "复查合格，已闭环" if args.passed else "复查不合格，已退回整改"
    )


def _void(ledger: Ledger, args: argparse.Namespace) -> None:
    hazards.void_hazard(ledger, args.code, reason=args.reason)
    _report(ledger, args, args.code, "已作废")


def _edit(ledger: Ledger, args: argparse.Namespace) -> None:
    saved = hazards.edit_hazard(
        ledger,
        args.code,
        hazards.HazardEdit(
            unit=args.unit,
            description=args.description,
            location=args.location,
            level=HazardLevel.parse(args.level) if args.level is not None else None,
            category=args.category,
            industry=args.industry,
            source=args.source,
            basis=args.basis,
            found_on=_date(args.found_on, "发现日期", "found_on"),
            inspector=args.inspector,
            responsible=args.responsible,
            responsible_phone=args.phone,
            requirement=args.requirement,
        ),
    )
    _report(ledger, args, args.code, "已保存修改" if saved else "没有需要保存的修改")


def _list(ledger: Ledger, args: argparse.Namespace) -> None:
    rows = list_hazards(ledger, filter_from(ledger, args))
    if args.json:
        print_json({"hazards": [hazard_json(r) for r in rows], "count": len(rows)})
        return
    print_table(
        ["编号", "单位", "状态", "等级", "督办", "发现日期", "期限", "逾期", "隐患描述"],
        [
            [
                r.code,
                r.unit,
                r.status.label,
                r.level.label,
                "督办中" if r.listed else ("已销号" if r.supervision else ""),
                str(r.found_on),
                str(r.deadline or ""),
                f"{r.overdue_days}天" if r.overdue_days else "",
                r.description,
            ]
            for r in rows
        ],
        [13, 24, 6, 4, 6, 10, 10, 6, 40],
    )
    print(f"共 {len(rows)} 条")


def _show(ledger: Ledger, args: argparse.Namespace) -> None:
    detail = show_hazard(ledger, args.code)
    if args.json:
        print_json(hazard_json(detail))
    else:
        print_hazard(detail)
