"""The ledger filter options, one definition for every command that selects hazards
(``hazard list``, ``report ledger``; the Excel export of issue 6 will use it too)."""

import argparse

from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.services.hazard_queries import HazardFilter
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.preferences import load_preferences

STATUSES = [status.value for status in HazardStatus]


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--status", choices=STATUSES)
    parser.add_argument("--level", help="一般 或 重大")
    parser.add_argument("--unit", default="", help="单位名称或统一社会信用代码")
    parser.add_argument("--industry", default="", help="行业领域")
    parser.add_argument("--village", default="", help="村(社区)")
    parser.add_argument("--station", default="", help="站点简码（县级台账）")
    parser.add_argument("--search", default="", help="全文查找（描述、部位、单位、编号）")
    parser.add_argument("--overdue", action="store_true", help="只列逾期未整改的")
    soon = parser.add_mutually_exclusive_group()
    soon.add_argument("--due-within", type=int, metavar="N", help="只列 N 天内到期的（临期）")
    soon.add_argument(
        "--due-soon", action="store_true", help="只列临期的（天数按“设置 → 本站”的临期提醒天数）"
    )
    parser.add_argument("--supervised", action="store_true", help="只列挂牌督办中（未销号）的")
    parser.add_argument(
        "--closure-exceeded",
        action="store_true",
        help="闭环超期：只列超过闭环时限仍未闭环的（3030）",
    )
    parser.add_argument(
        "--verification-overdue",
        action="store_true",
        help="复查超期：只列整改完成后超过复查时限仍未复查的",
    )


def filter_from(ledger: Ledger, args: argparse.Namespace) -> HazardFilter:
    """The HazardFilter the options name (``--due-soon`` reads the ledger's 临期 days)."""
    if args.due_within is not None and args.due_within < 0:
        raise ValidationError("--due-within 的天数不能为负数。", field="due_within")
    due_within = args.due_within
    if args.due_soon:
        due_within = load_preferences(ledger).due_soon_days
    return HazardFilter(
        status=HazardStatus(args.status) if args.status else None,
        level=HazardLevel.parse(args.level) if args.level else None,
        unit=args.unit,
        industry=args.industry,
        village=args.village,
        station=args.station,
        search=args.search,
        overdue=args.overdue,
        due_within=due_within,
        supervised=args.supervised,
        closure_exceeded=args.closure_exceeded,
        verification_overdue=args.verification_overdue,
    )
