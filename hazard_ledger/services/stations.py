"""本站: initialising this install's station and reading it; the stations a county ledger holds
(its own and those imported from the townships' sync packages)."""

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from hazard_ledger.db.models import Hazard, Station
from hazard_ledger.domain.errors import DuplicateError, NotFoundError
from hazard_ledger.domain.numbering import normalize_station_code
from hazard_ledger.domain.validation import optional_text, required_text
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.events import append_record_event
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.snapshots import changed, snapshot


def init_station(
    ledger: Ledger,
    *,
    code: str,
    name: str,
    township: str = "",
    county: str = "",
    doc_prefix: str = "",
) -> StationView:
    """Create this install's station. Refused when the ledger already has one."""
    code = normalize_station_code(code)
    name = required_text(name, field="name", label="站名", max_length=100)
    township = optional_text(township, field="township", label="乡镇（街道）", max_length=100)
    county = optional_text(county, field="county", label="县（市、区）", max_length=100)
    # The short prefix in document numbers, e.g. （罗）: by default the township's first character.
    doc_prefix = optional_text(doc_prefix, field="doc_prefix", label="文号简称", max_length=20)
    doc_prefix = doc_prefix or (township or name)[:1]
    with ledger.write() as session:
        existing = session.scalars(select(Station).where(Station.is_local)).first()
        if existing is not None:
            raise DuplicateError(
                f"本台账已初始化为“{existing.name}”（{existing.code}），不能再次初始化。"
            )
        if session.scalars(select(Station).where(Station.code == code)).first():
            raise DuplicateError(f"站点简码 {code} 已被台账中的其他站点使用。")
        station = Station(
            code=code,
            name=name,
            township=township,
            county=county,
            doc_prefix=doc_prefix,
            is_local=True,
        )
        session.add(station)
        session.flush()
        append_record_event(
            session, station, kind="created", actor=ledger.operator, changes=snapshot(station)
        )
        return station_view(station)


def local_station(session: Session) -> Station:
    """This install's station; a clear error when the ledger was never initialised."""
    station = session.scalars(select(Station).where(Station.is_local)).first()
    if station is None:
        raise NotFoundError("台账尚未初始化：请先用 init 登记本站（或用 demo 打开示例台账）。")
    return station


def get_local_station(ledger: Ledger) -> StationView | None:
    """This install's station, or None before ``init``."""
    with ledger.read() as session:
        station = session.scalars(select(Station).where(Station.is_local)).first()
        return station_view(station) if station else None


def get_station(ledger: Ledger, code: str) -> StationView:
    """The station ``code`` (this install's or an imported one); documents of an imported
    record print under its own station."""
    with ledger.read() as session:
        station = session.scalars(
            select(Station).where(Station.code == code.strip().upper())
        ).first()
        if station is None:
            raise NotFoundError(f"台账中没有简码为 {code} 的站点。", field="station")
        return station_view(station)


def list_stations(ledger: Ledger) -> list[StationView]:
    """Every station the ledger holds, this install's own first, then by code, each with its
    hazard counts (not voided; still open). One query."""
    # A station without hazards has one row of NULLs from the outer join: neither case counts it.
    kept = case((Hazard.status != "voided", 1), else_=0)
    still_open = case((Hazard.status.in_(("discovered", "assigned", "rectified")), 1), else_=0)
    query = (
        select(
            Station,
            func.coalesce(func.sum(kept), 0),
            func.coalesce(func.sum(still_open), 0),
        )
        .outerjoin(Hazard, Hazard.station_uuid == Station.uuid)
        .group_by(Station.id)
        .order_by(Station.is_local.desc(), Station.code)
    )
    with ledger.read() as session:
        return [
            station_view(station, int(total), int(being_fixed))
            for station, total, being_fixed in session.execute(query)
        ]


def station_view(station: Station, total_hazards: int = 0, open_hazards: int = 0) -> StationView:
    return StationView(
        uuid=station.uuid,
        code=station.code,
        name=station.name,
        township=station.township,
        county=station.county,
        doc_prefix=station.doc_prefix,
        is_local=station.is_local,
        total_hazards=total_hazards,
        open_hazards=open_hazards,
    )


def edit_station(
    ledger: Ledger, *, name: str, township: str = "", county: str = "", doc_prefix: str = ""
) -> StationView:
    """Change this station's details. The short code is fixed: hazard codes are built on it."""
    values = {
        "name": required_text(name, field="name", label="站名", max_length=100),
        "township": optional_text(township, field="township", label="乡镇（街道）", max_length=100),
        "county": optional_text(county, field="county", label="县（市、区）", max_length=100),
        "doc_prefix": optional_text(
            doc_prefix, field="doc_prefix", label="文号简称", max_length=20
        ),
    }
    with ledger.write() as session:
        station = local_station(session)
        before = snapshot(station)
        for key, value in values.items():
            setattr(station, key, value)
        changes = changed(before, snapshot(station))
        if changes:
            session.flush()
            append_record_event(
                session, station, kind="edited", actor=ledger.operator, changes=changes
            )
        return station_view(station)
