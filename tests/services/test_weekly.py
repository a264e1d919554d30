"""The 周报's figures against a ledger built here, two weeks and two stations, every number
worked out by hand (the comments say from which hazards)."""

import contextlib
import datetime as dt
from collections.abc import Iterator
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from hazard_ledger.db.base import new_uuid
from hazard_ledger.db.models import Event, Hazard, Station, Unit
from hazard_ledger.domain.enums import HazardLevel
from hazard_ledger.domain.errors import NotFoundError, ValidationError
from hazard_ledger.services import hazards
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.notices import issue_notice
from hazard_ledger.services.periods import Period, ledger_period, parse_period, period_of
from hazard_ledger.services.preferences import Preferences, save_preferences
from hazard_ledger.services.stations import init_station
from hazard_ledger.services.supervision import list_hazard, report_progress
from hazard_ledger.services.units import UnitInput, add_unit
from hazard_ledger.services.weekly import Figures, weekly_report
from tests.conftest import Clock
from tests.db.test_postgresql import URL as PG_URL
from tests.db.test_postgresql import pg_ledger  # noqa: F401 (a fixture used below)

D = dt.date
W46 = parse_period("2026-W46")  # Monday 11-09 to Sunday 11-15
W47 = parse_period("2026-W47")  # Monday 11-16 to Sunday 11-22; today (11-18) is in it
LONG_AGO = "2026-11-01T04:00:00.000000Z"  # when the tests say the steps were recorded
MID_WEEK_47 = "2026-11-17T04:00:00.000000Z"  # 11-17 in every timezone from UTC-4 to UTC+19


@contextlib.contextmanager
def recorded_at(stamp: str) -> Iterator[None]:
    """Steps taken in the block are recorded (their events' occurred_at) at ``stamp``: events
    cannot be changed afterwards, and the wall clock is no business of these tests."""
    with mock.patch("hazard_ledger.services.events.utc_now_text", return_value=stamp):
        yield


def record(ledger: Ledger, unit: str, description: str, found_on: dt.date, **more: object) -> str:
    return hazards.record_hazard(
        ledger,
        hazards.NewHazard(unit=unit, description=description, found_on=found_on, **more),  # type: ignore[arg-type]
    )


def assign(ledger: Ledger, code: str, on: dt.date, deadline: dt.date) -> None:
    hazards.assign_hazard(ledger, code, responsible="张国强", deadline=deadline, on=on)


def build_two_weeks(ledger: Ledger) -> dict[str, str]:
    """Station LY (the ``ledger`` fixture's, today 2026-11-18) with hazards A–H over weeks 46
    and 47; every step recorded (occurred_at) on 11-01, outside both weeks. Returns the codes.

    鑫源五金厂 (工贸（机械）):
      A general, found 11-10, assigned 11-10 until 11-12, never fixed: overdue.
      B major, found 11-11, fixed on the spot (assigned and fixed 11-11), 复查 passed 11-12.
      H general, found 11-09, assigned until 11-14, fixed 11-16, 复查 passed 11-17.
      E major, found 11-16, listed (挂牌督办, 县级) 11-17, not assigned.
    老街小吃店 (消防（九小场所）):
      C general, found 11-12; a 整改通知书 issued 11-13 (inspected 11-13) until 11-20; fixed
        11-16, 复查 failed 11-17 with a new deadline 11-25.
      D general, found 11-13, voided.
      G general, found 11-18, assigned and fixed the same day (当场整改), 复查 not yet.
    无名仓库 (no 行业领域):
      F general, found 11-17, assigned 11-17 until 11-17: one day overdue on 11-18.
    """
    with recorded_at(LONG_AGO):
        return _build(ledger)


def _build(ledger: Ledger) -> dict[str, str]:
    add_unit(ledger, UnitInput(name="无名仓库", village="城东社区"))
    shop, works, store = "老街小吃店", "鑫源五金厂", "无名仓库"
    codes = {}
    codes["A"] = record(ledger, works, "灭火器过期", D(2026, 11, 10))
    codes["B"] = record(ledger, works, "配电柜无防护", D(2026, 11, 11), level=HazardLevel.MAJOR)
    codes["C"] = record(ledger, shop, "厨房排油烟管道积油", D(2026, 11, 12))
    codes["D"] = record(ledger, shop, "重复登记", D(2026, 11, 13))
    codes["H"] = record(ledger, works, "安全出口上锁", D(2026, 11, 9))
    codes["E"] = record(ledger, works, "喷漆房无通风", D(2026, 11, 16), level=HazardLevel.MAJOR)
    codes["F"] = record(ledger, store, "电动车室内充电", D(2026, 11, 17))
    codes["G"] = record(ledger, shop, "插座串接", D(2026, 11, 18))

    assign(ledger, codes["A"], D(2026, 11, 10), D(2026, 11, 12))
    assign(ledger, codes["B"], D(2026, 11, 11), D(2026, 11, 11))
    hazards.rectify_hazard(ledger, codes["B"], measures="加装防护", done_on=D(2026, 11, 11))
    hazards.verify_hazard(ledger, codes["B"], by="李晓峰", passed=True, on=D(2026, 11, 12))
    issue_notice(
        ledger,
        unit=shop,
        codes=[codes["C"]],
        responsible="陈志强",
        deadline=D(2026, 11, 20),
        issued_on=D(2026, 11, 13),
        inspected_on=D(2026, 11, 13),
    )
    hazards.rectify_hazard(ledger, codes["C"], measures="已清洗", done_on=D(2026, 11, 16))
    hazards.verify_hazard(
        ledger,
        codes["C"],
        by="李晓峰",
        passed=False,
        new_deadline=D(2026, 11, 25),
        on=D(2026, 11, 17),
    )
    hazards.void_hazard(ledger, codes["D"], reason="重复登记")
    assign(ledger, codes["H"], D(2026, 11, 9), D(2026, 11, 14))
    hazards.rectify_hazard(ledger, codes["H"], measures="已打开", done_on=D(2026, 11, 16))
    hazards.verify_hazard(ledger, codes["H"], by="李晓峰", passed=True, on=D(2026, 11, 17))
    list_hazard(
        ledger,
        codes["E"],
        level="县级",
        authority="泰顺县安委会",
        doc_no="泰安委〔2026〕8号",
        listed_on=D(2026, 11, 17),
        deadline=D(2027, 1, 31),
    )
    assign(ledger, codes["F"], D(2026, 11, 17), D(2026, 11, 17))
    assign(ledger, codes["G"], D(2026, 11, 18), D(2026, 11, 18))
    hazards.rectify_hazard(ledger, codes["G"], measures="已更换", done_on=D(2026, 11, 18))
    return codes


def add_second_station(ledger: Ledger) -> None:
    """Station SX (沙溪镇, imported: not local) with one unit (沙溪茶厂, 工贸（轻工）):
    SX-2026-0001 found 11-16, fixed the same day, 复查 passed 11-17 (its event recorded);
    SX-2026-0002 found 11-03, assigned until 11-10, not fixed: overdue."""
    with ledger.write() as session:
        station = Station(
            code="SX",
            name="沙溪镇应急消防管理站",
            township="沙溪镇",
            county="泰顺县",
            doc_prefix="沙",
            is_local=False,
        )
        session.add(station)
        session.flush()
        unit = Unit(
            station_uuid=station.uuid, name="沙溪茶厂", industry="工贸（轻工）", village="沙溪村"
        )
        session.add(unit)
        session.flush()
        common = {
            "station_uuid": station.uuid,
            "unit_uuid": unit.uuid,
            "level": "general",
            "industry": "工贸（轻工）",
            "responsible": "王茶",
        }
        fixed = Hazard(
            code="SX-2026-0001",
            status="verified",
            description="烘干机旁堆放可燃物",
            found_on=D(2026, 11, 16),
            assigned_on=D(2026, 11, 16),
            deadline=D(2026, 11, 20),
            measures="已清理",
            rectified_on=D(2026, 11, 16),
            verified_by="沙溪站",
            verified_on=D(2026, 11, 17),
            verification_result="pass",
            **common,
        )
        late = Hazard(
            code="SX-2026-0002",
            status="assigned",
            description="配电箱无门",
            found_on=D(2026, 11, 3),
            assigned_on=D(2026, 11, 3),
            deadline=D(2026, 11, 10),
            **common,
        )
        session.add_all([fixed, late])
        session.flush()
        session.add(
            Event(
                uuid=new_uuid(),
                station_uuid=station.uuid,
                seq=1,
                record_type="hazard",
                record_uuid=fixed.uuid,
                kind="verified",
                occurred_at=LONG_AGO,
                actor="沙溪站",
                payload='{"changes":{"status":"verified","verified_on":"2026-11-17"}}',
                prev_hash="0" * 64,
                hash="1" * 64,
            )
        )


def figures(**values: int) -> Figures:
    return Figures(**values)


# -- periods --------------------------------------------------------------------------------


def test_an_iso_week_is_monday_to_sunday_and_reads_as_people_write_it() -> None:
    assert (W47.start, W47.end, W47.code) == (D(2026, 11, 16), D(2026, 11, 22), "2026-W47")
    assert W47.label == "2026年第47周（11月16日—11月22日）"
    for text in ("2026-W47", "2026w47", " 2026-w47 ", "2026-11-18", "2026-11-22"):
        assert parse_period(text) == W47, text
    first = parse_period("2026-W01")
    assert (first.start, first.end) == (D(2025, 12, 29), D(2026, 1, 4))
    assert first.label == "2026年第1周（2025年12月29日—2026年1月4日）"
    assert parse_period("2026-W53").end == D(2027, 1, 3)  # 2026 has 53 ISO weeks


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-47", "无法识别"),
        ("第47周", "无法识别"),
        ("", "无法识别"),
        ("2025-W53", "2025 年按 ISO 周共 52 周"),
        ("2026-W00", "共 53 周"),
        ("2026-02-30", "不存在"),
    ],
)
def test_a_bad_period_is_refused_in_chinese(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_period(text)


def test_a_week_starting_on_friday_ends_on_the_thursday_of_its_iso_week() -> None:
    friday = parse_period("2026-W47", week_start=4)
    assert (friday.start, friday.end) == (D(2026, 11, 13), D(2026, 11, 19))
    assert friday.label == "2026年第47周（11月13日—11月19日）"
    sunday = parse_period("2026-W47", week_start=6)
    assert (sunday.start, sunday.end) == (D(2026, 11, 15), D(2026, 11, 21))
    assert period_of(D(2026, 11, 20), 4) == parse_period("2026-W48", week_start=4)
    with pytest.raises(ValidationError, match="每周起始日"):
        parse_period("2026-W47", week_start=7)


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=D(2001, 1, 1), max_value=D(2099, 12, 31)),
    week_start=st.integers(min_value=0, max_value=6),
)
def test_every_day_lies_in_one_period_that_its_name_reads_back_to(
    day: dt.date, week_start: int
) -> None:
    period = period_of(day, week_start)
    assert day in period and (period.end - period.start).days == 6
    assert period.start.weekday() == week_start
    assert parse_period(period.code, week_start=week_start) == period
    assert period.end.isocalendar()[:2] == (period.year, period.week)


def test_the_week_start_is_kept_in_the_preferences(ledger: Ledger) -> None:
    assert ledger_period(ledger) == W47  # Monday by default; today is 2026-11-18
    save_preferences(ledger, Preferences(week_start=4))
    assert ledger_period(ledger) == Period(2026, 47, D(2026, 11, 13), D(2026, 11, 19))
    assert ledger_period(ledger, "2026-W46").end == D(2026, 11, 12)
    with pytest.raises(ValidationError, match="每周起始日"):
        save_preferences(ledger, Preferences(week_start=7))


# -- figures --------------------------------------------------------------------------------


def test_one_station_this_week_by_industry(ledger: Ledger) -> None:
    codes = build_two_weeks(ledger)
    report = weekly_report(ledger, W47, reviewer="王站长")
    assert (report.township, report.station_code, report.as_of) == ("罗阳镇", "LY", D(2026, 11, 18))
    assert (report.operator, report.reviewer, report.reported_on) == (
        "测试员",
        "王站长",
        D(2026, 11, 18),
    )
    assert report.by_station == () and not report.county_wide
    rows = {row.label: row for row in report.by_industry}
    # Pick-list order, 未分类 last.
    assert list(rows) == ["消防（九小场所）", "工贸（机械）", "未分类"]

    works = rows["工贸（机械）"]
    # This week: E found (major) on 11-16, listed 11-17; 复查 of H passed 11-17.
    assert works.week == figures(
        units_inspected=1,
        inspections=1,
        found_major=1,
        listed_new=1,
        listed_open=1,
        verifications=1,
    )
    # Up to 11-22: A, B, E, H found (general A, H; major B, E) on four days; B fixed on the
    # spot; B and H closed; A overdue; E listed; 复查 of B and H.
    assert works.cumulative == figures(
        units_inspected=1,
        inspections=4,
        found_general=2,
        found_major=2,
        on_the_spot=1,
        closed=2,
        overdue=1,
        listed_new=1,
        listed_open=1,
        verifications=2,
    )
    shop = rows["消防（九小场所）"]
    # This week: G found and fixed on the spot 11-18; C's failed 复查 on 11-17.
    assert shop.week == figures(
        units_inspected=1, inspections=1, found_general=1, on_the_spot=1, verifications=1
    )
    # Up to 11-22: C, G (D voided); visits 11-12 (C), 11-13 (the notice's inspection), 11-18;
    # C back to 整改中 with its new deadline 11-25: in time; the notice.
    assert shop.cumulative == figures(
        units_inspected=1,
        inspections=3,
        found_general=2,
        on_the_spot=1,
        in_time=1,
        notices=1,
        verifications=1,
    )
    store = rows["未分类"]
    assert (
        store.week
        == store.cumulative
        == figures(units_inspected=1, inspections=1, found_general=1, overdue=1)
    )
    assert report.total.week == works.week + shop.week + store.week
    assert report.total.cumulative == figures(
        units_inspected=3,
        inspections=8,
        found_general=5,
        found_major=2,
        on_the_spot=2,
        closed=2,
        in_time=1,
        overdue=2,
        listed_new=1,
        listed_open=1,
        notices=1,
        verifications=3,
    )
    assert report.total.cumulative.rate == pytest.approx(2 / 7)
    assert report.total.week.rate == 0.0  # E, F, G found, none closed yet
    assert report.total.label == "合计"
    # Overdue on 11-18: A since 11-12, F since 11-17; the worst first.
    assert [(r.code, r.overdue_days) for r in report.overdue] == [
        (codes["A"], 6),
        (codes["F"], 1),
    ]
    assert [r.serial for r in report.overdue] == [1, 2]
    assert report.overdue[0].responsible == "张国强"
    assert any("本周栏按本周发现的隐患计" in note for note in report.notes)


def test_an_earlier_week_counts_states_at_its_end(ledger: Ledger) -> None:
    codes = build_two_weeks(ledger)
    report = weekly_report(ledger, W46)
    assert report.as_of == D(2026, 11, 15)
    # Found 11-09..11-15: A, B, C, H (D voided). On 11-15 only B was closed (H's 复查 came on
    # 11-17); A and H were past their deadlines (11-12, 11-14); C was being fixed in time.
    # Visits: 鑫源 11-09, 11-10, 11-11; 小吃店 11-12 and 11-13 (the notice). 复查: B only.
    expected = figures(
        units_inspected=2,
        inspections=5,
        found_general=3,
        found_major=1,
        on_the_spot=1,
        closed=1,
        in_time=1,
        overdue=2,
        notices=1,
        verifications=1,
    )
    assert report.total.week == report.total.cumulative == expected  # nothing before week 46
    assert [(r.code, r.overdue_days) for r in report.overdue] == [
        (codes["A"], 3),
        (codes["H"], 1),
    ]


def test_the_details_hold_what_the_week_touched_and_what_was_done(ledger: Ledger) -> None:
    codes = build_two_weeks(ledger)
    details = {d.row.code: d.steps for d in weekly_report(ledger, W47).details}
    # By their dates: C fixed and failed, H fixed and passed, E found, F found and assigned,
    # G found, assigned and fixed. A, B and D have nothing dated in week 47.
    assert details == {
        codes["C"]: "复查不合格",  # the failed 复查 cleared its 整改完成日期
        codes["H"]: "整改完成、复查合格",
        codes["E"]: "登记",
        codes["F"]: "登记、交办",
        codes["G"]: "登记、交办、整改完成",
    }
    assert list(details) == sorted(details)  # by code

    # A step recorded in the week brings its hazard in, with the step; so does a step of its
    # supervision.
    with recorded_at(MID_WEEK_47):
        hazards.edit_hazard(ledger, codes["A"], hazards.HazardEdit(requirement="立即更换"))
        report_progress(ledger, codes["E"], note="已停用喷漆房", on=D(2026, 11, 17))
    details = {d.row.code: d.steps for d in weekly_report(ledger, W47).details}
    assert details[codes["A"]] == "修改" and details[codes["E"]] == "登记、整改进展"
    assert codes["B"] not in details
    week46 = {d.row.code for d in weekly_report(ledger, W46).details}
    assert week46 == {codes[k] for k in "ABCDH"}  # D by its discovery on 11-13


def test_county_wide_figures_add_the_stations_and_break_them_down(ledger: Ledger) -> None:
    build_two_weeks(ledger)
    add_second_station(ledger)
    report = weekly_report(ledger, W47)
    assert report.county_wide and report.station_code == ""
    assert report.township == "泰顺县（全县 2 个站）"
    assert [s.code for s in report.stations] == ["LY", "SX"]
    stations = {row.label: row for row in report.by_station}
    assert list(stations) == ["罗阳镇（LY）", "沙溪镇（SX）"]
    sx = stations["沙溪镇（SX）"]
    # SX-0001 found 11-16, fixed on the spot, passed 11-17; SX-0002 found 11-03, overdue.
    assert sx.week == figures(
        units_inspected=1,
        inspections=1,
        found_general=1,
        on_the_spot=1,
        closed=1,
        verifications=1,
    )
    assert sx.cumulative == figures(
        units_inspected=1,
        inspections=2,
        found_general=2,
        on_the_spot=1,
        closed=1,
        overdue=1,
        verifications=1,
    )
    ly = stations["罗阳镇（LY）"]
    assert ly.cumulative == weekly_report(ledger, W47, station_code="ly").total.cumulative
    assert report.total.week == ly.week + sx.week
    assert report.total.cumulative == figures(
        units_inspected=4,
        inspections=10,
        found_general=7,
        found_major=2,
        on_the_spot=3,
        closed=3,
        in_time=1,
        overdue=3,
        listed_new=1,
        listed_open=1,
        notices=1,
        verifications=4,
    )
    assert "工贸（轻工）" in {row.label for row in report.by_industry}
    ly_overdue = weekly_report(ledger, W47, station_code="LY").overdue
    assert [r.code for r in report.overdue] == ["SX-2026-0002", *(r.code for r in ly_overdue)]
    assert report.overdue[0].station_code == "SX"

    only = weekly_report(ledger, W47, station_code="SX")
    assert (only.township, only.station_code, only.by_station) == ("沙溪镇", "SX", ())
    assert only.total.cumulative == sx.cumulative
    assert [d.row.code for d in only.details] == ["SX-2026-0001"]


def test_a_county_install_reports_on_the_stations_it_imported(empty_ledger: Ledger) -> None:
    # The county's own station holds no units and no hazards: it is no station to report on.
    init_station(empty_ledger, code="TS", name="泰顺县应急管理局", county="泰顺县")
    add_second_station(empty_ledger)
    report = weekly_report(empty_ledger, W47)
    assert (report.township, report.station_code) == ("沙溪镇", "SX")
    assert [s.code for s in report.stations] == ["SX"] and report.total.week.found == 1


def test_unknown_station_and_future_period_are_refused(ledger: Ledger, clock: Clock) -> None:
    with pytest.raises(NotFoundError, match="没有站点简码为“XX”的站点（现有：LY）"):
        weekly_report(ledger, W47, station_code="XX")
    with pytest.raises(ValidationError, match="尚未开始"):
        weekly_report(ledger, parse_period("2026-W48"))
    report = weekly_report(ledger)  # an empty ledger: the current week, all zero
    assert report.period == W47 and report.total.cumulative == Figures()
    assert report.by_industry == () and report.total.week.rate is None


def test_a_constant_number_of_queries_however_many_hazards(ledger: Ledger) -> None:
    def statements() -> int:
        seen: list[object] = []

        def count(*args: object) -> None:
            seen.append(args)

        event.listen(ledger.engine, "before_cursor_execute", count)
        try:
            weekly_report(ledger, W47)
        finally:
            event.remove(ledger.engine, "before_cursor_execute", count)
        return len(seen)

    build_two_weeks(ledger)
    few = statements()
    for i in range(20):
        code = record(ledger, "鑫源五金厂", f"隐患{i}", D(2026, 11, 16))
        assign(ledger, code, D(2026, 11, 16), D(2026, 11, 17))
    assert statements() == few


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server (HAZARD_LEDGER_TEST_DATABASE_URL)")
def test_the_same_figures_on_postgresql(ledger: Ledger, pg_ledger: Ledger) -> None:  # noqa: F811
    # The 复查 dates come out of the events' JSON: SQLite's json_extract, PostgreSQL's #>>.
    init_station(
        pg_ledger, code="LY", name="罗阳镇应急消防管理站", township="罗阳镇", county="泰顺县"
    )
    for name, industry in (("鑫源五金厂", "工贸（机械）"), ("老街小吃店", "消防（九小场所）")):
        add_unit(pg_ledger, UnitInput(name=name, industry=industry, contact="张国强"))
    build_two_weeks(pg_ledger)
    build_two_weeks(ledger)
    for period in (W46, W47):
        on_sqlite, on_postgres = weekly_report(ledger, period), weekly_report(pg_ledger, period)
        assert on_postgres.by_industry == on_sqlite.by_industry
        assert on_postgres.total.cumulative.verifications == (1 if period == W46 else 3)
        assert [d.steps for d in on_postgres.details] == [d.steps for d in on_sqlite.details]
        assert [r.code for r in on_postgres.overdue] == [r.code for r in on_sqlite.overdue]
