"""``unit import`` and ``hazard import``: a station's spreadsheets (.xlsx or .csv) brought in.

A file with bad rows imports nothing unless ``--skip-bad-rows`` is given: the bad rows are
listed on stdout (or in the JSON document) and one line on stderr says so, exit code 2.
"""

import argparse
from typing import Any

from hazard_ledger.cli.output import print_json
from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.services.hazard_import import HazardImportReport, import_hazards
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.table_file import RowError, SheetSummary
from hazard_ledger.services.unit_import import UnitImportReport, import_units

UNIT_RESULTS = {"added": "新增", "updated": "更新", "unchanged": "未变"}
SHOWN_UNITS = 20  # new units named in the text output (the JSON has them all)


def register_unit(units: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = units.add_parser("import", help="从 Excel（.xlsx）或 CSV 文件导入单位名单")
    _options(command, "单位名单")
    command.set_defaults(handler=_import_units)


def register_hazard(hazards: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = hazards.add_parser("import", help="导入本站以往的 Excel 隐患台账（.xlsx 或 .csv）")
    _options(command, "隐患台账")
    command.set_defaults(handler=_import_hazards)


def _options(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument("file", metavar="FILE", help=f"{what}文件（.xlsx 或 .csv）")
    command.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="跳过有误的行，只导入无误的行（默认：文件有误则什么都不导入）",
    )
    command.add_argument("--sheet", metavar="NAME", help="只导入这个工作表（默认：有表头的全部）")
    command.add_argument("--json", action="store_true")


def _import_units(ledger: Ledger, args: argparse.Namespace) -> None:
    report = import_units(ledger, args.file, skip_bad_rows=args.skip_bad_rows, sheet=args.sheet)
    if args.json:
        print_json(
            {
                **_source_json(report.file, report.sheets, report.skipped_sheets),
                "imported": report.written,
                "added": report.count("added"),
                "updated": report.count("updated"),
                "unchanged": report.count("unchanged"),
                "bad_rows": report.bad_rows,
                "units": [
                    {
                        "sheet": o.sheet,
                        "row": o.row,
                        "name": o.name,
                        "result": o.result,
                        "changed": list(o.changed),
                    }
                    for o in report.outcomes
                ],
                "errors": [_error_json(e) for e in report.errors],
            }
        )
    else:
        _print_source(report.file, report.sheets, report.skipped_sheets)
        if report.written:
            counts = "，".join(f"{label} {report.count(r)} 个" for r, label in UNIT_RESULTS.items())
            print(f"单位导入完成：{counts}{_skipped(report)}")
            for o in report.outcomes:
                if o.result == "updated":
                    print(f"  更新 第 {o.row} 行 {o.name}：{'、'.join(o.changed)}")
        _print_errors(report.errors)
    _refuse_unless_written(report)


def _import_hazards(ledger: Ledger, args: argparse.Namespace) -> None:
    report = import_hazards(ledger, args.file, skip_bad_rows=args.skip_bad_rows, sheet=args.sheet)
    by_status = report.by_status()
    if args.json:
        print_json(
            {
                **_source_json(report.file, report.sheets, report.skipped_sheets),
                "imported": report.written,
                "added": report.count("added"),
                "already_imported": report.count("already"),
                "new_units": list(report.new_units),
                "bad_rows": report.bad_rows,
                "by_status": {status.value: n for status, n in by_status.items()},
                "hazards": [
                    {
                        "sheet": o.sheet,
                        "row": o.row,
                        "result": o.result,
                        "code": o.code,
                        "unit": o.unit,
                        "status": o.status.value if o.status else None,
                    }
                    for o in report.outcomes
                ],
                "errors": [_error_json(e) for e in report.errors],
            }
        )
    else:
        _print_source(report.file, report.sheets, report.skipped_sheets)
        if report.written:
            print(
                f"隐患导入完成：新增隐患 {report.count('added')} 条，新增单位 "
                f"{len(report.new_units)} 个，已导入过 {report.count('already')} 条"
                f"{_skipped(report)}"
            )
            if report.count("added"):
                print("  新增隐患的状态：" + _status_counts(by_status))
            if report.new_units:
                names = "、".join(report.new_units[:SHOWN_UNITS])
                more = len(report.new_units) - SHOWN_UNITS
                print(
                    f"  新增单位：{names}" + (f" 等 {len(report.new_units)} 个" if more > 0 else "")
                )
        _print_errors(report.errors)
    _refuse_unless_written(report)


def _status_counts(by_status: dict[HazardStatus, int]) -> str:
    return "，".join(f"{status.label} {n}" for status, n in by_status.items())


def _skipped(report: UnitImportReport | HazardImportReport) -> str:
    return f"；有误 {report.bad_rows} 行，已跳过" if report.bad_rows else ""


def _refuse_unless_written(report: UnitImportReport | HazardImportReport) -> None:
    if not report.written:
        raise ValidationError(
            f"“{report.file}”中有 {report.bad_rows} 行有误，未导入任何数据"
            "（请修正后重新导入，或加 --skip-bad-rows 只导入无误的行）。"
        )


def _source_json(
    file: str, sheets: tuple[SheetSummary, ...], skipped: tuple[tuple[str, str], ...]
) -> dict[str, Any]:
    return {
        "file": file,
        "sheets": [
            {
                "name": s.name,
                "header_row": s.header_row,
                "rows": s.rows,
                "columns": dict(s.columns),
                "unknown_columns": list(s.unknown_headers),
            }
            for s in sheets
        ],
        "skipped_sheets": [{"name": name, "reason": why} for name, why in skipped],
    }


def _error_json(error: RowError) -> dict[str, Any]:
    return {
        "sheet": error.sheet,
        "row": error.row,
        "cell": error.cell,
        "column": error.column,
        "reason": error.reason,
    }


def _print_source(
    file: str, sheets: tuple[SheetSummary, ...], skipped: tuple[tuple[str, str], ...]
) -> None:
    for s in sheets:
        name = f"工作表“{s.name}”，" if s.name else ""
        print(f"读取 {file}：{name}表头在第 {s.header_row} 行，{s.rows} 行数据")
        if s.unknown_headers:
            print(f"  未导入的列：{'、'.join(s.unknown_headers)}")
    for name, why in skipped:
        print(f"跳过工作表“{name}”：{why}")


def _print_errors(errors: tuple[RowError, ...]) -> None:
    if errors:
        print(f"有误的行（{len({(e.sheet, e.row) for e in errors})} 行）：")
    several = len({e.sheet for e in errors}) > 1
    for e in errors:
        sheet = f"工作表“{e.sheet}”" if several else ""
        cell = f" {e.cell}" if e.cell else ""
        print(f"  {sheet}第 {e.row} 行{cell}（{e.column}）：{e.reason}")
