"""Reading hazards: the filtered ledger list and one hazard in full."""

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from hazard_ledger.db.models import Attachment, Event, Hazard, Station, Supervision, Unit
from hazard_ledger.domain.deadlines import overdue_days
from hazard_ledger.domain.enums import HazardLevel, HazardStatus, PhotoKind
from hazard_ledger.domain.supervision import SupervisionStep
from hazard_ledger.domain.workflow import Action
from hazard_ledger.services.clocks import (
    ClockContext,
    ClockRow,
    clock_context,
    clocks_for,
    closure_cutoffs,
    hazard_clocks,
    verification_cutoff,
)
from hazard_ledger.services.dto import EventView, HazardDetail, HazardRow, PhotoView
from hazard_ledger.services.hazards import get_hazard_row
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.photos import photo_path, thumbnail_path
from hazard_ledger.services.search import search_condition
from hazard_ledger.services.stations import local_station
from hazard_ledger.services.supervision import supervision_view
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
    supervised: bool = False  # under 挂牌督办 now (listed, not yet delisted)
    closure_exceeded: bool = False  # still open past its closure limit (3030 profile)
    verification_overdue: bool = False  # fix reported, 复查 past its limit


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
    Hazard.assigned_on,
    Hazard.rectified_on,
    Hazard.verified_on,
    select(Supervision.status).where(Supervision.hazard_uuid == Hazard.uuid).scalar_subquery(),
    select(Supervision.deadline).where(Supervision.hazard_uuid == Hazard.uuid).scalar_subquery(),
)
_OPEN = (HazardStatus.DISCOVERED.value, HazardStatus.ASSIGNED.value, HazardStatus.RECTIFIED.value)


def hazards_with_unit(*columns: Any) -> Select:  # type: ignore[type-arg]
    """SELECT ``columns`` from hazards joined with their unit and station (what every filter
    may look at); the ledger list and the ledger printout both start here."""
    return (
        select(*columns)
        .join(Unit, Unit.uuid == Hazard.unit_uuid)
        .join(Station, Station.uuid == Hazard.station_uuid)
    )


def apply_filters(  # type: ignore[type-arg]
    session: Session,
    query: Select,
    filters: HazardFilter,
    today: dt.date,
    context: ClockContext | None = None,
) -> Select:
    """``query`` (over hazards joined as the filters need) restricted to ``filters``; the
    clock filters (closure exceeded, verification overdue) need the ``context``."""
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
    if filters.supervised:
        query = query.where(
            Hazard.uuid.in_(select(Supervision.hazard_uuid).where(Supervision.status != "delisted"))
        )
    if filters.closure_exceeded or filters.verification_overdue:
        if context is None:
            raise ValueError("clock filters need the ledger's clock context")
        if filters.closure_exceeded:
            cutoffs = closure_cutoffs(context, today)
            query = query.where(
                Hazard.status.in_(_OPEN),
                or_(
                    *(
                        (Hazard.level == level.value) & (Hazard.found_on <= cutoff)
                        for level, cutoff in cutoffs.items()
                    )
                ),
            )
        if filters.verification_overdue:
            query = query.where(
                Hazard.status == HazardStatus.RECTIFIED.value,
                Hazard.rectified_on <= verification_cutoff(context, today),
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
    context = clock_context(ledger)
    with ledger.read() as session:
        local_station(session)  # a clear message before `init`
        query = apply_filters(session, hazards_with_unit(*_LIST_COLUMNS), filters, today, context)
        query = apply_sort(query, sort, descending)
        if limit is not None:
            query = query.limit(limit).offset(offset)
        rows = session.execute(query).all()
        statuses = {status.value: status for status in HazardStatus}
        levels = {level.value: level for level in HazardLevel}
        # Columns in the order of _LIST_COLUMNS.
        facts = [
            ClockRow(r[1], levels[r[7]], statuses[r[8]], r[10], r[13], r[11], r[14], r[15])
            for r in rows
        ]
        clocks = clocks_for(session, facts, context)
    result = []
    for row, fact in zip(rows, facts, strict=True):
        result.append(
            HazardRow(
                *row[:7],
                fact.level,
                fact.status,
                *row[9:13],
                overdue_days(fact.status, fact.deadline, today),
                assigned_on=fact.assigned_on,
                rectified_on=fact.rectified_on,
                clocks=clocks[fact.uuid],
                supervision=row[16] or "",
                supervision_deadline=row[17],
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
        clocked = filters.closure_exceeded or filters.verification_overdue
        context = clock_context(ledger) if clocked else None
        query = apply_filters(session, query, replace(filters, status=None), today, context)
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
        supervision = session.scalars(
            select(Supervision).where(Supervision.hazard_uuid == hazard.uuid)
        ).first()
        # A listed hazard's history and photos include its supervision's steps and reports.
        records = [hazard.uuid] + ([supervision.uuid] if supervision else [])
        attachments = session.scalars(
            select(Attachment).where(Attachment.record_uuid.in_(records)).order_by(Attachment.id)
        ).all()
        events = session.scalars(
            select(Event).where(Event.record_uuid.in_(records)).order_by(Event.seq)
        ).all()
        context = clock_context(ledger)
        clocks = hazard_clocks(session, [hazard], context)[hazard.uuid]
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
        history = tuple(_event_view(e) for e in events)
        return HazardDetail(
            code=hazard.code,
            uuid=hazard.uuid,
            station_code=station.code,
            station_name=station.name,
            station_local=station.is_local,
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
            clocks=clocks,
            profile=context.profile.summary(),
            supervision=supervision_view(session, hazard, supervision) if supervision else None,
            extension_to=hazard.extension_to,
            extension_reason=hazard.extension_reason or "",
            extension_requested_on=hazard.extension_requested_on,
            photos=photos,
            history=history,
        )


def _event_view(event: Event) -> EventView:
    payload = json.loads(event.payload)
    if event.record_type == "supervision":
        label = SupervisionStep(event.kind).label
    else:
        label = Action(event.kind).label
    return EventView(
        seq=event.seq,
        kind=event.kind,
        label=label,
        occurred_at=event.occurred_at,
        actor=event.actor,
        changes=payload.get("changes", {}),
        details={k: v for k, v in payload.items() if k not in ("changes", "photos")},
    )
