"""Figures for the overview tab: counts by status, level and 行业领域, 整改率, watch lists."""

from dataclasses import dataclass

from sqlalchemy import case, func, select

from hazard_ledger.db.models import Hazard
from hazard_ledger.domain.enums import HazardLevel, HazardStatus
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
class Overview:
    by_status: dict[HazardStatus, int]
    by_level: dict[HazardLevel, int]
    by_industry: list[IndustryFigures]
    found: int  # every hazard not voided: the population of 整改率
    closed: int
    overdue: list[HazardRow]
    due_soon: list[HazardRow]
    profile: str = ""  # the 3030 profile the clock figures below follow
    supervised: int = 0  # under 挂牌督办 now
    closure_exceeded: int = 0  # open past their closure limit
    verification_overdue: int = 0
    response_late: int = 0  # 待交办 past their response limit

    @property
    def rectification_rate(self) -> float:
        """整改率 = 已闭环 ÷ 发现 (voided hazards excluded from both)."""
        return self.closed / self.found if self.found else 0.0


def overview(ledger: Ledger, due_soon_days: int = 3) -> Overview:
    today = ledger.today()
    closed = case((Hazard.status == HazardStatus.VERIFIED.value, 1), else_=0)
    being_fixed = case((Hazard.status.in_(("discovered", "assigned", "rectified")), 1), else_=0)
    late = case(
        ((Hazard.status == HazardStatus.ASSIGNED.value) & (Hazard.deadline < today), 1), else_=0
    )
    with ledger.read() as session:
        local_station(session)
        by_status = dict.fromkeys(HazardStatus, 0)
        for status, count in session.execute(
            select(Hazard.status, func.count()).group_by(Hazard.status)
        ):
            by_status[HazardStatus(status)] = count
        by_level = dict.fromkeys(HazardLevel, 0)
        for level, count in session.execute(
            select(Hazard.level, func.count())
            .where(Hazard.status != HazardStatus.VOIDED.value)
            .group_by(Hazard.level)
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
                .where(Hazard.status != HazardStatus.VOIDED.value)
                .group_by(Hazard.industry)
                .order_by(func.count().desc())
            )
        ]
    found = sum(by_level.values())
    return Overview(
        by_status=by_status,
        by_level=by_level,
        by_industry=industries,
        found=found,
        closed=by_status[HazardStatus.VERIFIED],
        overdue=list_hazards(
            ledger, HazardFilter(overdue=True), sort="overdue_days", descending=True, limit=200
        ),
        due_soon=list_hazards(
            ledger, HazardFilter(due_within=due_soon_days), sort="deadline", limit=200
        ),
        profile=load_profile(ledger).summary(),
        supervised=_count(ledger, HazardFilter(supervised=True)),
        closure_exceeded=_count(ledger, HazardFilter(closure_exceeded=True)),
        verification_overdue=_count(ledger, HazardFilter(verification_overdue=True)),
        response_late=sum(
            row.clocks.response_late
            for row in list_hazards(ledger, HazardFilter(status=HazardStatus.DISCOVERED))
        ),
    )


def _count(ledger: Ledger, filters: HazardFilter) -> int:
    return sum(count_by_status(ledger, filters).values())
