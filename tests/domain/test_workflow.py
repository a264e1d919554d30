"""The transition table, exhaustively: every (state, action) pair against the spec."""

import itertools

import pytest

from hazard_ledger.domain.enums import HazardStatus as S
from hazard_ledger.domain.errors import WorkflowError
from hazard_ledger.domain.history import EventFacts, HistoryError, fold
from hazard_ledger.domain.workflow import Action as A
from hazard_ledger.domain.workflow import allowed_actions, is_allowed, next_status

# The closed loop as DESIGN §4 draws it, written out independently of the code.
SPEC = {
    (None, A.RECORD): S.DISCOVERED,
    (S.DISCOVERED, A.ASSIGN): S.ASSIGNED,
    (S.ASSIGNED, A.RECTIFY): S.RECTIFIED,
    (S.RECTIFIED, A.VERIFY_PASS): S.VERIFIED,
    (S.RECTIFIED, A.VERIFY_FAIL): S.ASSIGNED,
    (S.DISCOVERED, A.VOID): S.VOIDED,
    (S.ASSIGNED, A.VOID): S.VOIDED,
    (S.RECTIFIED, A.VOID): S.VOIDED,
    (S.DISCOVERED, A.EDIT): S.DISCOVERED,
    (S.ASSIGNED, A.EDIT): S.ASSIGNED,
    (S.RECTIFIED, A.EDIT): S.RECTIFIED,
    # Voiding the 整改通知书 that assigned a hazard takes its 交办 back.
    (S.ASSIGNED, A.WITHDRAW): S.DISCOVERED,
    # 延期 while being fixed: the status stays; an approval moves the deadline.
    (S.ASSIGNED, A.EXTENSION_REQUEST): S.ASSIGNED,
    (S.ASSIGNED, A.EXTENSION_APPROVE): S.ASSIGNED,
    (S.ASSIGNED, A.EXTENSION_REFUSE): S.ASSIGNED,
}

# Importing (an earlier Excel 台账) lands in the status the sheet shows: outside the table.
PAIRS = list(itertools.product([None, *S], [a for a in A if a is not A.IMPORT]))


@pytest.mark.parametrize(("status", "action"), PAIRS)
def test_every_pair_follows_the_spec(status: S | None, action: A) -> None:
    expected = SPEC.get((status, action))
    assert is_allowed(status, action) is (expected is not None)
    if expected is None:
        with pytest.raises(WorkflowError) as refused:
            next_status(status, action, code="LY-2026-0001")
        assert refused.value.message  # a sentence for the user
        assert "LY-2026-0001" in refused.value.message or status is None
    else:
        assert next_status(status, action) is expected


def test_closed_and_voided_hazards_allow_nothing() -> None:
    assert allowed_actions(S.VERIFIED) == []
    assert allowed_actions(S.VOIDED) == []


def test_refusals_say_why_in_chinese() -> None:
    with pytest.raises(WorkflowError, match="已闭环，不能再作废"):
        next_status(S.VERIFIED, A.VOID, code="LY-2026-0001")
    with pytest.raises(WorkflowError, match="当前状态为“待交办”，不能复查合格（只有“待复查”"):
        next_status(S.DISCOVERED, A.VERIFY_PASS, code="LY-2026-0001")
    with pytest.raises(WorkflowError, match="已作废"):
        next_status(S.VOIDED, A.EDIT, code="LY-2026-0001")


def test_allowed_actions_list_the_steps_offered() -> None:
    assert allowed_actions(S.RECTIFIED) == [A.VERIFY_PASS, A.VERIFY_FAIL, A.VOID, A.EDIT]
    assert allowed_actions(None) == [A.RECORD]
    # Withdrawal follows from voiding a notice; nobody is offered it as a step of its own.
    assert allowed_actions(S.ASSIGNED) == [A.RECTIFY, A.VOID, A.EDIT, A.EXTENSION_REQUEST]


@pytest.mark.parametrize("landing", list(S))
def test_an_import_starts_a_hazard_in_any_status(landing: S) -> None:
    assert is_allowed(None, A.IMPORT)
    assert next_status(None, A.IMPORT, landing=landing) is landing


@pytest.mark.parametrize("status", list(S))
def test_an_import_is_refused_on_a_recorded_hazard(status: S) -> None:
    assert not is_allowed(status, A.IMPORT)
    with pytest.raises(WorkflowError, match="LY-2026-0001 已经登记过，不能再导入"):
        next_status(status, A.IMPORT, code="LY-2026-0001", landing=S.DISCOVERED)


def test_an_import_must_say_where_it_lands_and_is_never_offered() -> None:
    with pytest.raises(WorkflowError, match="状态"):
        next_status(None, A.IMPORT)
    assert all(A.IMPORT not in allowed_actions(s) for s in [None, *S])
    assert A.IMPORT.label == "导入"


def _event(seq: int, kind: str, changes: dict) -> EventFacts:  # type: ignore[type-arg]
    return EventFacts(
        uuid=f"e{seq}",
        station_uuid="s",
        seq=seq,
        record_type="hazard",
        record_uuid="h",
        kind=kind,
        occurred_at="2026-11-18T00:00:00.000000Z",
        actor="测试员",
        payload={"changes": changes},
    )


def test_the_fold_takes_an_imported_hazards_status_from_the_import() -> None:
    state = fold(
        "hazard",
        [
            _event(1, "imported", {"status": "rectified", "code": "LY-2024-0001"}),
            _event(2, "verified", {"status": "verified"}),
        ],
    )
    assert state == {"status": "verified", "code": "LY-2024-0001"}
    with pytest.raises(HistoryError, match="不能再导入"):
        fold(
            "hazard",
            [
                _event(1, "recorded", {"status": "discovered"}),
                _event(2, "imported", {"status": "verified"}),
            ],
        )
    for bad in ({}, {"status": "closed"}):
        with pytest.raises(HistoryError, match="没有有效的状态"):
            fold("hazard", [_event(1, "imported", bad)])
