"""Clocks, supervision and 延期 as the ledger list, the hazard detail, the reminders and the
overview show them; the clock filters agree with each row's own clocks."""

import datetime as dt

from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.services import hazards
from hazard_ledger.services.extensions import request_extension
from hazard_ledger.services.hazard_queries import (
    HazardFilter,
    count_by_status,
    list_hazards,
    show_hazard,
)
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.overview import overview
from hazard_ledger.services.reminders import reminders
from hazard_ledger.services.supervision import list_hazard, register_plan
from tests.conftest import TODAY

D = dt.date


def record(ledger: Ledger, found: dt.date, level: HazardLevel = HazardLevel.GENERAL) -> str:
    return hazards.record_hazard(
        ledger,
        hazards.NewHazard(
            unit="鑫源五金厂", description="配电房堆放杂物", level=level, found_on=found
        ),
    )


def make_ledger(ledger: Ledger) -> dict[str, str]:
    """TODAY is Wednesday 2026-11-18; the default profile closes within 30 days."""
    assert D(2026, 11, 18) == TODAY
    codes = {
        "old_open": record(ledger, D(2026, 10, 1)),  # due 10-31: exceeded
        "fresh": record(ledger, D(2026, 11, 17)),
        "fixed_long_ago": record(ledger, D(2026, 10, 20)),
        "fixed_today": record(ledger, D(2026, 11, 10)),
        "listed": record(ledger, D(2026, 11, 2), HazardLevel.MAJOR),
        "overdue": record(ledger, D(2026, 11, 2)),
    }
    for key in ("fixed_long_ago", "fixed_today", "overdue"):
        hazards.assign_hazard(
            ledger, codes[key], responsible="张国强", deadline=D(2026, 11, 16), on=D(2026, 11, 10)
        )
    hazards.rectify_hazard(
        ledger, codes["fixed_long_ago"], measures="已整改", done_on=D(2026, 11, 11)
    )
    hazards.rectify_hazard(ledger, codes["fixed_today"], measures="已整改")
    list_hazard(
        ledger,
        codes["listed"],
        level="县级",
        authority="县安委会",
        doc_no="泰安委〔2026〕8号",
        listed_on=D(2026, 11, 3),
        deadline=D(2026, 11, 20),
    )
    register_plan(
        ledger,
        codes["listed"],
        responsibility="张国强",
        measures="加装报警",
        funds_fen=100,
        deadline=D(2026, 11, 19),
        contingency="停用",
    )
    return codes


def codes_of(ledger: Ledger, filters: HazardFilter) -> set[str]:
    return {row.code for row in list_hazards(ledger, filters)}


def test_clock_filters_agree_with_the_rows_clocks(ledger: Ledger) -> None:
    codes = make_ledger(ledger)
    rows = {row.code: row for row in list_hazards(ledger)}
    exceeded = {c for c, r in rows.items() if r.clocks.closure_exceeded and r.status.is_open}
    assert exceeded == {codes["old_open"]}
    assert codes_of(ledger, HazardFilter(closure_exceeded=True)) == exceeded
    # Fixed 11-11 (Wed): 复查 due by Monday 11-16, overdue today. Fixed today: not yet.
    late = {c for c, r in rows.items() if r.clocks.verification_overdue}
    assert late == {codes["fixed_long_ago"]}
    assert codes_of(ledger, HazardFilter(verification_overdue=True)) == late
    assert codes_of(ledger, HazardFilter(supervised=True)) == {codes["listed"]}
    assert sum(count_by_status(ledger, HazardFilter(supervised=True)).values()) == 1
    listed = rows[codes["listed"]]
    assert listed.listed and listed.supervision == "planned"
    assert listed.supervision_deadline == D(2026, 11, 20)
    assert rows[codes["overdue"]].overdue_days == 2 and not rows[codes["overdue"]].listed


def test_the_detail_carries_clocks_supervision_and_a_pending_extension(ledger: Ledger) -> None:
    codes = make_ledger(ledger)
    request_extension(ledger, codes["overdue"], to=D(2026, 12, 1), reason="配件缺货")
    detail = show_hazard(ledger, codes["overdue"])
    assert detail.extension_to == D(2026, 12, 1) and detail.extension_reason == "配件缺货"
    assert detail.profile.startswith("3030") and detail.clocks.overdue_days == 2
    assert detail.history[-1].label == "申请延期"
    listed = show_hazard(ledger, codes["listed"])
    assert listed.listed and listed.supervision is not None
    assert listed.supervision.doc_no == "泰安委〔2026〕8号"
    # The supervision's steps are part of the hazard's history, in order.
    assert [e.label for e in listed.history] == ["登记", "挂牌督办", "登记五落实", "交办"]
    assert listed.history[-1].details == {"supervision": "泰安委〔2026〕8号"}


def test_reminders_put_listed_hazards_first(ledger: Ledger) -> None:
    codes = make_ledger(ledger)
    found = reminders(ledger, due_soon_days=3)
    assert [r.code for r in found.supervised] == [codes["listed"]]
    assert [r.code for r in found.overdue] == [codes["overdue"]]
    # The listed hazard is due 11-19 (tomorrow) and comes first.
    assert [r.code for r in found.due_soon][:1] == [codes["listed"]]
    assert [r.code for r in found.verification_overdue] == [codes["fixed_long_ago"]]
    assert [r.code for r in found.closure_exceeded] == [codes["old_open"]]
    assert not found.empty


def test_the_overview_counts_the_clocks(ledger: Ledger) -> None:
    make_ledger(ledger)
    figures = overview(ledger)
    assert figures.profile.startswith("3030")
    assert (figures.supervised, figures.closure_exceeded, figures.verification_overdue) == (1, 1, 1)
    # 待交办: 'old_open' (since 10-01) and 'fresh' (11-17, due by the end of 11-18) — one late.
    assert figures.response_late == 1
    assert D(2026, 11, 18) == TODAY
    assert reminders(ledger).due_soon_days == 3
    assert show_hazard(ledger, list_hazards(ledger)[0].code).status is HazardStatus.DISCOVERED
