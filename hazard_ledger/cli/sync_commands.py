"""``sync export`` / ``sync import`` / ``sync status``: the weekly package to the county."""

import argparse
import sys
from typing import Any

from hazard_ledger.cli.output import print_json
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.sync.export import export_package
from hazard_ledger.sync.import_result import ImportResult
from hazard_ledger.sync.importer import import_package
from hazard_ledger.sync.status import sync_status


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sync = commands.add_parser("sync", help="向县里报送：导出周数据包、导入各站数据包")
    sub = sync.add_subparsers(metavar="ACTION", required=True)
    export = sub.add_parser("export", help="导出本站数据包（默认为上次导出以来的变化）")
    export.add_argument("--full", action="store_true", help="导出全部履历（完整数据包）")
    export.add_argument("-o", "--output", required=True, metavar="FILE.zip")
    export.add_argument("--json", action="store_true")
    export.set_defaults(handler=_export, writes=True)
    imported = sub.add_parser("import", help="导入一个站的数据包（先全部校验，再一次合并）")
    imported.add_argument("file", metavar="FILE.zip")
    imported.add_argument(
        "--accept-new-station", action="store_true", help="接收本台账从未导入过的站点"
    )
    imported.add_argument("--json", action="store_true")
    imported.set_defaults(handler=_import, writes=True)
    status = sub.add_parser("status", help="已导出、已导入的数据包")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=_status, writes=False)


def _export(ledger: Ledger, args: argparse.Namespace) -> None:
    result = export_package(ledger, args.output, full=args.full)
    if args.json:
        print_json(
            {
                "file": result.file,
                "station": result.station_code,
                "sequence": result.sequence,
                "full": result.full,
                "period": result.period_label,
                "first_seq": result.first_seq,
                "last_seq": result.last_seq,
                "counts": result.counts,
                "backup": result.backup,
                "manifest_sha256": result.manifest_sha256,
            }
        )
        return
    what = "完整数据包" if result.full else "数据包"
    events = (
        f"履历第 {result.first_seq}—{result.last_seq} 条"
        if result.first_seq is not None
        else "上次导出以来没有新的履历"
    )
    counts = result.counts
    print(
        f"已导出{what}第 {result.sequence} 号（{result.station_name}，{result.period_label}）："
        f"{events}，隐患 {counts['hazards']} 条（新登记 {counts['new_hazards']}），"
        f"照片 {counts['attachments']} 张，文件：{result.file}"
    )
    if result.backup is not None:
        print(f"导出前已备份台账：{result.backup}")


def _import(ledger: Ledger, args: argparse.Namespace) -> None:
    result = import_package(ledger, args.file, accept_new_station=args.accept_new_station)
    for warning in result.warnings:
        print(f"注意：{warning}", file=sys.stderr)
    if args.json:
        print_json(import_json(result))
        return
    print(result.summary())


def import_json(result: ImportResult) -> dict[str, Any]:
    return {
        "file": result.file_name,
        "station": result.station_code,
        "station_name": result.station_name,
        "sequence": result.sequence,
        "full": result.full,
        "period": result.period_label,
        "new_station": result.new_station,
        "already_imported": result.already_imported,
        "events": result.events,
        "new_hazards": result.new_hazards,
        "updated_hazards": result.updated_hazards,
        "new": result.new,
        "updated": result.updated,
        "photos": result.photos,
        "warnings": list(result.warnings),
    }


def _status(ledger: Ledger, args: argparse.Namespace) -> None:
    status = sync_status(ledger)
    if args.json:
        print_json(status)
        return
    export = status["export"]
    if export:
        print(
            f"本站上次导出：第 {export['sequence']} 号，{export['created_at'][:10]}，"
            f"文件 {export['file_name']}"
        )
    elif status["local"]:
        print("本站尚未导出过数据包。")
    stations = status["stations"]
    if not stations:
        print("尚未导入任何站点的数据包。")
        return
    for station in stations:
        gaps = (
            "，缺第 " + "、".join(map(str, station["missing"])) + " 号"
            if station["missing"]
            else ""
        )
        print(
            f"{station['name']}（{station['code']}）：已导入到第 {station['last_sequence']} 号"
            f"（{station['last_imported_at'][:10]}），履历 {station['events']} 条，"
            f"隐患 {station['hazards']} 条{gaps}"
        )
