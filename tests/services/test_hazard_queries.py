"""Listing and searching the ledger: filters, Chinese substring search (FTS5 and LIKE)."""

import datetime as dt
from pathlib import Path

import pytest

from hazard_ledger.db import engine as engine_module
from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.errors import NotFoundError
from hazard_ledger.services import hazards
from hazard_ledger.services.hazard_queries import HazardFilter, list_hazards
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.stations import init_station
from hazard_ledger.services.units import UnitInput, add_unit, edit_unit
from tests.conftest import Clock

D = dt.date


def seed(ledger: Ledger) -> dict[str, str]:
    rows = {
        "a": (
            "鑫源五金厂",
            "配电房内堆放易燃杂物",
            "一楼配电房",
            HazardLevel.GENERAL,
            D(2026, 11, 1),
        ),
        "b": ("鑫源五金厂", "灭火器压力不足", "仓库", HazardLevel.MAJOR, D(2026, 11, 2)),
        "c": (
            "老街小吃店",
            "疏散通道堆放杂物（100%堵塞）",
            "后门",
            HazardLevel.GENERAL,
            D(2026, 11, 3),
        ),
    }
    codes = {}
    for key, (unit, desc, loc, level, found) in rows.items():
        codes[key] = hazards.record_hazard(
            ledger,
            hazards.NewHazard(
                unit=unit, description=desc, location=loc, level=level, found_on=found
            ),
        )
    hazards.assign_hazard(
        ledger, codes["a"], responsible="张", deadline=D(2026, 11, 10), on=D(2026, 11, 1)
    )
    hazards.assign_hazard(
        ledger, codes["b"], responsible="李", deadline=D(2026, 11, 30), on=D(2026, 11, 2)
    )
    return codes


def codes_of(ledger: Ledger, **filters: object) -> list[str]:
    return [row.code for row in list_hazards(ledger, HazardFilter(**filters))]  # type: ignore[arg-type]


def test_filters(ledger: Ledger) -> None:
    c = seed(ledger)
    assert codes_of(ledger) == [c["a"], c["b"], c["c"]]
    assert codes_of(ledger, status=HazardStatus.ASSIGNED) == [c["a"], c["b"]]
    assert codes_of(ledger, status=HazardStatus.DISCOVERED) == [c["c"]]
    assert codes_of(ledger, level=HazardLevel.MAJOR) == [c["b"]]
    assert codes_of(ledger, unit="老街小吃店") == [c["c"]]
    assert codes_of(ledger, village="城东社区") == [c["a"], c["b"]]
    assert codes_of(ledger, overdue=True) == [c["a"]]
    assert codes_of(ledger, due_within=11) == []
    assert codes_of(ledger, due_within=12) == [c["b"]]  # deadline 11-30, today 11-18
    rows = list_hazards(ledger, HazardFilter(overdue=True))
    assert rows[0].overdue_days == 8 and rows[0].unit == "鑫源五金厂"
    with pytest.raises(NotFoundError):
        codes_of(ledger, unit="没有这个单位")


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("配电房", ["a"]),  # 3 characters: FTS5 trigram
        ("电房", ["a"]),  # 2 characters: LIKE
        ("灭", ["b"]),
        ("杂物", ["a", "c"]),
        ("堆放 配电", ["a"]),  # every word must match
        ("小吃店", ["c"]),  # the unit's name
        ("0002", ["b"]),  # the code
        ("100%", ["c"]),  # LIKE wildcards are literal
        ('"配电', []),  # FTS5 syntax is taken literally: no error, no match
        ("配电房 OR", []),
        ("不存在的内容", []),
    ],
)
def test_search_finds_chinese_substrings(ledger: Ledger, query: str, keys: list[str]) -> None:
    c = seed(ledger)
    assert codes_of(ledger, search=query) == [c[k] for k in keys]


def test_search_follows_edits_and_unit_renames(ledger: Ledger) -> None:
    c = seed(ledger)
    hazards.edit_hazard(ledger, c["b"], hazards.HazardEdit(description="消防水泵房阀门关闭"))
    assert codes_of(ledger, search="消防水泵房") == [c["b"]]
    assert codes_of(ledger, search="灭火器") == []
    edit_unit(ledger, "老街小吃店", UnitInput(name="罗阳老街餐饮店"))
    assert codes_of(ledger, search="老街餐饮") == [c["c"]]


def test_search_without_fts5_falls_back_to_like(tmp_path: Path, clock: Clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(engine_module, "fts5_trigram_available", lambda: False)
    with Ledger(tmp_path / "nofts", operator="测试员", today=clock) as ledger:
        init_station(ledger, code="LY", name="罗阳镇应急消防管理站")
        add_unit(ledger, UnitInput(name="鑫源五金厂", village="城东社区"))
        add_unit(ledger, UnitInput(name="老街小吃店"))
        with ledger.read() as session:
            from hazard_ledger.services.search import fts_available

            assert not fts_available(session)
        c = seed(ledger)
        assert codes_of(ledger, search="配电房") == [c["a"]]
        assert codes_of(ledger, search="杂物") == [c["a"], c["c"]]


def test_sorting_paging_and_counts(ledger: Ledger) -> None:
    from hazard_ledger.services.hazard_queries import count_by_status, filter_choices

    c = seed(ledger)
    by_deadline = [r.code for r in list_hazards(ledger, sort="deadline", descending=True)]
    assert by_deadline[:2] == [c["b"], c["a"]]  # NULL deadline sorts first ascending in SQLite
    most_overdue = list_hazards(ledger, sort="overdue_days", descending=True)
    assert [r.code for r in most_overdue] == [c["a"], c["b"], c["c"]]
    assert most_overdue[0].overdue_days == 8
    page = list_hazards(ledger, sort="code", limit=2, offset=1)
    assert [r.code for r in page] == [c["b"], c["c"]]
    counts = count_by_status(ledger, HazardFilter(status=HazardStatus.VERIFIED))
    assert counts[HazardStatus.ASSIGNED] == 2 and counts[HazardStatus.DISCOVERED] == 1
    assert counts[HazardStatus.VERIFIED] == 0
    assert count_by_status(ledger, HazardFilter(search="杂物"))[HazardStatus.ASSIGNED] == 1
    choices = filter_choices(ledger)
    assert choices["villages"] == ["城东社区", "罗阳村"]
