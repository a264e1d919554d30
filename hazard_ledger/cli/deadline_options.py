"""``--deadline DATE | --within N [--working-days]``, shared by every command that sets a deadline
(hazard assign, notice issue; the extension commands of issue 5 will use it too)."""

import argparse
import datetime as dt

from hazard_ledger.domain.deadlines import add_days
from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.domain.validation import parse_date


def add_deadline_options(parser: argparse.ArgumentParser, counted_from: str) -> None:
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--deadline", metavar="YYYY-MM-DD", help="整改期限")
    when.add_argument("--within", type=int, metavar="N", help=f"自{counted_from}起 N 天内")
    parser.add_argument("--working-days", action="store_true", help="--within 按工作日计")


def deadline_from(args: argparse.Namespace, start: dt.date) -> dt.date:
    """The deadline the options name, N days counted from ``start`` for --within."""
    if args.deadline is not None:
        if args.working_days:
            raise ValidationError("--working-days 只与 --within 一起使用。")
        return parse_date(args.deadline, label="整改期限", field="deadline")
    return add_days(start, args.within, working_days=args.working_days)
