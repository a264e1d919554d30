"""The ledger (台账) as a county sheet expects it: one row per hazard with every column of
DOMAIN's ledger, for the printed ledger and the Excel export.

The column list (Chinese header → attribute of LedgerRow) is LEDGER_COLUMNS; a printout or a
workbook takes its columns from there so the two cannot drift apart.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, func, select
from sqlalchemy.orm import Session

from hazard_ledger.db.models import Hazard, Notice, NoticeItem, Station, Supervision, Unit
from hazard_ledger.domain.deadlines import overdue_days
from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.supervision import SupervisionStatus
from hazard_ledger.services.clocks import clock_context
from hazard_ledger.services.hazard_queries import (
    HazardFilter,
    apply_filters,
    apply_sort,
    hazards_with_unit,
)
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.stations import local_station

RESULTS = {"pass": "合格", "fail": "不合格"}

CellValue = str | int | dt.date | Decimal | None


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One hazard as a ledger line. ``serial`` (序号) is its position in the result, from 1."""

    serial: int
    code: str
    unit: str
    credit_code: str
    village: str
    address: str  # the unit's address
    location: str  # 部位
    industry: str
    category: str
    description: str
    basis: str
    level: HazardLevel
    source: str
    found_on: dt.date
    inspector: str
    responsible: str
    responsible_phone: str
    requirement: str
    deadline: dt.date | None
    notice_number: str  # of the latest valid 整改通知书 listing the hazard; "" if none
    served_on: dt.date | None  # that notice's 送达 date
    measures: str
    funds_fen: int | None
    rectified_on: dt.date | None
    verified_by: str
    verified_on: dt.date | None
    verification_result: str  # "pass", "fail" or ""
    status: HazardStatus
    overdue_days: int
    # 挂牌督办: the SupervisionStatus value ("" if never listed), its level (县级/市级/省级),
    # 文号 and 销号 date.
    supervision: str = ""
    listing_level: str = ""
    listing_doc_no: str = ""
    delisted_on: dt.date | None = None
    # Not ledger columns: the hazard's station (a county ledger holds several) and its 交办
    # date (the weekly report reconstructs the state at a past day from the dates).
    station_code: str = ""
    assigned_on: dt.date | None = None

    @property
    def place(self) -> str:
        """地址/部位: the unit's address and the hazard's location, either may be missing."""
        return " ".join(part for part in (self.address, self.location) if part)

    @property
    def level_label(self) -> str:
        return self.level.label

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def verification_label(self) -> str:
        return RESULTS.get(self.verification_result, "")

    @property
    def funds_yuan(self) -> Decimal | None:
        return None if self.funds_fen is None else Decimal(self.funds_fen) / 100

    @property
    def supervised_label(self) -> str:
        """是否挂牌督办: 是 once listed (a delisted hazard was listed: its 销号日期 says so)."""
        return "是" if self.supervision else "否"

    @property
    def listed(self) -> bool:
        """Under 挂牌督办 now (listed, not yet delisted)."""
        return self.supervision not in ("", SupervisionStatus.DELISTED.value)


@dataclass(frozen=True, slots=True)
class LedgerColumn:
    header: str
    attribute: str

    def value(self, row: LedgerRow) -> CellValue:
        value: CellValue = getattr(row, self.attribute)
        return value


# DOMAIN's ledger columns in the county sheet's order (备注 has no field to come from yet).
LEDGER_COLUMNS: tuple[LedgerColumn, ...] = tuple(
    LedgerColumn(header, attribute)
    for header, attribute in (
        ("序号", "serial"),
        ("隐患编号", "code"),
        ("单位名称", "unit"),
        ("统一社会信用代码", "credit_code"),
        ("村(社区)", "village"),
        ("地址/部位", "place"),
        ("行业领域", "industry"),
        ("隐患类别", "category"),
        ("隐患描述", "description"),
        ("依据", "basis"),
        ("隐患等级", "level_label"),
        ("隐患来源", "source"),
        ("发现日期", "found_on"),
        ("检查人", "inspector"),
        ("整改责任人", "responsible"),
        ("联系电话", "responsible_phone"),
        ("整改要求", "requirement"),
        ("整改期限", "deadline"),
        ("通知书文号", "notice_number"),
        ("送达日期", "served_on"),
        ("整改措施", "measures"),
        ("整改资金(元)", "funds_yuan"),
        ("整改完成日期", "rectified_on"),
        ("复查人", "verified_by"),
        ("复查日期", "verified_on"),
        ("复查结论", "verification_label"),
        ("状态", "status_label"),
        ("逾期天数", "overdue_days"),
        ("是否挂牌督办", "supervised_label"),
        ("挂牌级别", "listing_level"),
        ("挂牌文号", "listing_doc_no"),
        ("销号日期", "delisted_on"),
    )
)
COLUMNS_BY_ATTRIBUTE = {column.attribute: column for column in LEDGER_COLUMNS}

# The fields ledger_rows selects, in LedgerRow's order (序号 and 逾期天数 are derived).
_SELECTED = [f.name for f in fields(LedgerRow) if f.name not in ("serial", "overdue_days")]
_DAYS = [f.name for f in fields(LedgerRow)].index("overdue_days") - 1  # its place in _SELECTED
_LEVEL, _STATUS, _DEADLINE, _ASSIGNED, _RECTIFIED = (
    _SELECTED.index(name) for name in ("level", "status", "deadline", "assigned_on", "rectified_on")
)


def cell_text(value: CellValue) -> str:
    """A cell as people read it: dates YYYY-MM-DD, money with two decimals, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def ledger_rows(
    ledger: Ledger,
    filters: HazardFilter,
    *,
    sort: str = "found_on",
    descending: bool = False,
) -> list[LedgerRow]:
    """Every hazard matching ``filters`` with all ledger columns, in one query; sorted as the
    ledger list sorts (``sort`` a key of hazard_queries.SORT_COLUMNS, oldest found first)."""
    today = ledger.today()
    # The clock filters compare with cutoffs from the profile and the calendar (files, no query).
    clocked = filters.closure_exceeded or filters.verification_overdue
    context = clock_context(ledger) if clocked else None
    with ledger.read() as session:
        local_station(session)  # a clear message before `init`
        query = apply_filters(session, _ledger_query(), filters, today, context)
        rows = session.execute(apply_sort(query, sort, descending)).all()
    return _ledger_rows(rows, today)


def select_ledger_rows(
    session: Session,
    *conditions: ColumnElement[bool],
    today: dt.date,
    sort: str = "found_on",
    descending: bool = False,
    by_dates: bool = False,
) -> list[LedgerRow]:
    """The ledger rows of the hazards meeting the SQL ``conditions`` (on Hazard, Unit, Station
    and Supervision), inside the caller's transaction: one query, for reports that choose
    their hazards otherwise than by a HazardFilter (the weekly report's 明细 and 逾期).

    ``today`` is the day 逾期天数 are counted to; with ``by_dates`` they are those of that day
    as the hazard's dates tell it (see overdue_days_on), for a day that may be past."""
    query = apply_sort(_ledger_query().where(*conditions), sort, descending)
    return _ledger_rows(session.execute(query).all(), today, by_dates=by_dates)


def overdue_days_on(
    status: HazardStatus,
    assigned_on: dt.date | None,
    rectified_on: dt.date | None,
    deadline: dt.date | None,
    day: dt.date,
) -> int:
    """逾期天数 on ``day``, possibly past, as the hazard's dates tell it: being fixed then
    (assigned by then, not 待交办 or voided now, its fix not reported by then) and past its
    deadline. On today it equals domain.deadlines.overdue_days. A deadline moved since, or a
    交办 withdrawn since, is not reconstructed. services.weekly counts by the same rule in SQL."""
    if status in (HazardStatus.DISCOVERED, HazardStatus.VOIDED) or deadline is None:
        return 0
    if assigned_on is None or assigned_on > day:
        return 0
    if rectified_on is not None and rectified_on <= day:
        return 0
    return max(0, (day - deadline).days)


def _ledger_query() -> Select:  # type: ignore[type-arg]
    """Every ledger column of every hazard, in _SELECTED's order (filters are added after)."""
    # The latest valid 整改通知书 per hazard, ranked in the database so the whole ledger stays
    # one query (a hazard is listed again only after a notice was voided and reissued).
    rank = (
        func.row_number()
        .over(
            partition_by=NoticeItem.hazard_uuid,
            order_by=(Notice.issued_on.desc(), Notice.id.desc()),
        )
        .label("rank")
    )
    notices = (
        select(NoticeItem.hazard_uuid, Notice.number, Notice.served_on, rank)
        .join(Notice, Notice.uuid == NoticeItem.notice_uuid)
        .where(Notice.kind == "rectification", Notice.status == "issued")
        .subquery("latest_notice")
    )
    columns = {
        "code": Hazard.code,
        "unit": Unit.name,
        "credit_code": func.coalesce(Unit.credit_code, ""),
        "village": Unit.village,
        "address": Unit.address,
        "location": Hazard.location,
        "industry": Hazard.industry,
        "category": Hazard.category,
        "description": Hazard.description,
        "basis": Hazard.basis,
        "level": Hazard.level,
        "source": Hazard.source,
        "found_on": Hazard.found_on,
        "inspector": Hazard.inspector,
        "responsible": Hazard.responsible,
        "responsible_phone": Hazard.responsible_phone,
        "requirement": Hazard.requirement,
        "deadline": Hazard.deadline,
        "notice_number": func.coalesce(notices.c.number, ""),
        "served_on": notices.c.served_on,
        "measures": Hazard.measures,
        "funds_fen": Hazard.funds_fen,
        "rectified_on": Hazard.rectified_on,
        "verified_by": Hazard.verified_by,
        "verified_on": Hazard.verified_on,
        "verification_result": Hazard.verification_result,
        "status": Hazard.status,
        "supervision": func.coalesce(Supervision.status, ""),
        "listing_level": func.coalesce(Supervision.level, ""),
        "listing_doc_no": func.coalesce(Supervision.doc_no, ""),
        "delisted_on": Supervision.delisted_on,
        "station_code": Station.code,
        "assigned_on": Hazard.assigned_on,
    }
    return (
        hazards_with_unit(*(columns[name] for name in _SELECTED))
        .outerjoin(notices, and_(notices.c.hazard_uuid == Hazard.uuid, notices.c.rank == 1))
        .outerjoin(Supervision, Supervision.hazard_uuid == Hazard.uuid)
    )


def _ledger_rows(
    rows: Sequence[Row[Any]], today: dt.date, *, by_dates: bool = False
) -> list[LedgerRow]:
    levels = {level.value: level for level in HazardLevel}
    statuses = {status.value: status for status in HazardStatus}
    result = []
    for serial, row in enumerate(rows, start=1):
        # By position, in LedgerRow's order: named access on 31 columns of thousands of rows
        # took half the time of the whole call.
        values = list(row)
        values[_LEVEL] = levels[values[_LEVEL]]
        status = values[_STATUS] = statuses[values[_STATUS]]
        if by_dates:
            days = overdue_days_on(
                status, values[_ASSIGNED], values[_RECTIFIED], values[_DEADLINE], today
            )
        else:
            days = overdue_days(status, values[_DEADLINE], today)
        result.append(LedgerRow(serial, *values[:_DAYS], days, *values[_DAYS:]))
    return result


def describe_filter(filters: HazardFilter) -> str:
    """What ``filters`` select, in Chinese, for the heading of a printout or a sheet:
    "全部隐患" or e.g. "筛选：逾期；村(社区)：城东社区"."""
    parts = []
    if filters.overdue:
        parts.append("逾期")
    if filters.due_within is not None:
        parts.append(f"临期（{filters.due_within} 天内到期）")
    if filters.supervised:
        parts.append("挂牌督办中")
    if filters.closure_exceeded:
        parts.append("闭环超期")
    if filters.verification_overdue:
        parts.append("复查超期")
    if filters.status is not None:
        parts.append(f"状态：{filters.status.label}")
    if filters.level is not None:
        parts.append(f"等级：{filters.level.label}")
    for label, value in (
        ("单位", filters.unit),
        ("行业领域", filters.industry),
        ("村(社区)", filters.village),
        ("站点", filters.station.strip().upper()),
    ):
        if value.strip():
            parts.append(f"{label}：{value.strip()}")
    if filters.search.strip():
        parts.append(f"查找：{' '.join(filters.search.split())}")
    return "筛选：" + "；".join(parts) if parts else "全部隐患"
