"""A county ledger: this install's station and one imported from a township's sync package.
The overview's figures for one station, for all of them, and a line per station."""

import datetime as dt

import pytest

from hazard_ledger.db.models import Hazard, Station, Supervision, Unit
from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.errors import NotFoundError
from hazard_ledger.services import hazards
from hazard_ledger.services.hazard_queries import HazardFilter, list_hazards, show_hazard
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.overview import overview
from hazard_ledger.services.stations import list_stations

D = dt.date
IMPORTED = "SQ"
IMPORTED_NAME = "司前畲族镇应急消防管理站"


def add_imported_station(ledger: Ledger) -> None:
    """Station SQ as an import leaves it (rows only: no events, which only ``check`` needs):
    SQ-2026-0001 being fixed and overdue (deadline 11-12, today 11-18), 0002 closed,
    0003 重大 and under 挂牌督办, 0004 voided; all of one unit, 司前竹木加工厂."""
    with ledger.write() as session:
        station = Station(
            code=IMPORTED,
            name=IMPORTED_NAME,
            township="司前畲族镇",
            county="泰顺县",
            doc_prefix="司",
            is_local=False,
        )
        session.add(station)
        session.flush()
        unit = Unit(
            station_uuid=station.uuid,
            name="司前竹木加工厂",
            industry="工贸（木材加工）",
            village="司前村",
            contact="吴建国",
        )
        session.add(unit)
        session.flush()
        common = {
            "station_uuid": station.uuid,
            "unit_uuid": unit.uuid,
            "industry": "工贸（木材加工）",
            "inspector": "雷振华",
        }
        rows = [
            Hazard(
                code="SQ-2026-0001",
                status="assigned",
                level="general",
                description="木材堆垛占用消防车通道",
                location="厂区",
                found_on=D(2026, 11, 2),
                responsible="吴建国",
                assigned_on=D(2026, 11, 3),
                deadline=D(2026, 11, 12),
                **common,
            ),
            Hazard(
                code="SQ-2026-0002",
                status="verified",
                level="general",
                description="车间电线私拉乱接",
                found_on=D(2026, 11, 3),
                responsible="吴建国",
                assigned_on=D(2026, 11, 3),
                deadline=D(2026, 11, 10),
                measures="已重新布线",
                rectified_on=D(2026, 11, 8),
                verified_by="雷振华",
                verified_on=D(2026, 11, 9),
                verification_result="pass",
                **common,
            ),
            Hazard(
                code="SQ-2026-0003",
                status="assigned",
                level="major",
                description="喷漆房未设置防爆电气",
                location="喷漆房",
                found_on=D(2026, 11, 4),
                responsible="吴建国",
                assigned_on=D(2026, 11, 4),
                deadline=D(2026, 12, 20),
                **common,
            ),
            Hazard(
                code="SQ-2026-0004",
                status="voided",
                level="general",
                description="重复登记",
                found_on=D(2026, 11, 5),
                void_reason="与 SQ-2026-0001 重复",
                **common,
            ),
        ]
        session.add_all(rows)
        session.flush()
        session.add(
            Supervision(
                station_uuid=station.uuid,
                hazard_uuid=rows[2].uuid,
                status="planned",
                level="县级",
                authority="泰顺县安全生产委员会",
                supervisor="泰顺县应急管理局",
                doc_no="泰安委〔2026〕15号",
                listed_on=D(2026, 11, 6),
                deadline=D(2026, 12, 20),
            )
        )


@pytest.fixture
def county(ledger: Ledger) -> Ledger:
    """This station (LY): 0001 overdue, 0002 待交办 and 重大, 0003 closed; plus station SQ."""
    a = hazards.record_hazard(
        ledger,
        hazards.NewHazard(unit="鑫源五金厂", description="配电房堆放杂物", found_on=D(2026, 11, 1)),
    )
    hazards.assign_hazard(
        ledger, a, responsible="张国强", deadline=D(2026, 11, 10), on=D(2026, 11, 2)
    )
    hazards.record_hazard(
        ledger,
        hazards.NewHazard(
            unit="老街小吃店",
            description="灭火器压力不足",
            level=HazardLevel.MAJOR,
            found_on=D(2026, 11, 5),
        ),
    )
    c = hazards.record_hazard(
        ledger,
        hazards.NewHazard(unit="老街小吃店", description="疏散通道堵塞", found_on=D(2026, 11, 6)),
    )
    hazards.assign_hazard(
        ledger, c, responsible="陈志强", deadline=D(2026, 11, 30), on=D(2026, 11, 6)
    )
    hazards.rectify_hazard(ledger, c, measures="已清理", done_on=D(2026, 11, 8))
    hazards.verify_hazard(ledger, c, by="李晓峰", passed=True, on=D(2026, 11, 9))
    add_imported_station(ledger)
    return ledger


def test_the_stations_come_local_first_with_their_hazard_counts(county: Ledger) -> None:
    stations = list_stations(county)
    assert [(s.code, s.is_local) for s in stations] == [("LY", True), (IMPORTED, False)]
    assert [(s.total_hazards, s.open_hazards) for s in stations] == [(3, 2), (3, 2)]
    assert stations[1].name == IMPORTED_NAME


def test_a_station_without_hazards_is_listed_with_none(ledger: Ledger) -> None:
    [station] = list_stations(ledger)
    assert (station.code, station.total_hazards, station.open_hazards) == ("LY", 0, 0)


def test_the_overview_of_all_stations_sums_them(county: Ledger) -> None:
    figures = overview(county)
    assert figures.station_code == ""
    assert figures.by_status == {
        HazardStatus.DISCOVERED: 1,
        HazardStatus.ASSIGNED: 3,
        HazardStatus.RECTIFIED: 0,
        HazardStatus.VERIFIED: 2,
        HazardStatus.VOIDED: 1,
    }
    assert (figures.found, figures.closed) == (6, 2)
    assert figures.by_level[HazardLevel.MAJOR] == 2
    assert [r.code for r in figures.overdue] == ["LY-2026-0001", "SQ-2026-0001"]
    assert figures.overdue_count == 2 and figures.supervised == 1
    assert {i.industry for i in figures.by_industry} >= {"工贸（木材加工）"}


def test_the_overview_of_one_station_counts_only_its_hazards(county: Ledger) -> None:
    imported = overview(county, station_code="sq")  # codes are matched as typed or not
    assert imported.station_code == IMPORTED
    assert imported.by_status[HazardStatus.ASSIGNED] == 2
    assert imported.by_status[HazardStatus.VOIDED] == 1
    assert (imported.found, imported.closed) == (3, 1)
    assert imported.rectification_rate == pytest.approx(1 / 3)
    assert [r.code for r in imported.overdue] == ["SQ-2026-0001"]
    assert (imported.supervised, imported.overdue_count) == (1, 1)
    assert [i.industry for i in imported.by_industry] == ["工贸（木材加工）"]
    local = overview(county, station_code="LY")
    assert (local.found, local.closed, local.supervised) == (3, 1, 0)
    assert [r.code for r in local.overdue] == ["LY-2026-0001"]
    assert local.by_level[HazardLevel.MAJOR] == 1
    assert local.response_late == 1  # LY-2026-0002, 待交办 since 11-05
    assert imported.response_late == 0


def test_every_station_has_a_line_whatever_the_choice(county: Ledger) -> None:
    for code in ("", "LY", IMPORTED):
        lines = overview(county, station_code=code).by_station
        assert [
            (s.code, s.is_local, s.found, s.closed, s.overdue, s.supervised) for s in lines
        ] == [("LY", True, 3, 1, 1, 0), (IMPORTED, False, 3, 1, 1, 1)]
    assert lines[1].rectification_rate == pytest.approx(1 / 3)


def test_an_unknown_station_is_refused(county: Ledger) -> None:
    with pytest.raises(NotFoundError, match="XX"):
        overview(county, station_code="XX")


def test_the_ledger_and_the_detail_know_an_imported_hazard(county: Ledger) -> None:
    assert [r.code for r in list_hazards(county, HazardFilter(station=IMPORTED))] == [
        "SQ-2026-0001",
        "SQ-2026-0002",
        "SQ-2026-0003",
        "SQ-2026-0004",
    ]
    detail = show_hazard(county, "SQ-2026-0003")
    assert detail.imported and detail.station_name == IMPORTED_NAME and detail.listed
    assert not show_hazard(county, "LY-2026-0001").imported
