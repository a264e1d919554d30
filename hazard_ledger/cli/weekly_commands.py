"""``report weekly``: the 周报 of a week as an Excel workbook or a PDF."""

import argparse
from typing import Any

from hazard_ledger.cli.output import print_json
from hazard_ledger.cli.pdf_output import XLSX, report_path, warn_fonts
from hazard_ledger.reports.fonts import ledger_fonts
from hazard_ledger.reports.weekly_pdf import write_weekly_pdf
from hazard_ledger.reports.weekly_xlsx import write_weekly_xlsx
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.periods import ledger_period
from hazard_ledger.services.weekly import Figures, weekly_report


def register(report_kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    weekly = report_kinds.add_parser(
        "weekly",
        help="周报：汇总（本周、累计）、明细、逾期；Excel 工作簿或 PDF，按文件名后缀",
    )
    weekly.add_argument(
        "--period",
        metavar="YYYY-Www",
        help="统计周期，如 2026-W47（ISO 周），或其中一天 2026-11-18；默认本周",
    )
    weekly.add_argument(
        "--station", default="", metavar="CODE", help="站点简码（县级台账）；默认全部站点"
    )
    weekly.add_argument("--reviewer", default="", metavar="NAME", help="审核人（默认留空待签）")
    weekly.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FILE.pdf")
    weekly.add_argument("--json", action="store_true")
    weekly.set_defaults(handler=_weekly, writes=False)


def _weekly(ledger: Ledger, args: argparse.Namespace) -> None:
    target, kind = report_path(args.output)
    period = ledger_period(ledger, args.period)
    report = weekly_report(ledger, period, station_code=args.station, reviewer=args.reviewer)
    document: dict[str, Any] = {}
    if kind == XLSX:
        write_weekly_xlsx(report, target)
        sheets = ["汇总", *(["分站"] if report.by_station else []), "明细", "逾期"]
        document["sheets"] = sheets
    else:
        printed = write_weekly_pdf(report, target, fonts=ledger_fonts(ledger))
        warn_fonts(printed.fonts)
        document["pages"] = printed.pages
    week, total = report.total.week, report.total.cumulative
    if args.json:
        print_json(
            {
                "file": target,
                "period": period.code,
                "start": period.start,
                "end": period.end,
                "label": period.label,
                "township": report.township,
                "station": report.station_code,
                "stations": [station.code for station in report.stations],
                "as_of": report.as_of,
                "week": _figures(week),
                "cumulative": _figures(total),
                "details": len(report.details),
                "overdue": len(report.overdue),
                **document,
            }
        )
        return
    rate = f"{week.rate:.1%}" if week.rate is not None else "—"
    print(
        f"已生成周报（{report.township}，{period.label}）：本周发现 {week.found} 条"
        f"（重大 {week.found_major}），已整改 {week.closed} 条，整改率 {rate}；"
        f"截至{report.as_of.isoformat()}逾期未整改 {len(report.overdue)} 条。文件：{target}"
    )


def _figures(figures: Figures) -> dict[str, Any]:
    return {
        "units_inspected": figures.units_inspected,
        "inspections": figures.inspections,
        "found": figures.found,
        "found_general": figures.found_general,
        "found_major": figures.found_major,
        "on_the_spot": figures.on_the_spot,
        "closed": figures.closed,
        "rate": None if figures.rate is None else round(figures.rate, 4),
        "in_time": figures.in_time,
        "overdue": figures.overdue,
        "listed_new": figures.listed_new,
        "listed_open": figures.listed_open,
        "delisted": figures.delisted,
        "notices": figures.notices,
        "verifications": figures.verifications,
    }
