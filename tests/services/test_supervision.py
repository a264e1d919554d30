"""挂牌督办 and 延期 through the services: whole flows, the guards, and the history."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from hazard_ledger.db.models import Event
from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.errors import ValidationError, WorkflowError
from hazard_ledger.domain.supervision import SupervisionStatus
from hazard_ledger.services import hazards
from hazard_ledger.services.extensions import decide_extension, request_extension
from hazard_ledger.services.hazard_queries import show_hazard
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.supervision import (
    apply_acceptance,
    decide_acceptance,
    delist,
    extend_supervision,
    get_supervision,
    list_hazard,
    register_plan,
    report_progress,
)

D = dt.date


def record(ledger: Ledger, level: HazardLevel = HazardLevel.MAJOR) -> str:
    return hazards.record_hazard(
        ledger,
        hazards.NewHazard(
            unit="鑫源五金厂",
            description="喷漆房未设置可燃气体报警装置",
            level=level,
            found_on=D(2026, 11, 2),
        ),
    )


def listed(ledger: Ledger) -> str:
    code = record(ledger)
    list_hazard(
        ledger,
        code,
        level="县级",
        authority="泰顺县安委会",
        supervisor="县应急管理局",
        doc_no="泰安委〔2026〕8号",
        listed_on=D(2026, 11, 3),
        deadline=D(2027, 1, 31),
    )
    return code


def plan(ledger: Ledger, code: str) -> None:
    register_plan(
        ledger,
        code,
        responsibility="鑫源五金厂 张国强",
        measures="加装可燃气体报警装置并与排风联锁",
        funds_fen=1_200_000,
        deadline=D(2026, 12, 31),
        contingency="喷漆作业暂停，配备灭火器材，制定专项应急预案",
    )


def events(ledger: Ledger) -> int:
    with ledger.read() as session:
        return session.scalar(select(func.count(Event.id))) or 0


def test_the_whole_flow_from_listing_to_delisting(ledger: Ledger, photo) -> None:  # type: ignore[no-untyped-def]
    code = listed(ledger)
    assert get_supervision(ledger, code).status is SupervisionStatus.LISTED  # type: ignore[union-attr]
    plan(ledger, code)
    # The plan of a hazard not yet assigned is its 交办.
    detail = show_hazard(ledger, code)
    assert detail.status is HazardStatus.ASSIGNED and detail.deadline == D(2026, 12, 31)
    report_progress(ledger, code, note="报警装置已采购", on=D(2026, 11, 10), photos=[photo])
    extend_supervision(ledger, code, to=D(2027, 2, 28), reason="设备到货延迟")
    apply_acceptance(ledger, code, on=D(2026, 11, 15))
    assert show_hazard(ledger, code).status is HazardStatus.RECTIFIED
    decide_acceptance(
        ledger, code, passed=False, by="县应急管理局", on=D(2026, 11, 16), opinion="联锁未调试"
    )
    assert show_hazard(ledger, code).status is HazardStatus.ASSIGNED  # back to rectification
    assert get_supervision(ledger, code).status is SupervisionStatus.PLANNED  # type: ignore[union-attr]
    apply_acceptance(ledger, code, on=D(2026, 11, 17))
    decide_acceptance(ledger, code, passed=True, by="县应急管理局", on=D(2026, 11, 17))
    delist(ledger, code, on=D(2026, 11, 18))
    view = get_supervision(ledger, code)
    assert view is not None and view.status is SupervisionStatus.DELISTED
    assert view.deadline == D(2027, 2, 28) and view.plan_funds_fen == 1_200_000
    assert [(p.on, p.note, p.photos) for p in view.progress] == [
        (D(2026, 11, 10), "报警装置已采购", 1)
    ]
    closed = show_hazard(ledger, code)
    assert closed.status is HazardStatus.VERIFIED and closed.verified_by == "县应急管理局"
    assert closed.verified_on == D(2026, 11, 18)
    assert check_ledger(ledger).ok, check_ledger(ledger).problems


def test_a_general_hazard_cannot_be_listed(ledger: Ledger) -> None:
    code = record(ledger, HazardLevel.GENERAL)
    before = events(ledger)
    with pytest.raises(WorkflowError, match="一般隐患"):
        list_hazard(
            ledger, code, level="县级", authority="县安委会", doc_no="1号", deadline=D(2027, 1, 1)
        )
    assert events(ledger) == before and get_supervision(ledger, code) is None


def test_a_listed_hazard_cannot_be_closed_voided_or_downgraded_before_delisting(
    ledger: Ledger,
) -> None:
    code = listed(ledger)
    plan(ledger, code)
    with pytest.raises(WorkflowError, match="申请验收"):
        hazards.rectify_hazard(ledger, code, measures="已加装")
    apply_acceptance(ledger, code, on=D(2026, 11, 15))
    before = events(ledger)
    with pytest.raises(WorkflowError, match="销号后才能闭环"):
        hazards.verify_hazard(ledger, code, by="李晓峰", passed=True)
    with pytest.raises(WorkflowError, match="验收办理"):
        hazards.verify_hazard(ledger, code, by="李晓峰", passed=False)
    with pytest.raises(WorkflowError, match="先销号"):
        hazards.void_hazard(ledger, code, reason="误报")
    with pytest.raises(ValidationError, match="不能改为一般隐患"):
        hazards.edit_hazard(ledger, code, hazards.HazardEdit(level=HazardLevel.GENERAL))
    with pytest.raises(WorkflowError, match="验收通过"):
        delist(ledger, code)  # not accepted yet
    assert events(ledger) == before
    assert show_hazard(ledger, code).status is HazardStatus.RECTIFIED


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (lambda lg, c: apply_acceptance(lg, c), "五落实已登记"),
        (lambda lg, c: decide_acceptance(lg, c, passed=True, by="县局"), "已申请验收"),
        (lambda lg, c: delist(lg, c), "验收通过"),
    ],
)
def test_steps_out_of_order_are_refused(ledger: Ledger, step, message) -> None:  # type: ignore[no-untyped-def]
    code = listed(ledger)
    before = events(ledger)
    with pytest.raises(WorkflowError, match=message):
        step(ledger, code)
    assert events(ledger) == before


def test_bad_listing_input_is_refused(ledger: Ledger) -> None:
    code = record(ledger)
    with pytest.raises(ValidationError, match="挂牌级别"):
        list_hazard(ledger, code, level="乡级", authority="x", doc_no="1", deadline=D(2027, 1, 1))
    with pytest.raises(ValidationError, match="督办期限"):
        list_hazard(
            ledger,
            code,
            level="县级",
            authority="x",
            doc_no="1",
            listed_on=D(2026, 11, 10),
            deadline=D(2026, 11, 9),
        )
    with pytest.raises(WorkflowError, match="未挂牌督办"):
        report_progress(ledger, code, note="进展")
    assert check_ledger(ledger).ok


def test_an_extension_moves_the_deadline_only_when_approved(ledger: Ledger) -> None:
    code = record(ledger, HazardLevel.GENERAL)
    hazards.assign_hazard(
        ledger, code, responsible="张国强", deadline=D(2026, 11, 20), on=D(2026, 11, 3)
    )
    request_extension(ledger, code, to=D(2026, 12, 10), reason="配件缺货")
    pending = show_hazard(ledger, code)
    assert pending.deadline == D(2026, 11, 20)
    with pytest.raises(WorkflowError, match="待审批"):
        request_extension(ledger, code, to=D(2026, 12, 20), reason="再延")
    decide_extension(ledger, code, approve=False, by="站长")
    assert show_hazard(ledger, code).deadline == D(2026, 11, 20)
    with pytest.raises(WorkflowError, match="没有待审批"):
        decide_extension(ledger, code, approve=True, by="站长")
    request_extension(ledger, code, to=D(2026, 12, 10), reason="配件缺货，已订货")
    assert decide_extension(ledger, code, approve=True, by="站长") == D(2026, 12, 10)
    detail = show_hazard(ledger, code)
    assert detail.deadline == D(2026, 12, 10)
    assert [e.label for e in detail.history][-4:] == [
        "申请延期",
        "不批准延期",
        "申请延期",
        "批准延期",
    ]
    assert check_ledger(ledger).ok


def test_extension_guards(ledger: Ledger) -> None:
    code = record(ledger, HazardLevel.GENERAL)
    with pytest.raises(WorkflowError, match="整改中"):
        request_extension(ledger, code, to=D(2026, 12, 10), reason="x")
    hazards.assign_hazard(ledger, code, responsible="张国强", deadline=D(2026, 11, 20))
    with pytest.raises(ValidationError, match="应晚于"):
        request_extension(ledger, code, to=D(2026, 11, 19), reason="x")
    request_extension(ledger, code, to=D(2026, 12, 10), reason="x")
    hazards.rectify_hazard(ledger, code, measures="已整改")  # the request lapses
    assert show_hazard(ledger, code).status is HazardStatus.RECTIFIED
    major = listed(ledger)
    plan(ledger, major)
    with pytest.raises(WorkflowError, match="挂牌督办"):
        request_extension(ledger, major, to=D(2027, 3, 1), reason="x")
    assert check_ledger(ledger).ok


def test_listing_lets_a_pending_extension_lapse(ledger: Ledger) -> None:
    code = record(ledger)
    hazards.assign_hazard(
        ledger, code, responsible="张国强", deadline=D(2026, 11, 20), on=D(2026, 11, 3)
    )
    request_extension(ledger, code, to=D(2026, 12, 10), reason="配件缺货")
    list_hazard(
        ledger, code, level="县级", authority="县安委会", doc_no="1号", deadline=D(2027, 1, 1)
    )
    detail = show_hazard(ledger, code)
    assert detail.extension_to is None and detail.deadline == D(2026, 11, 20)
    assert [e.label for e in detail.history][-2:] == ["挂牌督办", "不批准延期"]
    assert check_ledger(ledger).ok
