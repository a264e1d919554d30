"""``report ledger`` (the 台账 as PDF or Excel), ``report weekly`` (cli.weekly_commands) and
``hazard sheet`` (one hazard's 档案)."""

import argparse
import sys

from hazard_ledger.cli import weekly_commands
from hazard_ledger.cli.filter_options import add_filter_options, filter_from
from hazard_ledger.cli.output import print_json
from hazard_ledger.cli.pdf_output import XLSX, output_path, report_path, warn_fonts
from hazard_ledger.reports.fonts import ledger_fonts
from hazard_ledger.reports.hazard_sheet_pdf import write_hazard_sheet_pdf
from hazard_ledger.reports.ledger_pdf import write_ledger_pdf
from hazard_ledger.reports.ledger_xlsx import write_ledger_xlsx
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.hazard_queries import SORT_COLUMNS, show_hazard
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.ledger_rows import describe_filter, ledger_rows
from hazard_ledger.services.stations import get_local_station

SORT_KEYS = [*SORT_COLUMNS, "overdue_days"]


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = commands.add_parser("report", help="报表：隐患排查整改台账、周报")
    sub = report.add_subparsers(metavar="KIND", required=True)
    ledger = sub.add_parser(
        "ledger", help="隐患排查整改台账：PDF（横向 A4）或 Excel（全部 33 列），按文件名后缀"
    )
    add_filter_options(ledger)
    ledger.add_argument(
        "--sort", choices=SORT_KEYS, default="found_on", help="排序（默认按发现日期）"
    )
    ledger.add_argument("--descending", action="store_true", help="倒序")
    ledger.add_argument("-o", "--output", required=True, metavar="FILE.pdf|FILE.xlsx")
    ledger.add_argument("--json", action="store_true")
    ledger.set_defaults(handler=_ledger, writes=False)
    weekly_commands.register(sub)


def register_sheet(hazard_commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``hazard sheet``: registered among the hazard commands, where people look for it."""
    sheet = hazard_commands.add_parser("sheet", help="打印一条隐患的档案（全部信息、照片、履历）")
    sheet.add_argument("code", metavar="CODE")
    sheet.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    sheet.add_argument("--json", action="store_true")
    sheet.set_defaults(handler=_sheet, writes=False)


def _station(ledger: Ledger) -> StationView:
    station = get_local_station(ledger)
    assert station is not None  # the services refused an uninitialised ledger already
    return station


def _ledger(ledger: Ledger, args: argparse.Namespace) -> None:
    target, kind = report_path(args.output)
    filters = filter_from(ledger, args)
    rows = ledger_rows(ledger, filters, sort=args.sort, descending=args.descending)
    selection = describe_filter(filters)
    if kind == XLSX:
        write_ledger_xlsx(
            rows, _station(ledger), target, selection=selection, printed_on=ledger.today()
        )
        if args.json:
            print_json({"file": target, "selection": selection, "count": len(rows)})
        else:
            print(f"已导出台账（{selection}）：{len(rows)} 条，Excel 文件：{target}")
        return
    printed = write_ledger_pdf(
        rows,
        _station(ledger),
        target,
        selection=selection,
        printed_on=ledger.today(),
        fonts=ledger_fonts(ledger),
    )
    warn_fonts(printed.fonts)
    if args.json:
        print_json(
            {"file": target, "selection": selection, "count": len(rows), "pages": printed.pages}
        )
    else:
        print(f"已打印台账（{selection}）：{len(rows)} 条，{printed.pages} 页，文件：{target}")


def _sheet(ledger: Ledger, args: argparse.Namespace) -> None:
    target = output_path(args.output, pdf_only=True)
    hazard = show_hazard(ledger, args.code)
    printed = write_hazard_sheet_pdf(hazard, _station(ledger), target, ledger_fonts(ledger))
    warn_fonts(printed.fonts)
    for problem in printed.problems:
        print(f"注意：{problem}（档案中已注明）", file=sys.stderr)
    if args.json:
        print_json(
            {
                "code": hazard.code,
                "file": target,
                "pages": printed.pages,
                "photos": len(hazard.photos),
                "problems": list(printed.problems),
            }
        )
    else:
        print(f"已打印隐患档案：{hazard.code}，{printed.pages} 页，文件：{target}")
