"""生产经营单位: add, edit, list. Deduplicated by 统一社会信用代码 and by name."""

from dataclasses import dataclass

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from hazard_ledger.db.base import utc_now_text
from hazard_ledger.db.models import Hazard, Unit
from hazard_ledger.domain.credit_code import normalize_credit_code
from hazard_ledger.domain.errors import DuplicateError, NotFoundError
from hazard_ledger.domain.validation import optional_text, required_text
from hazard_ledger.services.dto import UnitView
from hazard_ledger.services.events import append_record_event
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.snapshots import changed, snapshot
from hazard_ledger.services.stations import local_station


@dataclass(frozen=True, slots=True)
class UnitInput:
    """What a person types for a unit. None in an edit means 'leave as it is'."""

    name: str | None = None
    credit_code: str | None = None
    industry: str | None = None
    village: str | None = None
    address: str | None = None
    contact: str | None = None
    phone: str | None = None


_LIMITS = {
    "industry": ("行业领域", 100),
    "village": ("村(社区)", 100),
    "address": ("地址", 300),
    "contact": ("联系人", 50),
    "phone": ("联系电话", 50),
}


def _clean(data: UnitInput, *, creating: bool) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    if creating or data.name is not None:
        values["name"] = required_text(data.name, field="name", label="单位名称", max_length=200)
    if data.credit_code is not None:
        code = data.credit_code.strip()
        values["credit_code"] = normalize_credit_code(code) if code else None
    for name, (label, limit) in _LIMITS.items():
        value = getattr(data, name)
        if value is not None or creating:
            values[name] = optional_text(value, field=name, label=label, max_length=limit)
    return values


def _refuse_duplicates(
    session: Session, station_uuid: str, values: dict, own_uuid: str = ""
) -> None:  # type: ignore[type-arg]
    name, code = values.get("name"), values.get("credit_code")
    if code:
        other = session.scalars(
            select(Unit).where(Unit.station_uuid == station_uuid, Unit.credit_code == code)
        ).first()
        if other is not None and other.uuid != own_uuid:
            raise DuplicateError(
                f"统一社会信用代码 {code} 已登记为“{other.name}”，同一单位不能重复登记。",
                field="credit_code",
            )
    if name:
        other = session.scalars(
            select(Unit).where(Unit.station_uuid == station_uuid, Unit.name == name)
        ).first()
        if other is not None and other.uuid != own_uuid:
            raise DuplicateError(f"单位“{name}”已经登记过。", field="name")


def add_unit(ledger: Ledger, data: UnitInput) -> UnitView:
    """Register a unit; refused if its name or credit code is already registered."""
    values = _clean(data, creating=True)
    with ledger.write() as session:
        station = local_station(session)
        _refuse_duplicates(session, station.uuid, values)
        unit = Unit(station_uuid=station.uuid, **values)
        session.add(unit)
        session.flush()
        append_record_event(
            session, unit, kind="added", actor=ledger.operator, changes=snapshot(unit)
        )
        return unit_view(unit)


def edit_unit(ledger: Ledger, ref: str, data: UnitInput) -> UnitView:
    """Change a unit's details (``ref``: its name, credit code or uuid)."""
    values = _clean(data, creating=False)
    with ledger.write() as session:
        station = local_station(session)
        unit = find_unit(session, station.uuid, ref)
        _refuse_duplicates(session, station.uuid, values, own_uuid=unit.uuid)
        before = snapshot(unit)
        for name, value in values.items():
            setattr(unit, name, value)
        changes = changed(before, snapshot(unit))
        if changes:
            unit.updated_at = utc_now_text()
            session.flush()
            append_record_event(
                session, unit, kind="edited", actor=ledger.operator, changes=changes
            )
        return unit_view(unit)


def find_unit(session: Session, station_uuid: str, ref: str) -> Unit:
    """A unit by exact name, credit code or uuid; NotFoundError otherwise."""
    text = (ref or "").strip()
    unit = session.scalars(
        select(Unit).where(
            Unit.station_uuid == station_uuid,
            or_(Unit.name == text, Unit.credit_code == text.upper(), Unit.uuid == text),
        )
    ).first()
    if unit is None:
        raise NotFoundError(f"未找到单位“{text}”，请先登记该单位（unit add）。", field="unit")
    return unit


def list_units(ledger: Ledger, search: str = "") -> list[UnitView]:
    """All units of this station with their hazard counts, by name; ``search`` filters by a part
    of the name, credit code, village or address."""
    open_case = case((Hazard.status.in_(("discovered", "assigned", "rectified")), 1), else_=0)
    # Count per unit first (one pass over the hazards), then join the units to the counts.
    counts = (
        select(
            Hazard.unit_uuid,
            func.count().label("total"),
            func.sum(open_case).label("open"),
        )
        .group_by(Hazard.unit_uuid)
        .subquery()
    )
    query = (
        select(Unit, func.coalesce(counts.c.total, 0), func.coalesce(counts.c.open, 0))
        .outerjoin(counts, counts.c.unit_uuid == Unit.uuid)
        .order_by(Unit.name)
    )
    text = search.strip()
    if text:
        pattern = f"%{text}%"
        query = query.where(
            or_(
                Unit.name.like(pattern),
                Unit.credit_code.like(pattern.upper()),
                Unit.village.like(pattern),
                Unit.address.like(pattern),
            )
        )
    with ledger.read() as session:
        station = local_station(session)
        rows = session.execute(query.where(Unit.station_uuid == station.uuid)).all()
        return [unit_view(unit, open_count, total) for unit, total, open_count in rows]


def unit_names(ledger: Ledger) -> list[str]:
    """This station's unit names, sorted: what a unit picker offers."""
    with ledger.read() as session:
        station = local_station(session)
        return list(
            session.scalars(
                select(Unit.name).where(Unit.station_uuid == station.uuid).order_by(Unit.name)
            )
        )


def unit_view(unit: Unit, open_hazards: int = 0, total_hazards: int = 0) -> UnitView:
    return UnitView(
        uuid=unit.uuid,
        name=unit.name,
        credit_code=unit.credit_code,
        industry=unit.industry,
        village=unit.village,
        address=unit.address,
        contact=unit.contact,
        phone=unit.phone,
        open_hazards=int(open_hazards),
        total_hazards=int(total_hazards),
    )
