import dataclasses

import pytest

from hazard_ledger.domain.history import GENESIS_HASH, EventFacts, HistoryError, fold


def event(seq: int, kind: str, changes: dict, record_type: str = "hazard") -> EventFacts:
    return EventFacts(
        uuid=f"e{seq}",
        station_uuid="s",
        seq=seq,
        record_type=record_type,
        record_uuid="h",
        kind=kind,
        occurred_at="2026-11-18T00:00:00.000000Z",
        actor="测试员",
        payload={"changes": changes},
    )


def test_hash_covers_every_field_and_the_previous_hash() -> None:
    base = event(1, "recorded", {"status": "discovered"})
    h = base.chained_hash(GENESIS_HASH)
    assert len(h) == 64
    assert base.chained_hash("f" * 64) != h
    for name, value in [
        ("actor", "别人"),
        ("kind", "assigned"),
        ("seq", 2),
        ("payload", {"changes": {"status": "assigned"}}),
    ]:
        assert dataclasses.replace(base, **{name: value}).chained_hash(GENESIS_HASH) != h


def test_canonical_json_is_stable_and_keeps_chinese() -> None:
    a = event(1, "recorded", {"b": 1, "a": "配电房"})
    b = event(1, "recorded", {"a": "配电房", "b": 1})
    assert a.canonical_json() == b.canonical_json()
    assert "配电房" in a.canonical_json()


def test_fold_applies_changes_in_order() -> None:
    state = fold(
        "hazard",
        [
            event(1, "recorded", {"status": "discovered", "code": "LY-2026-0001", "x": 1}),
            event(2, "assigned", {"status": "assigned", "deadline": "2026-12-01"}),
            event(3, "edited", {"x": 2}),
        ],
    )
    assert state == {"status": "assigned", "code": "LY-2026-0001", "x": 2, "deadline": "2026-12-01"}


def test_fold_refuses_a_forbidden_step() -> None:
    with pytest.raises(HistoryError, match="不能"):
        fold(
            "hazard",
            [
                event(1, "recorded", {"status": "discovered"}),
                event(2, "verified", {"status": "verified"}),
            ],
        )


def test_fold_refuses_a_status_that_contradicts_the_table() -> None:
    with pytest.raises(HistoryError, match="状态与流程不符"):
        fold("hazard", [event(1, "recorded", {"status": "assigned"})])


def test_fold_refuses_unknown_kinds_and_edits_before_creation() -> None:
    with pytest.raises(HistoryError):
        fold("unit", [event(1, "deleted", {})])
    with pytest.raises(HistoryError, match="创建之前"):
        fold(
            "unit",
            [event(1, "edited", {"name": "x"})],
        )
