"""``notice issue | review | print | receipt | serve | void | list``."""

import argparse
import tempfile
from pathlib import Path

from hazard_ledger.cli.deadline_options import (
    add_deadline_options,
    deadline_from,
    warn_calendar,
)
from hazard_ledger.cli.output import print_json, print_table
from hazard_ledger.cli.pdf_output import output_path, warn_fonts
from hazard_ledger.domain.validation import parse_date
from hazard_ledger.reports.fonts import ledger_fonts
from hazard_ledger.reports.notice_pdf import write_notice_pdf
from hazard_ledger.reports.receipt_pdf import write_receipt_pdf
from hazard_ledger.reports.review_pdf import write_review_pdf
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.notices import (
    NoticeView,
    Preflight,
    get_notice,
    issue_notice,
    list_notices,
    serve_notice,
    void_notice,
)
from hazard_ledger.services.reviews import review_notice
from hazard_ledger.services.stations import get_local_station


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    notice = commands.add_parser("notice", help="整改通知书：下发、打印、送达、作废、列表")
    sub = notice.add_subparsers(metavar="ACTION", required=True)

    issue = sub.add_parser("issue", help="下发整改通知书（同时交办所列隐患）")
    issue.add_argument("--unit", required=True, help="单位名称或统一社会信用代码")
    issue.add_argument("--hazards", required=True, metavar="CODE[,CODE...]", help="隐患编号")
    add_deadline_options(issue, "下发日")
    issue.add_argument("--requirement", default="", help="整改要求")
    issue.add_argument("--responsible", default="", help="整改责任人（默认单位联系人）")
    issue.add_argument("--inspectors", default="", help="检查人员")
    issue.add_argument("--place", default="", help="检查地点")
    issue.add_argument("--inspected-on", metavar="DATE", help="检查日期")
    issue.add_argument("--on", metavar="DATE", help="下发日期（默认今天）")
    issue.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    issue.add_argument("--json", action="store_true")
    issue.set_defaults(handler=_issue)

    review = sub.add_parser("review", help="出具整改复查意见书（所列隐患均已复查后）")
    review.add_argument("number", metavar="NUMBER", help="整改通知书文号")
    review.add_argument("--on", metavar="DATE", help="下发日期（默认今天）")
    review.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    review.add_argument("--json", action="store_true")
    review.set_defaults(handler=_review)

    printing = sub.add_parser("print", help="重新打印（文号与内容不变）")
    printing.add_argument("number", metavar="NUMBER")
    printing.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    printing.set_defaults(handler=_print, writes=False)

    receipt = sub.add_parser("receipt", help="打印送达回证")
    receipt.add_argument("number", metavar="NUMBER")
    receipt.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    receipt.set_defaults(handler=_receipt, writes=False)

    serve = sub.add_parser("serve", help="登记送达或拒收")
    serve.add_argument("number", metavar="NUMBER")
    serve.add_argument("--to", default="", help="签收人")
    serve.add_argument("--on", metavar="DATE", help="送达日期（默认今天）")
    serve.add_argument("--refused", action="store_true", help="被检查单位拒绝签收")
    serve.add_argument("--witness", default="", help="拒收时的见证人")
    serve.set_defaults(handler=_serve)

    void = sub.add_parser("void", help="作废（文号保留、不再使用）")
    void.add_argument("number", metavar="NUMBER")
    void.add_argument("--reason", required=True)
    void.set_defaults(handler=_void)

    listing = sub.add_parser("list", help="文书列表")
    listing.add_argument("--search", default="", help="按文号或单位名称查找")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list, writes=False)


def _preflight(ledger: Ledger) -> Preflight:
    """Writes the new document once to a scratch file before the issue commits: a character
    the font lacks (or anything else that stops printing) refuses the issue, nothing saved."""

    def check(notice: NoticeView) -> None:
        writer = write_review_pdf if notice.kind == "review" else write_notice_pdf
        with tempfile.TemporaryDirectory(prefix="hazard-ledger-check-") as folder:
            writer(notice, _station(ledger), Path(folder) / "check.pdf", ledger_fonts(ledger))

    return check


def _station(ledger: Ledger) -> StationView:
    station = get_local_station(ledger)
    assert station is not None  # the services refused an uninitialised ledger already
    return station


def _pdf(ledger: Ledger, notice: NoticeView, output: str) -> Path:
    target = output_path(output)
    station = _station(ledger)
    writer = write_review_pdf if notice.kind == "review" else write_notice_pdf
    warn_fonts(writer(notice, station, target, ledger_fonts(ledger)))
    return target


def _notice_json(notice: NoticeView) -> dict:  # type: ignore[type-arg]
    return {
        "number": notice.number,
        "title": notice.title,
        "status": notice.status,
        "unit": notice.unit,
        "issued_on": notice.issued_on,
        "served_on": notice.served_on,
        "served_to": notice.served_to,
        "refused": notice.refused,
        "witness": notice.witness,
        "void_reason": notice.void_reason,
        "hazards": [
            {
                "code": line.code,
                "deadline": line.deadline,
                "requirement": line.requirement,
                "result": line.result,
            }
            for line in notice.lines
        ],
    }


def _issue(ledger: Ledger, args: argparse.Namespace) -> None:
    on = parse_date(args.on, label="下发日期", field="on") if args.on else ledger.today()
    deadline = deadline_from(ledger, args, on)
    inspected = (
        parse_date(args.inspected_on, label="检查日期", field="inspected_on")
        if args.inspected_on
        else None
    )
    output_path(args.output)  # a typo in the path refuses before the notice is issued
    number = issue_notice(
        ledger,
        unit=args.unit,
        codes=args.hazards.split(","),
        deadline=deadline.day,
        requirement=args.requirement,
        responsible=args.responsible,
        issued_on=on,
        inspected_on=inspected,
        inspected_place=args.place,
        inspectors=args.inspectors,
        preflight=_preflight(ledger),
    )
    notice = get_notice(ledger, number)
    target = _pdf(ledger, notice, args.output)
    if args.json:
        print_json({**_notice_json(notice), "file": str(target)})
    else:
        print(
            f"已下发 {notice.title}：{number}（{len(notice.lines)} 条隐患已交办），文件：{target}"
        )
    warn_calendar(deadline)


def _review(ledger: Ledger, args: argparse.Namespace) -> None:
    on = parse_date(args.on, label="下发日期", field="on") if args.on else None
    output_path(args.output)
    number = review_notice(ledger, args.number, issued_on=on, preflight=_preflight(ledger))
    review = get_notice(ledger, number)
    target = _pdf(ledger, review, args.output)
    if args.json:
        print_json(
            {**_notice_json(review), "refers_to": review.refers_to_number, "file": str(target)}
        )
    else:
        print(f"已出具整改复查意见书：{review.number}，文件：{target}")


def _print(ledger: Ledger, args: argparse.Namespace) -> None:
    target = _pdf(ledger, get_notice(ledger, args.number), args.output)
    print(f"已打印：{args.number}，文件：{target}")


def _receipt(ledger: Ledger, args: argparse.Namespace) -> None:
    target = output_path(args.output)
    station = _station(ledger)
    notice = get_notice(ledger, args.number)
    warn_fonts(write_receipt_pdf(notice, station, target, ledger_fonts(ledger)))
    print(f"已打印送达回证：{args.number}，文件：{target}")


def _serve(ledger: Ledger, args: argparse.Namespace) -> None:
    on = parse_date(args.on, label="送达日期", field="on") if args.on else None
    serve_notice(ledger, args.number, to=args.to, on=on, refused=args.refused, witness=args.witness)
    print(f"已登记送达：{args.number}")


def _void(ledger: Ledger, args: argparse.Namespace) -> None:
    void_notice(ledger, args.number, reason=args.reason)
    print(f"已作废：{args.number}（文号保留，不再使用）")


def _list(ledger: Ledger, args: argparse.Namespace) -> None:
    notices = list_notices(ledger, args.search)
    if args.json:
        print_json({"notices": [_notice_json(n) for n in notices], "count": len(notices)})
        return
    print_table(
        ["文号", "文书", "单位", "下发日期", "隐患数", "送达", "状态"],
        [
            [
                n.number,
                n.title,
                n.unit,
                str(n.issued_on),
                str(len(n.lines)),
                "拒收" if n.refused else str(n.served_on or ""),
                "已作废" if n.status == "voided" else "有效",
            ]
            for n in notices
        ],
        [26, 16, 24, 10, 6, 10, 6],
    )
    print(f"共 {len(notices)} 份")
