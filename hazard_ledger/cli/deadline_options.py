"""``--deadline DATE | --within N [--working-days]``, shared by every command that sets a date
by counting days: hazard assign, notice issue, the 延期 of a hazard and of a 挂牌督办
(``--to DATE | --within N``), and the 督办期限 of a listing.

Working days are counted on the ledger's holiday calendar (法定节假日 and 调休, services.calendar);
a count that crosses a year the calendar has no schedule for says so on stderr.
"""

import argparse
import datetime as dt
import sys

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.domain.validation import parse_date
from hazard_ledger.services.calendar import Deadline, deadline_after
from hazard_ledger.services.ledger import Ledger


def add_deadline_options(
    parser: argparse.ArgumentParser,
    counted_from: str,
    *,
    flag: str = "--deadline",
    label: str = "整改期限",
) -> None:
    """``flag DATE`` or ``--within N [--working-days]`` counted from ``counted_from``; exactly
    one of the two is required. The date lands in ``args.deadline`` whatever ``flag`` is."""
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument(flag, dest="deadline", metavar="YYYY-MM-DD", help=label)
    when.add_argument("--within", type=int, metavar="N", help=f"自{counted_from}起 N 天内")
    parser.add_argument(
        "--working-days", action="store_true", help="--within 按工作日计（扣除法定节假日，含调休）"
    )
    parser.set_defaults(deadline_label=label, deadline_flag=flag)


def deadline_from(ledger: Ledger, args: argparse.Namespace, start: dt.date | None) -> Deadline:
    """The date the options name: the given date, or N calendar or working days after ``start``
    for --within (``start`` may only be None when the caller knows --within was not used).

    The calendar's warning, if any, is for the caller to print with ``warn_calendar`` once the
    command succeeded (a refused command prints its one error line only)."""
    if args.deadline is not None:
        if args.working_days:
            raise ValidationError(
                f"--working-days 只与 --within 一起使用（不能与 {args.deadline_flag} 同用）。",
                field="working_days",
            )
        return Deadline(parse_date(args.deadline, label=args.deadline_label, field="deadline"))
    assert start is not None, "--within needs a start date"
    return deadline_after(ledger, start, args.within, working_days=args.working_days)


def warn_calendar(deadline: Deadline) -> None:
    """Say on stderr that a working-day count crossed a year without a holiday schedule."""
    if deadline.warning:
        hint = "命令行可用 calendar set YEAR --holidays … 添加"
        print(f"注意：{deadline.warning}（{hint}）", file=sys.stderr)
