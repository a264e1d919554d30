"""What has been exported and imported: the last export of this station, and for every
imported station the packages merged, with any numbers never received."""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hazard_ledger.db.models import Event, Hazard, Station, SyncPackage
from hazard_ledger.services.ledger import Ledger


def last_export_package(session: Session, station_uuid: str) -> SyncPackage | None:
    """The station's last export (the highest number), or None."""
    return session.scalars(
        select(SyncPackage)
        .where(SyncPackage.direction == "export", SyncPackage.station_uuid == station_uuid)
        .order_by(SyncPackage.sequence.desc())
        .limit(1)
    ).first()


def sync_status(ledger: Ledger) -> dict[str, Any]:
    with ledger.read() as session:
        local = session.scalars(select(Station).where(Station.is_local)).first()
        export = None
        if local is not None:
            package = last_export_package(session, local.uuid)
            if package is not None:
                export = {
                    "sequence": package.sequence,
                    "created_at": package.created_at,
                    "file_name": package.file_name,
                    "full": package.full,
                    "last_seq": package.last_seq,
                }
        imported: dict[str, list[SyncPackage]] = {}
        for package in session.scalars(
            select(SyncPackage)
            .where(SyncPackage.direction == "import")
            .order_by(SyncPackage.station_uuid, SyncPackage.sequence)
        ):
            imported.setdefault(package.station_uuid, []).append(package)
        events = dict(
            session.execute(
                select(Event.station_uuid, func.count()).group_by(Event.station_uuid)
            ).all()
        )
        hazards = dict(
            session.execute(
                select(Hazard.station_uuid, func.count()).group_by(Hazard.station_uuid)
            ).all()
        )
        stations = []
        for station in session.scalars(
            select(Station).where(Station.is_local.is_(False)).order_by(Station.code)
        ):
            packages = imported.get(station.uuid, [])
            numbers = {p.sequence for p in packages}
            # A full package carries everything before it: no number below it is missing.
            floor = max((p.sequence for p in packages if p.full), default=0)
            last = packages[-1] if packages else None
            stations.append(
                {
                    "code": station.code,
                    "name": station.name,
                    "township": station.township,
                    "last_sequence": max(numbers, default=0),
                    "last_imported_at": last.recorded_at if last else "",
                    "last_period": (
                        f"{last.period_start.isoformat()}—{last.period_end.isoformat()}"
                        if last
                        else ""
                    ),
                    "packages": len(packages),
                    "missing": [
                        n for n in range(floor + 1, max(numbers, default=0)) if n not in numbers
                    ],
                    "events": events.get(station.uuid, 0),
                    "hazards": hazards.get(station.uuid, 0),
                }
            )
        return {
            "local": local.code if local else None,
            "export": export,
            "stations": stations,
        }
