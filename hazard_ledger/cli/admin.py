"""``init``, ``check``, ``backup``, ``restore``, ``demo``."""

import argparse
import dataclasses

from hazard_ledger.cli.output import print_json
from hazard_ledger.services import maintenance
from hazard_ledger.services.demo import create_demo_ledger
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.stations import init_station


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    init = commands.add_parser("init", help="初始化本站台账")
    init.add_argument("--code", required=True, help="站点简码，如 LY（用于隐患编号）")
    init.add_argument("--name", required=True, help="站名，如 罗阳镇应急消防管理站")
    init.add_argument("--township", default="", help="乡镇（街道）")
    init.add_argument("--county", default="", help="县（市、区）")
    init.add_argument("--doc-prefix", default="", help="文号简称，如 罗（默认取乡镇名首字）")
    init.add_argument("--json", action="store_true")
    init.set_defaults(handler=_init)

    check = commands.add_parser("check", help="校验数据库、履历链与当前状态")
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=_check, writes=False)

    backup = commands.add_parser("backup", help="备份台账")
    backup.add_argument("-o", "--output", metavar="FILE", help="备份到此文件（默认备份目录）")
    backup.set_defaults(handler=_backup, writes=False)

    restore = commands.add_parser("restore", help="从备份恢复台账（先自动备份当前台账）")
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(handler=_restore, writes=False)

    demo = commands.add_parser("demo", help="在数据目录中生成示例台账")
    demo.add_argument("--json", action="store_true")
    demo.set_defaults(handler=_demo)


def _init(ledger: Ledger, args: argparse.Namespace) -> None:
    station = init_station(
        ledger,
        code=args.code,
        name=args.name,
        township=args.township,
        county=args.county,
        doc_prefix=args.doc_prefix,
    )
    if args.json:
        print_json(dataclasses.asdict(station))
    else:
        print(f"已初始化：{station.name}（{station.code}），数据目录：{ledger.data_dir}")


def _check(ledger: Ledger, args: argparse.Namespace) -> int:
    report = check_ledger(ledger)
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "events": report.events,
                "records": report.records,
                "attachments": report.attachments,
                "problems": report.problems,
            }
        )
    elif report.ok:
        print(
            f"校验通过：{report.records} 条记录、{report.events} 条履历、"
            f"{report.attachments} 张照片，履历链完整，当前状态与履历一致。"
        )
    else:
        for problem in report.problems:
            print(f"问题：{problem}")
    return 0 if report.ok else 1


def _backup(ledger: Ledger, args: argparse.Namespace) -> None:
    print(f"已备份到：{maintenance.backup(ledger, args.output)}")


def _restore(ledger: Ledger, args: argparse.Namespace) -> None:
    safety = maintenance.restore(ledger, args.file)
    print(f"已从 {args.file} 恢复台账。恢复前的台账已备份到：{safety}")


def _demo(ledger: Ledger, args: argparse.Namespace) -> None:
    summary = create_demo_ledger(ledger)
    if args.json:
        print_json(summary)
    else:
        print(
            f"已生成示例台账：{summary['station']}，{summary['units']} 个单位、"
            f"{summary['hazards']} 条隐患（数据目录：{ledger.data_dir}）"
        )
