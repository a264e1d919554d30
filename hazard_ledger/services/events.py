"""Appending events to the hash chain, inside the caller's transaction."""

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hazard_ledger.db.base import new_uuid, utc_now_text
from hazard_ledger.db.models import Event, Station
from hazard_ledger.domain.errors import WorkflowError
from hazard_ledger.domain.history import GENESIS_HASH, EventFacts, canonical_json
from hazard_ledger.services.snapshots import Record, record_type


def append_event(
    session: Session,
    *,
    station_uuid: str,
    record_type: str,
    record_uuid: str,
    kind: str,
    actor: str,
    changes: Mapping[str, Any],
    extra: Mapping[str, Any] | None = None,
) -> Event:
    """Append one event to the station's chain. Must run in a write (IMMEDIATE) transaction so
    that no other writer appends between reading the chain's head and inserting."""
    owner = select(Station.is_local, Station.name).where(Station.uuid == station_uuid)
    if session.get_bind().dialect.name != "sqlite":
        # Elsewhere (PostgreSQL) writers queue on the station's row instead of BEGIN IMMEDIATE.
        owner = owner.with_for_update()
    station = session.execute(owner).first()
    if station is not None and not station.is_local:
        # Another station's chain is written by that station only; a change made here would
        # fork it, and its next package could no longer be merged.
        raise WorkflowError(
            f"该记录属于“{station.name}”（从数据包导入），在本台账中只读；"
            "请由该站修改，随其下一个数据包导入。"
        )
    head = session.execute(
        select(Event.seq, Event.hash)
        .where(Event.station_uuid == station_uuid)
        .order_by(Event.seq.desc())
        .limit(1)
    ).first()
    seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
    payload: dict[str, Any] = {"changes": dict(changes)}
    if extra:
        payload.update(extra)
    now = utc_now_text()
    facts = EventFacts(
        uuid=new_uuid(),
        station_uuid=station_uuid,
        seq=seq,
        record_type=record_type,
        record_uuid=record_uuid,
        kind=kind,
        occurred_at=now,
        actor=actor,
        payload=payload,
    )
    event = Event(
        uuid=facts.uuid,
        station_uuid=station_uuid,
        seq=seq,
        record_type=record_type,
        record_uuid=record_uuid,
        kind=kind,
        occurred_at=now,
        recorded_at=now,
        actor=actor,
        payload=canonical_json(payload),
        prev_hash=prev_hash,
        hash=facts.chained_hash(prev_hash),
    )
    session.add(event)
    session.flush()
    return event


def append_record_event(
    session: Session,
    row: Record,
    *,
    kind: str,
    actor: str,
    changes: Mapping[str, Any],
    extra: Mapping[str, Any] | None = None,
) -> Event:
    """Append the event of a change to ``row`` (a station is its own chain's owner)."""
    station_uuid = row.uuid if isinstance(row, Station) else row.station_uuid
    return append_event(
        session,
        station_uuid=station_uuid,
        record_type=record_type(row),
        record_uuid=row.uuid,
        kind=kind,
        actor=actor,
        changes=changes,
        extra=extra,
    )


def event_facts(event: Event) -> EventFacts:
    """The hashed content of a stored event."""
    return EventFacts(
        uuid=event.uuid,
        station_uuid=event.station_uuid,
        seq=event.seq,
        record_type=event.record_type,
        record_uuid=event.record_uuid,
        kind=event.kind,
        occurred_at=event.occurred_at,
        actor=event.actor,
        payload=json.loads(event.payload),
    )
