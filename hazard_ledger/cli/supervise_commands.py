"""``supervise list | plan | progress | extend | apply | accept | delist | show | notice | form``:
挂牌督办 of a 重大事故隐患, from listing to 销号, and its two documents."""

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from hazard_ledger.cli.deadline_options import (
    add_deadline_options,
    deadline_from,
    warn_calendar,
)
from hazard_ledger.cli.hazard_view import print_supervision
from hazard_ledger.cli.output import print_json, supervision_json
from hazard_ledger.cli.pdf_output import output_path, warn_fonts
from hazard_ledger.domain.errors import WorkflowError
from hazard_ledger.domain.supervision import LISTING_LEVELS
from hazard_ledger.domain.validation import parse_date, parse_yuan
from hazard_ledger.reports.document import Printed
from hazard_ledger.reports.fonts import FontChoice, ledger_fonts
from hazard_ledger.reports.supervision_pdf import (
    write_acceptance_form_pdf,
    write_listing_notice_pdf,
)
from hazard_ledger.services import supervision
from hazard_ledger.services.dto import HazardDetail, StationView, SupervisionView
from hazard_ledger.services.hazard_queries import show_hazard
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.stations import get_local_station


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sup = commands.add_parser(
        "supervise", help="重大事故隐患挂牌督办：挂牌、五落实、进展、延期、验收、销号、文书"
    )
    sub = sup.add_subparsers(metavar="ACTION", required=True)

    listing = sub.add_parser("list", help="挂牌督办（仅限重大事故隐患）")
    listing.add_argument("code", metavar="CODE")
    listing.add_argument("--level", required=True, choices=LISTING_LEVELS, help="挂牌级别")
    listing.add_argument("--authority", required=True, help="挂牌单位，如 泰顺县安委会")
    listing.add_argument("--supervisor", default="", help="督办单位，如 县应急管理局")
    listing.add_argument("--doc-no", required=True, help="挂牌文号")
    listing.add_argument("--listed-on", metavar="DATE", help="挂牌日期（默认今天）")
    add_deadline_options(listing, "挂牌日", label="督办期限（整改完成时限）")
    _json(listing, _list)

    plan = sub.add_parser("plan", help="登记五落实（责任、措施、资金、时限、预案）")
    plan.add_argument("code", metavar="CODE")
    plan.add_argument("--responsibility", required=True, help="责任单位和责任人")
    plan.add_argument("--measures", required=True, help="整改措施")
    plan.add_argument("--funds", required=True, metavar="YUAN", help="整改资金（元）")
    plan.add_argument("--deadline", required=True, metavar="DATE", help="整改时限")
    plan.add_argument("--contingency", required=True, help="应急预案（整改期间的防范措施）")
    _json(plan, _plan)

    progress = sub.add_parser("progress", help="登记整改进展")
    progress.add_argument("code", metavar="CODE")
    progress.add_argument("--note", required=True, help="进展情况")
    progress.add_argument("--on", metavar="DATE", help="进展日期（默认今天）")
    progress.add_argument("--photo", action="append", default=[], metavar="FILE", help="现场照片")
    _json(progress, _progress)

    extend = sub.add_parser("extend", help="督办延期（经挂牌单位同意）")
    extend.add_argument("code", metavar="CODE")
    add_deadline_options(extend, "现督办期限", flag="--to", label="延期后的督办期限")
    extend.add_argument("--reason", required=True, help="延期理由")
    _json(extend, _extend)

    apply = sub.add_parser("apply", help="申请验收（整改完成）")
    apply.add_argument("code", metavar="CODE")
    apply.add_argument("--on", metavar="DATE", help="申请日期（默认今天）")
    _json(apply, _apply)

    accept = sub.add_parser("accept", help="验收：通过或不通过（不通过退回整改）")
    accept.add_argument("code", metavar="CODE")
    result = accept.add_mutually_exclusive_group(required=True)
    result.add_argument("--pass", dest="passed", action="store_true", help="验收通过")
    result.add_argument("--fail", dest="failed", action="store_true", help="验收不通过")
    accept.add_argument("--by", required=True, help="验收单位或验收组")
    accept.add_argument("--opinion", default="", help="验收意见")
    accept.add_argument("--on", metavar="DATE", help="验收日期（默认今天）")
    _json(accept, _accept)

    delist = sub.add_parser("delist", help="销号（验收通过后；隐患随之闭环）")
    delist.add_argument("code", metavar="CODE")
    delist.add_argument("--on", metavar="DATE", help="销号日期（默认今天）")
    _json(delist, _delist)

    show = sub.add_parser("show", help="查看挂牌督办情况与整改进展")
    show.add_argument("code", metavar="CODE")
    _json(show, _show, writes=False)

    notice = sub.add_parser("notice", help="打印重大事故隐患挂牌督办通知书（PDF）")
    notice.add_argument("code", metavar="CODE")
    notice.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    _json(notice, _notice, writes=False)

    form = sub.add_parser("form", help="打印重大事故隐患整改验收销号审批表（PDF）")
    form.add_argument("code", metavar="CODE")
    form.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    _json(form, _form, writes=False)


Handler = Callable[[Ledger, argparse.Namespace], None]
Writer = Callable[[SupervisionView, HazardDetail, StationView, Path, FontChoice], Printed]


def _json(parser: argparse.ArgumentParser, handler: Handler, *, writes: bool = True) -> None:
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.set_defaults(handler=handler, writes=writes)


def _date(text: str | None, label: str, field: str = "on") -> dt.date | None:
    return parse_date(text, label=label, field=field) if text is not None else None


def _view(ledger: Ledger, code: str) -> SupervisionView:
    view = supervision.get_supervision(ledger, code)
    if view is None:
        raise WorkflowError(f"隐患 {show_hazard(ledger, code).code} 未挂牌督办。")
    return view


def _report(ledger: Ledger, args: argparse.Namespace, done: str) -> SupervisionView:
    view = _view(ledger, args.code)
    if args.json:
        print_json(supervision_json(view))
    else:
        print(f"{done}：{view.hazard_code}（挂牌督办状态：{view.status.label}）")
    return view


def _list(ledger: Ledger, args: argparse.Namespace) -> None:
    listed_on = _date(args.listed_on, "挂牌日期", "listed_on") or ledger.today()
    deadline = deadline_from(ledger, args, listed_on)
    supervision.list_hazard(
        ledger,
        args.code,
        level=args.level,
        authority=args.authority,
        supervisor=args.supervisor,
        doc_no=args.doc_no,
        listed_on=listed_on,
        deadline=deadline.day,
    )
    _report(ledger, args, f"已挂牌督办（{args.level}，督办期限 {deadline.day}）")
    warn_calendar(deadline)


def _plan(ledger: Ledger, args: argparse.Namespace) -> None:
    supervision.register_plan(
        ledger,
        args.code,
        responsibility=args.responsibility,
        measures=args.measures,
        funds_fen=parse_yuan(args.funds),
        deadline=parse_date(args.deadline, label="整改时限", field="deadline"),
        contingency=args.contingency,
    )
    _report(ledger, args, "已登记五落实")


def _progress(ledger: Ledger, args: argparse.Namespace) -> None:
    supervision.report_progress(
        ledger,
        args.code,
        note=args.note,
        on=_date(args.on, "进展日期"),
        photos=args.photo,
    )
    _report(ledger, args, "已登记整改进展")


def _extend(ledger: Ledger, args: argparse.Namespace) -> None:
    # --within counts from the supervision's present deadline, so read it first.
    current = _view(ledger, args.code).deadline if args.deadline is None else None
    to = deadline_from(ledger, args, current)
    supervision.extend_supervision(ledger, args.code, to=to.day, reason=args.reason)
    _report(ledger, args, f"已延期（督办期限延至 {to.day}）")
    warn_calendar(to)


def _apply(ledger: Ledger, args: argparse.Namespace) -> None:
    supervision.apply_acceptance(ledger, args.code, on=_date(args.on, "申请日期"))
    _report(ledger, args, "已申请验收")


def _accept(ledger: Ledger, args: argparse.Namespace) -> None:
    supervision.decide_acceptance(
        ledger,
        args.code,
        passed=args.passed,
        by=args.by,
        on=_date(args.on, "验收日期"),
        opinion=args.opinion,
    )
    _report(ledger, args, "验收通过" if args.passed else "验收不通过，已退回整改")


def _delist(ledger: Ledger, args: argparse.Namespace) -> None:
    supervision.delist(ledger, args.code, on=_date(args.on, "销号日期"))
    _report(ledger, args, "已销号，隐患已闭环")


def _show(ledger: Ledger, args: argparse.Namespace) -> None:
    view = _view(ledger, args.code)
    if args.json:
        print_json(supervision_json(view))
    else:
        print(f"隐患编号：{view.hazard_code}")
        print_supervision(view)


def _document(ledger: Ledger, args: argparse.Namespace, writer: Writer, name: str) -> None:
    target = output_path(args.output, pdf_only=True)
    view = _view(ledger, args.code)
    hazard = show_hazard(ledger, args.code)
    station = get_local_station(ledger)
    assert station is not None  # the services refused an uninitialised ledger already
    printed = writer(view, hazard, station, target, ledger_fonts(ledger))
    warn_fonts(printed.fonts)
    if args.json:
        print_json({"code": hazard.code, "file": target, "pages": printed.pages})
    else:
        print(f"已打印{name}：{hazard.code}，{printed.pages} 页，文件：{target}")


def _notice(ledger: Ledger, args: argparse.Namespace) -> None:
    _document(ledger, args, write_listing_notice_pdf, "挂牌督办通知书")


def _form(ledger: Ledger, args: argparse.Namespace) -> None:
    _document(ledger, args, write_acceptance_form_pdf, "整改验收销号审批表")
