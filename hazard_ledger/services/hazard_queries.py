"""Reading hazards: the filtered ledger list and one hazard in full."""

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from hazard_ledger.db.models import Attachment, Event, Hazard, Station, Unit
from hazard_ledger.domain.deadlines import overdue_days
from hazard_ledger.domain.enums import HazardLevel, HazardStatus, PhotoKind
from hazard_ledger.domain.workflow import Action
from hazard_ledger.services.dto import EventView, HazardDetail, HazardRow, PhotoView
from hazard_ledger.services.hazards import get_hazard_row
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.photos import photo_path, thumbnail_path
from hazard_ledger.services.search import search_condition
from hazard_ledger.services.stations import local_station
from hazard_ledger.services.units import find_unit


@dataclass(frozen=True, slots=True)
class HazardFilter:
    """What the ledger list shows. Empty fields do not filter."""

    status: HazardStatus | None = None
    level: HazardLevel | None = None
    unit: str = ""
    industry: str = ""
    village: str = ""
    search: str = ""
    overdue: bool = False
    station: str = ""
    due_within: int | None = None  # 临期: being fixed, deadline within this many days


_LIST_COLUMNS = (
    Hazard.code,
    Hazard.uuid,
    Station.code,
    Unit.name,
    Unit.village,
    Hazard.description,
    Hazard.location,
    Hazard.level,
    Hazard.status,
    Hazard.industry,
    Hazard.found_on,
    Hazard.deadline,
    Hazard.responsible,
)


def hazards_with_unit(*columns: Any) -> Select:  # type: ignore[type-arg]
    """SELECT ``columns`` from hazards joined with their unit and station (what every filter
    may look at); the ledger list and the ledger printout both start here."""
    return (
        select(*columns)
        .join(Unit, Unit.uuid == Hazard.unit_uuid)
        .join(Station, Station.uuid == Hazard.station_uuid)
    )


def apply_filters(session: Session, query: Select, filters: HazardFilter, today: dt.date) -> Select:  # type: ignore[type-arg]
    """``query`` (over hazards joined as the filters need) restricted to ``filters``."""
    if filters.status is not None:
        query = query.where(Hazard.status == filters.status.value)
    if filters.level is not None:
        query = query.where(Hazard.level == filters.level.value)
    if filters.unit:
        unit = find_unit(session, local_station(session).uuid, filters.unit)
        query = query.where(Hazard.unit_uuid == unit.uuid)
    if filters.industry:
        query = query.where(Hazard.industry == filters.industry)
    if filters.village:
        query = query.where(Unit.village == filters.village)
    if filters.station:
        query = query.where(Station.code == filters.station.strip().upper())
    if filters.overdue:
        query = query.where(Hazard.status == HazardStatus.ASSIGNED.value, Hazard.deadline < today)
    if filters.due_within is not None:
        query = query.where(
            Hazard.status == HazardStatus.ASSIGNED.value,
            Hazard.deadline >= today,
            Hazard.deadline <= today + dt.timedelta(days=filters.due_within),
        )
    if filters.search.strip():
        condition = search_condition(session, filters.search)
        if condition is not None:
            query = query.where(condition)
    return query


# Sort keys the ledger list accepts (GUI columns), each with a unique tie-breaker.
SORT_COLUMNS = {
    "code": Hazard.code,
    "unit": Unit.name,
    "village": Unit.village,
    "description": Hazard.description,
    "level": Hazard.level,
    "status": Hazard.status,
    "found_on": Hazard.found_on,
    "deadline": Hazard.deadline,
    "responsible": Hazard.responsible,
}


def apply_sort(query: Select, sort: str, descending: bool) -> Select:  # type: ignore[type-arg]
    """``query`` ordered by ``sort`` (a key of SORT_COLUMNS, or ``overdue_days``), ties by code."""
    tie = Hazard.code.desc() if descending else Hazard.code.asc()
    if sort == "overdue_days":
        # Only hazards being fixed can be overdue: the earlier their deadline, the more days.
        watched = case((Hazard.status == HazardStatus.ASSIGNED.value, Hazard.deadline))
        if descending:
            return query.order_by(watched.is_(None), watched.asc(), tie)
        return query.order_by(watched.is_not(None), watched.desc(), tie)
    column = SORT_COLUMNS.get(sort, Hazard.found_on)
    return query.order_by(column.desc() if descending else column.asc(), tie)


def list_hazards(
    ledger: Ledger,
    filters: HazardFilter = HazardFilter(),
    *,
    sort: str = "found_on",
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[HazardRow]:
    """The ledger rows matching ``filters``, sorted by ``sort`` (a key of SORT_COLUMNS; by
    default oldest found first); ``limit``/``offset`` page through them."""
    today = ledger.today()
    with ledger.read() as session:
        local_station(session)  # a clear message before `init`
        query = apply_filters(session, hazards_with_unit(*_LIST_COLUMNS), filters, today)
        query = apply_sort(query, sort, descending)
        if limit is not None:
            query = query.limit(limit).offset(offset)
        rows = session.execute(query).all()
    statuses = {status.value: status for status in HazardStatus}
    levels = {level.value: level for level in HazardLevel}
    result = []
    for row in rows:  # columns in the order of _LIST_COLUMNS
        status = statuses[row[8]]
        result.append(
            HazardRow(
                *row[:7], levels[row[7]], status, *row[9:], overdue_days(status, row[11], today)
            )
        )
    return result


def count_by_status(
    ledger: Ledger, filters: HazardFilter = HazardFilter()
) -> dict[HazardStatus, int]:
    """How many hazards match ``filters`` in each status (the status filter itself ignored)."""
    today = ledger.today()
    with ledger.read() as session:
        local_station(session)
        # A text search reads every row anyway: grouping by an expression stops SQLite from
        # walking the status index and fetching each row at random (measured 2× slower).
        status = Hazard.status.concat("") if filters.search.strip() else Hazard.status
        query = select(status, func.count()).select_from(Hazard)
        # Join only what the filters look at: an unfiltered count then reads one index.
        if filters.village or filters.search.strip():
            query = query.join(Unit, Unit.uuid == Hazard.unit_uuid)
        if filters.station:
            query = query.join(Station, Station.uuid == Hazard.station_uuid)
        query = apply_filters(session, query, replace(filters, status=None), today)
        rows = session.execute(query.group_by(status)).all()
    counts = dict.fromkeys(HazardStatus, 0)
    counts.update({HazardStatus(status): count for status, count in rows})
    return counts


def filter_choices(ledger: Ledger) -> dict[str, list[str]]:
    """The villages and 行业领域 present in the ledger, for the filter bar."""
    with ledger.read() as session:
        villages = session.scalars(
            select(Unit.village).where(Unit.village != "").distinct().order_by(Unit.village)
        ).all()
        industries = session.scalars(
            select(Hazard.industry)
            .where(Hazard.industry != "")
            .distinct()
            .order_by(Hazard.industry)
        ).all()
    return {"villages": list(villages), "industries": list(industries)}


def show_hazard(ledger: Ledger, code: str) -> HazardDetail:
    """One hazard with every field, its photos and its history."""
    today = ledger.today()
    with ledger.read() as session:
        hazard = get_hazard_row(session, code)
        unit = session.scalars(select(Unit).where(Unit.uuid == hazard.unit_uuid)).one()
        station = session.scalars(select(Station).where(Station.uuid == hazard.station_uuid)).one()
        attachments = session.scalars(
            select(Attachment).where(Attachment.record_uuid == hazard.uuid).order_by(Attachment.id)
        ).all()
        events = session.scalars(
            select(Event).where(Event.record_uuid == hazard.uuid).order_by(Event.seq)
        ).all()
        status = HazardStatus(hazard.status)
        root = ledger.attachments_dir
        photos = tuple(
            PhotoView(
                uuid=a.uuid,
                kind=PhotoKind(a.kind),
                sha256=a.sha256,
                media_type=a.media_type,
                original_name=a.original_name,
                width=a.width,
                height=a.height,
                path=photo_path(root, a.sha256, a.media_type),
                thumbnail=thumbnail_path(root, a.sha256),
            )
            for a in attachments
        )
        history = tuple(
            EventView(
                seq=e.seq,
                kind=e.kind,
                label=Action(e.kind).label,
                occurred_at=e.occurred_at,
                actor=e.actor,
                changes=json.loads(e.payload).get("changes", {}),
            )
            for e in events
        )
        return HazardDetail(
            code=hazard.code,
            uuid=hazard.uuid,
            station_code=station.code,
            unit=unit.name,
            unit_uuid=unit.uuid,
            village=unit.village,
            status=status,
            level=HazardLevel(hazard.level),
            description=hazard.description,
            location=hazard.location,
            category=hazard.category,
            industry=hazard.industry,
            source=hazard.source,
            basis=hazard.basis,
            found_on=hazard.found_on,
            inspector=hazard.inspector,
            responsible=hazard.responsible,
            responsible_phone=hazard.responsible_phone,
            requirement=hazard.requirement,
            assigned_on=hazard.assigned_on,
            deadline=hazard.deadline,
            measures=hazard.measures,
            rectified_on=hazard.rectified_on,
            funds_fen=hazard.funds_fen,
            verified_by=hazard.verified_by,
            verified_on=hazard.verified_on,
            verification_result=hazard.verification_result,
            verification_opinion=hazard.verification_opinion,
            void_reason=hazard.void_reason,
            overdue_days=overdue_days(status, hazard.deadline, today),
            photos=photos,
            history=history,
        )
