"""``unit add | edit | list`` (``import`` is registered here from import_commands)."""

import argparse

from hazard_ledger.cli import import_commands
from hazard_ledger.cli.output import print_json, print_table, unit_json
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.units import UnitInput, add_unit, edit_unit, list_units


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    unit = commands.add_parser("unit", help="生产经营单位：登记、修改、列表")
    sub = unit.add_subparsers(metavar="ACTION", required=True)

    add = sub.add_parser("add", help="登记单位")
    add.add_argument("--name", required=True, help="单位名称")
    _detail_options(add)
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=_add)

    edit = sub.add_parser("edit", help="修改单位信息")
    edit.add_argument("ref", metavar="UNIT", help="单位名称、统一社会信用代码或 uuid")
    edit.add_argument("--name", help="新的单位名称")
    _detail_options(edit)
    edit.add_argument("--json", action="store_true")
    edit.set_defaults(handler=_edit)

    listing = sub.add_parser("list", help="列出单位")
    listing.add_argument("--search", default="", help="按名称、信用代码、村(社区)、地址查找")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list, writes=False)

    import_commands.register_unit(sub)


def _detail_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--credit-code", help="统一社会信用代码（18 位）")
    parser.add_argument("--industry", help="行业领域")
    parser.add_argument("--village", help="村(社区)")
    parser.add_argument("--address", help="地址")
    parser.add_argument("--contact", help="联系人")
    parser.add_argument("--phone", help="联系电话")


def _input(args: argparse.Namespace) -> UnitInput:
    return UnitInput(
        name=args.name,
        credit_code=args.credit_code,
        industry=args.industry,
        village=args.village,
        address=args.address,
        contact=args.contact,
        phone=args.phone,
    )


def _add(ledger: Ledger, args: argparse.Namespace) -> None:
    unit = add_unit(ledger, _input(args))
    if args.json:
        print_json(unit_json(unit))
    else:
        print(f"已登记单位：{unit.name}")


def _edit(ledger: Ledger, args: argparse.Namespace) -> None:
    unit = edit_unit(ledger, args.ref, _input(args))
    if args.json:
        print_json(unit_json(unit))
    else:
        print(f"已保存单位：{unit.name}")


def _list(ledger: Ledger, args: argparse.Namespace) -> None:
    units = list_units(ledger, args.search)
    if args.json:
        print_json({"units": [unit_json(u) for u in units], "count": len(units)})
        return
    print_table(
        ["单位名称", "统一社会信用代码", "行业领域", "村(社区)", "在改/全部"],
        [
            [
                u.name,
                u.credit_code or "",
                u.industry,
                u.village,
                f"{u.open_hazards}/{u.total_hazards}",
            ]
            for u in units
        ],
        [32, 18, 20, 12, 9],
    )
    print(f"共 {len(units)} 个单位")
