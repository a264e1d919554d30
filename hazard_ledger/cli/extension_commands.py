"""``hazard extend`` and ``hazard extension approve | refuse``: 延期 of a hazard being fixed.

The deadline moves only when a request is approved; both the request and the decision stay in
the hazard's history. A hazard under 挂牌督办 is extended with ``supervise extend`` instead.
"""

import argparse
import datetime as dt

from hazard_ledger.cli.deadline_options import (
    add_deadline_options,
    deadline_from,
    warn_calendar,
)
from hazard_ledger.cli.output import hazard_json, print_json
from hazard_ledger.domain.validation import parse_date
from hazard_ledger.domain.workflow import Action, next_status
from hazard_ledger.services.extensions import decide_extension, request_extension
from hazard_ledger.services.hazard_queries import show_hazard
from hazard_ledger.services.ledger import Ledger


def register(hazard_commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Registered among the hazard commands (``hazard extend``, ``hazard extension …``)."""
    extend = hazard_commands.add_parser("extend", help="申请延期（批准后才改变整改期限）")
    extend.add_argument("code", metavar="CODE")
    add_deadline_options(extend, "现整改期限", flag="--to", label="申请延至的日期")
    extend.add_argument("--reason", required=True, help="延期理由")
    extend.add_argument("--on", metavar="DATE", help="申请日期（默认今天）")
    extend.add_argument("--json", action="store_true")
    extend.set_defaults(handler=_request)

    extension = hazard_commands.add_parser("extension", help="审批延期申请：批准或不批准")
    decisions = extension.add_subparsers(metavar="DECISION", required=True)
    for name, approve, text in (
        ("approve", True, "批准延期（整改期限改为申请的日期）"),
        ("refuse", False, "不批准延期（整改期限不变）"),
    ):
        decision = decisions.add_parser(name, help=text)
        decision.add_argument("code", metavar="CODE")
        decision.add_argument("--by", required=True, help="审批人")
        decision.add_argument("--opinion", default="", help="审批意见")
        decision.add_argument("--on", metavar="DATE", help="审批日期（默认今天）")
        decision.add_argument("--json", action="store_true")
        decision.set_defaults(handler=_decide, approve=approve)


def _date(text: str | None, label: str) -> dt.date | None:
    return parse_date(text, label=label, field="on") if text is not None else None


def _request(ledger: Ledger, args: argparse.Namespace) -> None:
    on = _date(args.on, "申请日期")
    current = None
    if args.deadline is None:
        # --within counts from the present deadline, which only a hazard being fixed has:
        # the workflow's own refusal says so for any other.
        hazard = show_hazard(ledger, args.code)
        next_status(hazard.status, Action.EXTENSION_REQUEST, code=hazard.code)
        current = hazard.deadline
    to = deadline_from(ledger, args, current)
    request_extension(ledger, args.code, to=to.day, reason=args.reason, on=on)
    detail = show_hazard(ledger, args.code)
    if args.json:
        print_json(hazard_json(detail))
    else:
        print(
            f"已申请延期：{detail.code} 申请延至 {to.day}，待审批"
            f"（现整改期限 {detail.deadline}，批准后才改变）"
        )
    warn_calendar(to)


def _decide(ledger: Ledger, args: argparse.Namespace) -> None:
    deadline = decide_extension(
        ledger,
        args.code,
        approve=args.approve,
        by=args.by,
        on=_date(args.on, "审批日期"),
        opinion=args.opinion,
    )
    detail = show_hazard(ledger, args.code)
    if args.json:
        print_json(hazard_json(detail))
    elif args.approve:
        print(f"已批准延期：{detail.code} 整改期限改为 {deadline}")
    else:
        print(f"未批准延期：{detail.code} 整改期限仍为 {deadline}")
