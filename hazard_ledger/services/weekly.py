"""The 周报 (weekly report): one week's figures and everything up to its end, by 行业领域 (and
by station on a county ledger), the hazards the week touched (明细) and those overdue (逾期).

Read in one transaction, in a fixed number of queries however big the ledger; the workbook and
the PDF (reports.weekly_xlsx, reports.weekly_pdf) are built from the WeeklyReport it returns.
docs/weekly-report.md says for people what each figure counts. In short:

- A period runs seven days from the week-start weekday (Preferences.week_start, Monday by
  default). "2026-W47" names the period whose *last* day falls in ISO week 47 of 2026: Monday to
  Sunday of that week by default; with a Friday start, the Friday before to the Thursday of it.
- Hazard figures (发现, 当场整改, 已整改, 整改率, 在改未到期, 逾期未整改, 挂牌在办) count a
  population: 本周 the hazards found in the period, 累计 those found up to its end; voided
  ones never count.
  States are taken as at the reference day: the period's last day, or today while the period
  runs. They are read from the hazard's business dates (交办, 整改完成, 复查, 挂牌, 销号), so a
  report for an earlier week does not count fixes made since.
- Activity figures (检查单位数, 检查次数, 挂牌新增, 销号, 下发通知书, 复查次数) count what was done
  in the period (本周) or up to its end (累计).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    String,
    and_,
    case,
    cast,
    distinct,
    func,
    or_,
    select,
    true,
    union,
)
from sqlalchemy.orm import Session, aliased

from hazard_ledger.db.models import Event, Hazard, Inspection, Notice, Station, Supervision, Unit
from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.domain.errors import NotFoundError, ValidationError
from hazard_ledger.domain.supervision import SupervisionStep
from hazard_ledger.domain.vocab import INDUSTRIES
from hazard_ledger.domain.workflow import Action
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.ledger_rows import LedgerRow, select_ledger_rows
from hazard_ledger.services.periods import Period, day_text, ledger_period
from hazard_ledger.services.stations import local_station, station_view

TITLE = "隐患排查整改周报"
UNCLASSIFIED = "未分类"  # the row of hazards (and units) with no 行业领域


# -- the figures ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figures:
    """One line of 汇总 for one span (本周 or 累计)."""

    units_inspected: int = 0  # 检查单位数
    inspections: int = 0  # 检查次数: distinct (unit, day)
    found_general: int = 0  # 发现隐患 一般
    found_major: int = 0  # 发现隐患 重大
    on_the_spot: int = 0  # 当场整改: fixed on the day found
    closed: int = 0  # 已整改 (已闭环) by the reference day
    in_time: int = 0  # 在改未到期
    overdue: int = 0  # 逾期未整改
    listed_new: int = 0  # 重大隐患挂牌 新增
    listed_open: int = 0  # 重大隐患挂牌 在办
    delisted: int = 0  # 重大隐患挂牌 销号
    notices: int = 0  # 下发通知书 (整改通知书 not voided)
    verifications: int = 0  # 复查次数 (passed or failed, 验收 of a listed hazard included)

    @property
    def found(self) -> int:
        return self.found_general + self.found_major

    @property
    def rate(self) -> float | None:
        """整改率 = 已整改 ÷ 发现 (same population); None when nothing was found."""
        return self.closed / self.found if self.found else None

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True, slots=True)
class SummaryRow:
    label: str  # the 行业领域, the station, or 合计
    week: Figures  # 本周
    cumulative: Figures  # 累计


@dataclass(frozen=True, slots=True)
class SummaryColumn:
    group: str  # the header over one or more columns
    header: str  # "" when the group is the column's only header
    attribute: str  # of Figures

    def value(self, figures: Figures) -> int | float | None:
        value: int | float | None = getattr(figures, self.attribute)
        return value


# 汇总's columns for each span, in the county sheet's order; the workbook and the PDF both take
# them from here.
SUMMARY_COLUMNS: tuple[SummaryColumn, ...] = tuple(
    SummaryColumn(group, header, attribute)
    for group, header, attribute in (
        ("检查单位数", "", "units_inspected"),
        ("检查次数", "", "inspections"),
        ("发现隐患", "合计", "found"),
        ("发现隐患", "一般", "found_general"),
        ("发现隐患", "重大", "found_major"),
        ("当场整改", "", "on_the_spot"),
        ("已整改", "", "closed"),
        ("整改率", "", "rate"),
        ("在改未到期", "", "in_time"),
        ("逾期未整改", "", "overdue"),
        ("重大隐患挂牌", "新增", "listed_new"),
        ("重大隐患挂牌", "在办", "listed_open"),
        ("重大隐患挂牌", "销号", "delisted"),
        ("下发通知书", "", "notices"),
        ("复查次数", "", "verifications"),
    )
)


@dataclass(frozen=True, slots=True)
class DetailRow:
    """A hazard of 明细 with what was done to it in the period (e.g. ``登记、交办``)."""

    row: LedgerRow
    steps: str


@dataclass(frozen=True, slots=True)
class WeeklyReport:
    period: Period
    township: str  # 乡镇(街道): the station's, or e.g. 泰顺县（全县 3 个站）
    station_code: str  # "" for a county-wide report
    stations: tuple[StationView, ...]  # the stations it covers
    operator: str  # 填报人
    reviewer: str  # 审核人; "" leaves a line to sign on
    reported_on: dt.date  # 报送日期
    as_of: dt.date  # the reference day of states: the period's end, or today while it runs
    by_industry: tuple[SummaryRow, ...]
    total: SummaryRow
    by_station: tuple[SummaryRow, ...]  # county-wide over several stations only
    details: tuple[DetailRow, ...]  # 明细, by code
    overdue: tuple[LedgerRow, ...]  # 逾期 as at ``as_of`` (overdue_days counted to it), worst first
    notes: tuple[str, ...]  # what the figures count, printed under 汇总

    @property
    def title(self) -> str:
        return TITLE

    @property
    def county_wide(self) -> bool:
        return not self.station_code


# -- building the report --------------------------------------------------------------------


def weekly_report(
    ledger: Ledger,
    period: Period | None = None,
    *,
    station_code: str = "",
    reviewer: str = "",
) -> WeeklyReport:
    """The 周报 of ``period`` (by default the current one, see ledger_period) for one station
    (``station_code``, or the ledger's only station) or, on a ledger holding several stations
    and no ``station_code``, for all of them with a breakdown by station.

    Raises NotFoundError for an unknown station code and ValidationError for a period that has
    not begun."""
    today = ledger.today()
    period = period or ledger_period(ledger)
    if period.start > today:
        raise ValidationError(f"统计周期“{period.label}”尚未开始。", field="period")
    as_of = min(period.end, today)
    reviewer = " ".join((reviewer or "").split())
    if len(reviewer) > 50:
        raise ValidationError("审核人不能超过 50 个字。", field="reviewer")
    with ledger.read() as session:
        stations, chosen = _scope(session, station_code)
        scope = _Scope(chosen.uuid if chosen else None)
        cells = _Cells()
        _hazard_figures(session, scope, period, as_of, cells)
        _inspection_figures(session, scope, period, cells)
        _notice_figures(session, scope, period, cells)
        _supervision_figures(session, scope, period, cells)
        _verification_figures(session, scope, period, cells)
        details = _details(session, scope, period, as_of)
        overdue = _overdue(session, scope, as_of)
        views = tuple(station_view(s) for s in stations)
    county_wide = chosen is None
    return WeeklyReport(
        period=period,
        township=_township(views, county_wide),
        station_code="" if county_wide else views[0].code,
        stations=views,
        operator=ledger.operator,
        reviewer=reviewer,
        reported_on=today,
        as_of=as_of,
        by_industry=tuple(
            SummaryRow(label, *cells.of(lambda key, want=label: key[1] == want))
            for label in _industry_order(cells.industries())
        ),
        total=SummaryRow("合计", *cells.of(lambda key: True)),
        by_station=tuple(
            SummaryRow(_station_label(view), *cells.of(lambda key, want=view.uuid: key[0] == want))
            for view in views
        )
        if county_wide and len(views) > 1
        else (),
        details=details,
        overdue=overdue,
        notes=_notes(period, as_of),
    )


class _Scope:
    """The SQL condition restricting a station column to the report's station (or none)."""

    def __init__(self, station_uuid: str | None) -> None:
        self.station_uuid = station_uuid

    def __call__(self, column: Any) -> ColumnElement[bool]:
        return true() if self.station_uuid is None else column == self.station_uuid


class _Cells:
    """Figures collected per (station uuid, 行业领域 label) for 本周 and 累计."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(
            lambda: defaultdict(lambda: [0, 0])
        )

    def add(self, station: str, industry: str, name: str, week: int, cumulative: int) -> None:
        cell = self._values[(station, industry or UNCLASSIFIED)][name]
        cell[0] += int(week or 0)
        cell[1] += int(cumulative or 0)

    def industries(self) -> set[str]:
        return {industry for _station, industry in self._values}

    def of(self, wanted: Any) -> tuple[Figures, Figures]:
        """The figures summed over the cells whose key ``wanted(key)`` accepts."""
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for key, names in self._values.items():
            if wanted(key):
                for name, (week, cumulative) in names.items():
                    totals[name][0] += week
                    totals[name][1] += cumulative
        week_figures = Figures(**{name: pair[0] for name, pair in totals.items()})
        cumulative = Figures(**{name: pair[1] for name, pair in totals.items()})
        return week_figures, cumulative


def _scope(session: Session, code: str) -> tuple[list[Station], Station | None]:
    """The stations the report covers and the one it is for (None: county-wide)."""
    stations = session.scalars(select(Station).order_by(Station.is_local.desc(), Station.code))
    every = list(stations)
    if not every:
        local_station(session)  # the usual message before `init`
    wanted = (code or "").strip().upper()
    if wanted:
        for station in every:
            if station.code == wanted:
                return [station], station
        known = "、".join(s.code for s in every)
        raise NotFoundError(
            f"台账中没有站点简码为“{code}”的站点（现有：{known}）。", field="station"
        )
    # A county install's own identity holds no data of its own: it is no station to report on.
    holding = set(session.scalars(select(Hazard.station_uuid).distinct()))
    holding |= set(session.scalars(select(Unit.station_uuid).distinct()))
    covered = [s for s in every if not s.is_local or s.uuid in holding] or every[:1]
    if len(covered) == 1:
        return covered, covered[0]
    return covered, None


def _township(stations: tuple[StationView, ...], county_wide: bool) -> str:
    if not county_wide:
        return stations[0].township or stations[0].name
    county = next((s.county for s in stations if s.is_local and s.county), "") or next(
        (s.county for s in stations if s.county), ""
    )
    if county:
        return f"{county}（全县 {len(stations)} 个站）"
    return f"全部站点（共 {len(stations)} 个站）"


def _station_label(station: StationView) -> str:
    return f"{station.township or station.name}（{station.code}）"


def _industry_order(labels: Iterable[str]) -> list[str]:
    """DOMAIN's pick-list order, then others by name, then 其他 and 未分类 last."""
    known = {name: i for i, name in enumerate(INDUSTRIES)}
    last = {"其他": 1, UNCLASSIFIED: 2}
    return sorted(labels, key=lambda name: (last.get(name, 0), known.get(name, len(known)), name))


def _count(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _being_fixed(as_of: dt.date) -> ColumnElement[bool]:
    """Being fixed on ``as_of``: assigned by then, its fix not yet reported by then. A hazard
    待交办 now is not (a 交办 withdrawn since is not reconstructed). The rule of
    ledger_rows.overdue_days_on, in SQL (voided hazards are left out by the caller)."""
    return and_(
        Hazard.status != HazardStatus.DISCOVERED.value,
        Hazard.assigned_on <= as_of,
        or_(Hazard.rectified_on.is_(None), Hazard.rectified_on > as_of),
    )


def _hazard_figures(
    session: Session, scope: _Scope, period: Period, as_of: dt.date, cells: _Cells
) -> None:
    fixing = _being_fixed(as_of)
    population = {
        "found_general": Hazard.level == "general",
        "found_major": Hazard.level == "major",
        "on_the_spot": Hazard.rectified_on == Hazard.found_on,
        "closed": and_(Hazard.status == HazardStatus.VERIFIED.value, Hazard.verified_on <= as_of),
        "in_time": and_(fixing, or_(Hazard.deadline.is_(None), Hazard.deadline >= as_of)),
        "overdue": and_(fixing, Hazard.deadline < as_of),
        "listed_open": and_(
            Supervision.listed_on <= as_of,
            or_(Supervision.delisted_on.is_(None), Supervision.delisted_on > as_of),
        ),
    }
    in_week = Hazard.found_on >= period.start
    sums = []
    for condition in population.values():
        sums += [_count(and_(in_week, condition)), _count(condition)]
    query = (
        select(Hazard.station_uuid, Hazard.industry, *sums)
        .outerjoin(Supervision, Supervision.hazard_uuid == Hazard.uuid)
        .where(
            Hazard.status != HazardStatus.VOIDED.value,
            Hazard.found_on <= period.end,
            scope(Hazard.station_uuid),
        )
        .group_by(Hazard.station_uuid, Hazard.industry)
    )
    for station, industry, *values in session.execute(query):
        for i, name in enumerate(population):
            cells.add(station, industry, name, values[2 * i], values[2 * i + 1])


def _inspection_figures(session: Session, scope: _Scope, period: Period, cells: _Cells) -> None:
    """检查次数: one per unit and day on which hazards were found (not voided), a 整改通知书
    records an inspection, or an inspection was registered. Grouped by the unit's 行业领域.

    The days of the hazards are counted per unit in the database (a UNION of every source,
    deduplicated in one temporary index, took twice as long); the few days only a notice or an
    inspection record are added to them."""
    kept = and_(Hazard.status != HazardStatus.VOIDED.value, Hazard.found_on <= period.end)
    week = Hazard.found_on >= period.start
    by_hazards = (
        select(
            Hazard.unit_uuid.label("unit"),
            func.count(distinct(Hazard.found_on)).label("days"),
            func.count(distinct(case((week, Hazard.found_on)))).label("week"),
        )
        .where(kept)
        .group_by(Hazard.unit_uuid)
        .subquery("hazard_days")
    )
    recorded = union(
        select(Notice.unit_uuid.label("unit"), Notice.inspected_on.label("day")).where(
            Notice.kind == "rectification",
            Notice.status == "issued",
            Notice.inspected_on <= period.end,
        ),
        select(Inspection.unit_uuid, Inspection.inspected_on).where(
            Inspection.inspected_on <= period.end
        ),
    ).subquery("recorded_days")
    same_day = (
        select(Hazard.id)
        .where(kept, Hazard.unit_uuid == recorded.c.unit, Hazard.found_on == recorded.c.day)
        .exists()
    )
    by_records = (
        select(
            recorded.c.unit,
            func.count().label("days"),
            _count(recorded.c.day >= period.start).label("week"),
        )
        .where(~same_day)
        .group_by(recorded.c.unit)
        .subquery("other_days")
    )
    days: dict[str, list[Any]] = {}
    for days_of in (by_hazards, by_records):
        query = (
            select(Unit.uuid, Unit.station_uuid, Unit.industry, days_of.c.days, days_of.c.week)
            .join(days_of, days_of.c.unit == Unit.uuid)
            .where(scope(Unit.station_uuid))
        )
        for unit, station, industry, total, in_week in session.execute(query):
            counts = days.setdefault(unit, [station, industry, 0, 0])
            counts[2] += total
            counts[3] += in_week
    for station, industry, total, in_week in days.values():
        cells.add(station, industry, "inspections", in_week, total)
        cells.add(station, industry, "units_inspected", int(in_week > 0), int(total > 0))


def _notice_figures(session: Session, scope: _Scope, period: Period, cells: _Cells) -> None:
    """下发通知书: 整改通知书 issued and not voided, by the unit's 行业领域."""
    query = (
        select(
            Notice.station_uuid,
            Unit.industry,
            _count(Notice.issued_on >= period.start),
            func.count(),
        )
        .join(Unit, Unit.uuid == Notice.unit_uuid)
        .where(
            Notice.kind == "rectification",
            Notice.status == "issued",
            Notice.issued_on <= period.end,
            scope(Notice.station_uuid),
        )
        .group_by(Notice.station_uuid, Unit.industry)
    )
    for station, industry, week, total in session.execute(query):
        cells.add(station, industry, "notices", week, total)


def _supervision_figures(session: Session, scope: _Scope, period: Period, cells: _Cells) -> None:
    """挂牌 新增 and 销号: listings and delistings dated in the span, by the hazard's 行业领域."""
    listed = Supervision.listed_on <= period.end
    delisted = Supervision.delisted_on <= period.end
    query = (
        select(
            Hazard.station_uuid,
            Hazard.industry,
            _count(and_(listed, Supervision.listed_on >= period.start)),
            _count(listed),
            _count(and_(delisted, Supervision.delisted_on >= period.start)),
            _count(delisted),
        )
        .join(Hazard, Hazard.uuid == Supervision.hazard_uuid)
        .where(scope(Hazard.station_uuid))
        .group_by(Hazard.station_uuid, Hazard.industry)
    )
    for station, industry, new_week, new, off_week, off in session.execute(query):
        cells.add(station, industry, "listed_new", new_week, new)
        cells.add(station, industry, "delisted", off_week, off)


_VERIFICATIONS = (Action.VERIFY_PASS.value, Action.VERIFY_FAIL.value)


def _verification_figures(session: Session, scope: _Scope, period: Period, cells: _Cells) -> None:
    """复查次数: the hazards' 复查 events (passed or failed; a listed hazard's 验收 不通过 and its
    销号 are recorded as such), each on the 复查日期 it records.

    An event records the date only when it changed: a second 复查 on the same day leaves it out.
    The services keep a hazard's 复查 dates in order (each on or after the fix it checks, each
    fix on or after the last 复查), so such a 复查 is on the latest date recorded before it.
    Read in SQL: parsing 50,000 payloads in Python took longer than the rest of the report."""
    earlier = aliased(Event)
    verification = and_(Event.record_type == "hazard", Event.kind.in_(_VERIFICATIONS))
    # Only a 复查 leaving the date out looks back (a window over all of them took 0.3 s).
    previous = (
        select(func.max(_json_text(session, earlier.payload, "changes", "verified_on")))
        .where(
            earlier.record_uuid == Event.record_uuid,
            earlier.seq < Event.seq,
            earlier.record_type == "hazard",
            earlier.kind.in_(_VERIFICATIONS),
        )
        .scalar_subquery()
    )
    events = (
        select(
            Event.record_uuid.label("hazard"),
            func.coalesce(
                _json_text(session, Event.payload, "changes", "verified_on"), previous
            ).label("day"),
        )
        .where(verification)
        .subquery("verifications")
    )
    # An imported hazard's first 复查 on the day its sheet already showed: the hazard's date.
    day = func.coalesce(events.c.day, cast(Hazard.verified_on, String))
    end, start = period.end.isoformat(), period.start.isoformat()
    query = (
        select(
            Hazard.station_uuid,
            Hazard.industry,
            _count(and_(day >= start, day <= end)),
            _count(day <= end),
        )
        .select_from(events)
        .join(Hazard, Hazard.uuid == events.c.hazard)
        .where(scope(Hazard.station_uuid))
        .group_by(Hazard.station_uuid, Hazard.industry)
    )
    for station, industry, week, total in session.execute(query):
        cells.add(station, industry, "verifications", week, total)


def _json_text(session: Session, column: Any, *path: str) -> Any:
    """The text at ``path`` in a JSON text column, in SQL (SQLite's JSON1, PostgreSQL's json)."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(column, JSON)[path].as_string()
    return func.json_extract(column, "$." + ".".join(path))


def _utc_bounds(period: Period) -> tuple[str, str]:
    """The period's local days as UTC timestamps in the events' text form, [from, to)."""

    def utc(day: dt.date) -> str:
        moment = dt.datetime.combine(day, dt.time()).astimezone(dt.UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    return utc(period.start), utc(period.end + dt.timedelta(days=1))


def _step_label(record_type: str, kind: str) -> str:
    try:
        if record_type == "supervision":
            return SupervisionStep(kind).label
        return Action(kind).label
    except ValueError:
        return kind


def _details(
    session: Session, scope: _Scope, period: Period, as_of: dt.date
) -> tuple[DetailRow, ...]:
    """明细: hazards with a step recorded in the period (their own or their supervision's), or a
    business date in it (found, assigned, fixed, checked, listed, delisted). Importing an old
    sheet is not a step of the week: an imported hazard shows by its dates."""
    begin, end = _utc_bounds(period)
    recorded = and_(Event.occurred_at >= begin, Event.occurred_at < end, Event.kind != "imported")
    hazard_uuid = func.coalesce(Supervision.hazard_uuid, Event.record_uuid)
    steps_query = (
        select(Event.record_type, Event.kind, Hazard.code)
        .outerjoin(
            Supervision,
            and_(Event.record_type == "supervision", Supervision.uuid == Event.record_uuid),
        )
        .join(Hazard, Hazard.uuid == hazard_uuid)
        .where(recorded, Event.record_type.in_(("hazard", "supervision")))
        .where(scope(Hazard.station_uuid))
        .order_by(Event.occurred_at, Event.id)
    )
    steps: dict[str, set[str]] = defaultdict(set)
    for record_type, kind, code in session.execute(steps_query):
        steps[code].add(_step_label(record_type, kind))
    dated = [
        column.between(period.start, period.end)
        for column in (
            Hazard.found_on,
            Hazard.assigned_on,
            Hazard.rectified_on,
            Hazard.verified_on,
            Supervision.listed_on,
            Supervision.applied_on,
            Supervision.accepted_on,
            Supervision.delisted_on,
        )
    ]
    touched = (
        select(hazard_uuid)
        .select_from(Event)
        .outerjoin(
            Supervision,
            and_(Event.record_type == "supervision", Supervision.uuid == Event.record_uuid),
        )
        .where(recorded, Event.record_type.in_(("hazard", "supervision")))
    )
    rows = select_ledger_rows(
        session,
        or_(*dated, Hazard.uuid.in_(touched)),
        scope(Hazard.station_uuid),
        today=as_of,
        sort="code",
        by_dates=True,
    )
    details = []
    for row in rows:
        labels = steps.get(row.code, set()) | _dated_steps(row, period)
        ordered = sorted(labels, key=lambda label: _STEP_ORDER.get(label, len(_STEP_ORDER)))
        details.append(DetailRow(row, "、".join(ordered)))
    return tuple(details)


def _dated_steps(row: LedgerRow, period: Period) -> set[str]:
    """The steps a hazard's dates put in the period (whenever they were recorded)."""
    verified = Action.VERIFY_PASS if row.verification_result == "pass" else Action.VERIFY_FAIL
    dated = (
        (row.found_on, Action.RECORD.label),
        (row.assigned_on, Action.ASSIGN.label),
        (row.rectified_on, Action.RECTIFY.label),
        (row.verified_on, verified.label),
        (row.delisted_on, SupervisionStep.DELIST.label),
    )
    return {label for day, label in dated if day in period}


# 本周办理 lists its steps in the order of the loop, whatever order they were recorded in.
_STEP_ORDER = {
    label: rank
    for rank, label in enumerate(
        [
            *(
                action.label
                for action in (
                    Action.RECORD,
                    Action.ASSIGN,
                    Action.WITHDRAW,
                    Action.EDIT,
                    Action.EXTENSION_REQUEST,
                    Action.EXTENSION_APPROVE,
                    Action.EXTENSION_REFUSE,
                )
            ),
            *(step.label for step in SupervisionStep if step is not SupervisionStep.DELIST),
            *(a.label for a in (Action.RECTIFY, Action.VERIFY_FAIL, Action.VERIFY_PASS)),
            SupervisionStep.DELIST.label,
            Action.VOID.label,
        ]
    )
}


def _overdue(session: Session, scope: _Scope, as_of: dt.date) -> tuple[LedgerRow, ...]:
    """Every hazard overdue on ``as_of``, the most days overdue first."""
    rows = select_ledger_rows(
        session,
        Hazard.status != HazardStatus.VOIDED.value,
        _being_fixed(as_of),
        Hazard.deadline < as_of,
        scope(Hazard.station_uuid),
        today=as_of,
        sort="deadline",
        by_dates=True,
    )
    return tuple(rows)


def _notes(period: Period, as_of: dt.date) -> tuple[str, ...]:
    end, state = day_text(period.end, True), day_text(as_of, True)
    return (
        f"整改率 = 已整改（已闭环）÷ 发现隐患（不含作废）；本周栏按本周发现的隐患计，"
        f"累计栏按截至{end}发现的全部隐患计。",
        f"已整改、在改未到期、逾期未整改、挂牌在办为截至{state}的状态；"
        "当场整改为发现当天即整改完成的隐患。",
        "检查次数：同一单位同一天计一次（据隐患发现日期、整改通知书所载检查日期）；"
        "检查单位数、检查次数、下发通知书按单位的行业领域归类，其余按隐患的行业领域归类。",
        "复查次数：复查日期在统计区间内的复查（合格、不合格均计，含挂牌督办的验收和销号）；"
        "下发通知书不含已作废的通知书。",
    )
