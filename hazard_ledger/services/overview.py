"""Figures for the overview tab: counts by status, level and 行业领域, 整改率, watch lists; in a
county ledger, for one station or for all of them, with a line per station."""

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, case, func, select, true
from sqlalchemy.orm import Session

from hazard_ledger.db.models import Hazard, Station, Supervision
from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.errors import NotFoundError
from hazard_ledger.services.closure_profile import load_profile
from hazard_ledger.services.dto import HazardRow
from hazard_ledger.services.hazard_queries import HazardFilter, count_by_status, list_hazards
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.stations import local_station


@dataclass(frozen=True, slots=True)
class IndustryFigures:
    industry: str
    found: int
    closed: int
    open: int
    overdue: int


@dataclass(frozen=True, slots=True)
class StationFigures:
    """One station's line in a county ledger's overview."""

    code: str
    name: str
    is_local: bool
    found: int  # not voided
    closed: int
    overdue: int
    supervised: int  # under 挂牌督办 now

    @property
    def rectification_rate(self) -> float:
        return self.closed / self.found if self.found else 0.0


@dataclass(frozen=True, slots=True)
class Overview:
    by_status: dict[HazardStatus, int]
    by_level: dict[HazardLevel, int]
    by_industry: list[IndustryFigures]
    found: int  # every hazard not voided: the population of 整改率
    closed: int
    overdue: list[HazardRow]  # the most overdue first, at most LIST_LIMIT
    due_soon: list[HazardRow]
    profile: str = ""  # the 3030 profile the clock figures below follow
    supervised: int = 0  # under 挂牌督办 now
    closure_exceeded: int = 0  # open past their closure limit
    verification_overdue: int = 0
    response_late: int = 0  # 待交办 past their response limit
    overdue_count: int = 0  # all of them (the list stops at LIST_LIMIT)
    station_code: str = ""  # the station the figures are for; "" for every station
    # Every station the ledger holds (this install's first), whatever ``station_code`` is.
    by_station: list[StationFigures] = field(default_factory=list)

    @property
    def rectification_rate(self) -> float:
        """整改率 = 已闭环 ÷ 发现 (voided hazards excluded from both)."""
        return self.closed / self.found if self.found else 0.0


LIST_LIMIT = 200


def overview(ledger: Ledger, due_soon_days: int = 3, *, station_code: str = "") -> Overview:
    """The figures of every station (``station_code`` empty) or of the station ``station_code``."""
    today = ledger.today()
    code = station_code.strip().upper()
    closed = case((Hazard.status == HazardStatus.VERIFIED.value, 1), else_=0)
    being_fixed = case((Hazard.status.in_(("discovered", "assigned", "rectified")), 1), else_=0)
    late = case(
        ((Hazard.status == HazardStatus.ASSIGNED.value) & (Hazard.deadline < today), 1), else_=0
    )
    kept = Hazard.status != HazardStatus.VOIDED.value
    with ledger.read() as session:
        local_station(session)
        ours = _station_condition(session, code)
        by_status = dict.fromkeys(HazardStatus, 0)
        for status, count in session.execute(
            select(Hazard.status, func.count()).where(ours).group_by(Hazard.status)
        ):
            by_status[HazardStatus(status)] = count
        by_level = dict.fromkeys(HazardLevel, 0)
        for level, count in session.execute(
            select(Hazard.level, func.count()).where(kept, ours).group_by(Hazard.level)
        ):
            by_level[HazardLevel(level)] = count
        industries = [
            IndustryFigures(industry or "（未填）", found, int(done), int(still), int(over))
            for industry, found, done, still, over in session.execute(
                select(
                    Hazard.industry,
                    func.count(),
                    func.sum(closed),
                    func.sum(being_fixed),
                    func.sum(late),
                )
                .where(kept, ours)
                .group_by(Hazard.industry)
                .order_by(func.count().desc())
            )
        ]
        stations = _by_station(session, closed, late)
    found = sum(by_level.values())
    return Overview(
        by_status=by_status,
        by_level=by_level,
        by_industry=industries,
        found=found,
        closed=by_status[HazardStatus.VERIFIED],
        overdue=list_hazards(
            ledger,
            HazardFilter(overdue=True, station=code),
            sort="overdue_days",
            descending=True,
            limit=LIST_LIMIT,
        ),
        due_soon=list_hazards(
            ledger,
            HazardFilter(due_within=due_soon_days, station=code),
            sort="deadline",
            limit=LIST_LIMIT,
        ),
        profile=load_profile(ledger).summary(),
        supervised=_count(ledger, HazardFilter(supervised=True, station=code)),
        closure_exceeded=_count(ledger, HazardFilter(closure_exceeded=True, station=code)),
        verification_overdue=_count(ledger, HazardFilter(verification_overdue=True, station=code)),
        response_late=sum(
            row.clocks.response_late
            for row in list_hazards(
                ledger, HazardFilter(status=HazardStatus.DISCOVERED, station=code)
            )
        ),
        overdue_count=_count(ledger, HazardFilter(overdue=True, station=code)),
        station_code=code,
        by_station=stations,
    )


def _station_condition(session: Session, code: str) -> ColumnElement[bool]:
    """Hazards of the station ``code`` (every hazard when ``code`` is empty)."""
    if not code:
        return true()
    uuid = session.scalars(select(Station.uuid).where(Station.code == code)).first()
    if uuid is None:
        raise NotFoundError(f"台账中没有简码为 {code} 的站点。", field="station")
    return Hazard.station_uuid == uuid


def _by_station(
    session: Session, closed: ColumnElement[int], late: ColumnElement[int]
) -> list[StationFigures]:
    """A line per station, in one query: this install's station first, then by code."""
    kept = case((Hazard.status != HazardStatus.VOIDED.value, 1), else_=0)
    query = (
        select(
            Station.code,
            Station.name,
            Station.is_local,
            func.coalesce(func.sum(kept), 0),
            func.coalesce(func.sum(closed), 0),
            func.coalesce(func.sum(late), 0),
            func.count(Supervision.id),
        )
        .outerjoin(Hazard, Hazard.station_uuid == Station.uuid)
        .outerjoin(
            Supervision,
            and_(Supervision.hazard_uuid == Hazard.uuid, Supervision.status != "delisted"),
        )
        .group_by(Station.id)
        .order_by(Station.is_local.desc(), Station.code)
    )
    return [
        StationFigures(code, name, bool(is_local), int(found), int(done), int(over), int(listed))
        for code, name, is_local, found, done, over, listed in session.execute(query)
    ]


def _count(ledger: Ledger, filters: HazardFilter) -> int:
    return sum(count_by_status(ledger, filters).values())
