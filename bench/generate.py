"""Generate a large, realistic ledger fast: N units and hazards with full, hash-chained histories.

Going through the services one transaction per step would take hours for 100,000 hazards, so the
rows and events are built here with the same rules (the workflow's steps, the snapshots the
services record, the domain's hash chain) and inserted in bulk in one transaction. The result
passes `check`.

    python bench/generate.py DATA_DIR [--hazards N]
"""

import argparse
import datetime as dt
import random
import sys
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select

from hazard_ledger.db.models import Event, Hazard, Station, Unit
from hazard_ledger.domain.history import EventFacts, canonical_json
from hazard_ledger.domain.numbering import hazard_code
from hazard_ledger.services import demo_content as content
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.snapshots import HAZARD_FIELDS, UNIT_FIELDS, changed
from hazard_ledger.services.stations import init_station

TODAY = dt.date(2026, 11, 18)
DATE_FIELDS = ("found_on", "assigned_on", "deadline", "rectified_on", "verified_on")
# A new hazard's fields as the services record them: NULL where the column allows it (dates,
# money, a pending extension), else empty text.
HAZARD_COLUMNS = Hazard.__table__.columns
BUILDINGS = ["一号车间", "二号车间", "三号楼", "主楼", "东侧厂房", "西侧仓库", "北区", "南门"]


class _Chain:
    """Appends events to one station's chain, in memory."""

    def __init__(self, station_uuid: str, seq: int, prev_hash: str, start: dt.datetime) -> None:
        self.station_uuid, self.seq, self.prev_hash = station_uuid, seq, prev_hash
        self.clock = start
        self.rows: list[dict[str, Any]] = []

    def append(
        self, record_type: str, record_uuid: str, kind: str, actor: str, changes: dict[str, Any]
    ) -> None:
        self.seq += 1
        self.clock += dt.timedelta(seconds=7)
        stamp = self.clock.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        payload = {"changes": changes}
        facts = EventFacts(
            uuid=str(uuid.uuid4()),
            station_uuid=self.station_uuid,
            seq=self.seq,
            record_type=record_type,
            record_uuid=record_uuid,
            kind=kind,
            occurred_at=stamp,
            actor=actor,
            payload=payload,
        )
        digest = facts.chained_hash(self.prev_hash)
        self.rows.append(
            {
                "uuid": facts.uuid,
                "station_uuid": self.station_uuid,
                "seq": self.seq,
                "record_type": record_type,
                "record_uuid": record_uuid,
                "kind": kind,
                "occurred_at": stamp,
                "recorded_at": stamp,
                "actor": actor,
                "payload": canonical_json(payload),
                "prev_hash": self.prev_hash,
                "hash": digest,
            }
        )
        self.prev_hash = digest


def _step(chain: _Chain, state: dict[str, Any], kind: str, actor: str, **updates: Any) -> None:
    before = dict(state)
    state.update(updates)
    chain.append("hazard", state["uuid"], kind, actor, changed(before, state))


def _hazard_history(
    rng: random.Random,
    chain: _Chain,
    state: dict[str, Any],
    today: dt.date,
    contact: str,
    requirement: str,
    inspector: str,
) -> None:
    """Record the hazard and move it along the loop to a state plausible for its age."""
    chain.append("hazard", state["uuid"], "recorded", inspector, dict(state))
    found_on = dt.date.fromisoformat(state["found_on"])
    age, roll = (today - found_on).days, rng.random()
    if roll < 0.04 and age > 3:
        _step(chain, state, "voided", inspector, status="voided", void_reason="重复登记，予以作废")
        return
    if age < 2 or roll < 0.12:
        return
    assigned_on = found_on + dt.timedelta(days=rng.randint(0, 1))
    being_fixed = roll < 0.37
    if being_fixed:  # a deadline around today: about half of these are overdue
        deadline = max(
            today + dt.timedelta(days=rng.randint(-40, 30)), assigned_on + dt.timedelta(days=3)
        )
    else:
        deadline = assigned_on + dt.timedelta(days=rng.choice([3, 7, 15, 30]))
    _step(
        chain,
        state,
        "assigned",
        inspector,
        status="assigned",
        responsible=contact,
        responsible_phone=content.phone(rng.randrange(10**6)),
        requirement=requirement,
        assigned_on=assigned_on.isoformat(),
        deadline=deadline.isoformat(),
    )
    if being_fixed or deadline > today:
        return
    done_on = assigned_on + dt.timedelta(days=rng.randint(1, (deadline - assigned_on).days))
    _step(
        chain,
        state,
        "rectified",
        contact,
        status="rectified",
        measures=rng.choice(content.MEASURES),
        rectified_on=done_on.isoformat(),
        funds_fen=rng.choice([None, 20000, 85000, 350000]),
    )
    if roll < 0.45 or (today - done_on).days < 2:
        return
    verify_on = min(today, done_on + dt.timedelta(days=rng.randint(1, 3)))
    if roll < 0.5:
        _step(
            chain,
            state,
            "verification_failed",
            inspector,
            status="assigned",
            verified_by=inspector,
            verified_on=verify_on.isoformat(),
            verification_result="fail",
            verification_opinion="整改不彻底",
            rectified_on=None,
            deadline=(verify_on + dt.timedelta(days=15)).isoformat(),
        )
        return
    _step(
        chain,
        state,
        "verified",
        inspector,
        status="verified",
        verified_by=inspector,
        verified_on=verify_on.isoformat(),
        verification_result="pass",
        verification_opinion="整改到位",
    )


def seed_ledger(
    data_dir: Path,
    *,
    hazards: int = 100_000,
    units: int | None = None,
    seed: int = 7,
    today: dt.date = TODAY,
) -> Ledger:
    """Create (in an empty ``data_dir``) a ledger of ``hazards`` hazards over ``units`` units
    (default one unit per 25 hazards) and return it opened, with ``today`` as its clock."""
    rng = random.Random(seed)
    ledger = Ledger(data_dir, operator="生成器", today=lambda: today).open()
    station = init_station(
        ledger, code="LY", name="罗阳镇应急消防管理站", township="罗阳镇", county="泰顺县"
    )
    with ledger.write() as session:
        last = session.execute(
            select(Event.seq, Event.hash).where(Event.station_uuid == station.uuid)
        ).one()
        chain = _Chain(station.uuid, last.seq, last.hash, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        unit_rows = []
        for index in range(units or max(1, hazards // 25)):
            name, industry, _village, _contact = content.UNITS[index % len(content.UNITS)]
            village = content.VILLAGES[index % len(content.VILLAGES)]
            row = {
                "uuid": str(uuid.uuid4()),
                "station_uuid": station.uuid,
                "name": name if index < len(content.UNITS) else f"{name}（{village}{index + 1}号）",
                "credit_code": content.credit_code(index + 100) if index % 3 else None,
                "industry": industry,
                "village": village,
                "address": f"泰顺县罗阳镇{village}{index % 97 + 1}号",
                "contact": content.person(index),
                "phone": content.phone(index),
            }
            unit_rows.append(row)
            chain.append(
                "unit", row["uuid"], "added", "生成器", {name: row[name] for name in UNIT_FIELDS}
            )
        session.execute(insert(Unit), unit_rows)
        hazard_rows = []
        found_dates = sorted(today - dt.timedelta(days=rng.randint(0, 540)) for _ in range(hazards))
        serials: dict[int, int] = {}
        for found_on in found_dates:
            unit = unit_rows[rng.randrange(len(unit_rows))]
            pool = content.hazards_for(unit["industry"])
            desc, location, basis, category, requirement, level = pool[rng.randrange(len(pool))]
            serials[found_on.year] = serials.get(found_on.year, 0) + 1
            inspector = rng.choice(content.INSPECTORS)
            state: dict[str, Any] = {
                name: None if HAZARD_COLUMNS[name].nullable else "" for name in HAZARD_FIELDS
            }
            state.update(
                uuid=str(uuid.uuid4()),
                code=hazard_code("LY", found_on.year, serials[found_on.year]),
                station_uuid=station.uuid,
                unit_uuid=unit["uuid"],
                inspection_uuid=None,
                status="discovered",
                level="major" if level == "重大" else "general",
                description=f"{rng.choice(BUILDINGS)}{desc}",
                location=location,
                category=category,
                industry=unit["industry"],
                source=rng.choice(content.SOURCES),
                basis=basis,
                found_on=found_on.isoformat(),
                inspector=inspector,
                assigned_on=None,
                deadline=None,
                rectified_on=None,
                funds_fen=None,
                verified_on=None,
            )
            _hazard_history(rng, chain, state, today, unit["contact"], requirement, inspector)
            row = dict(state)
            for name in DATE_FIELDS:
                row[name] = dt.date.fromisoformat(row[name]) if row[name] else None
            hazard_rows.append(row)
        session.execute(insert(Hazard), hazard_rows)
        session.execute(insert(Event), chain.rows)
        assert session.scalar(select(Station.code)) == "LY"
    return ledger


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate a large demo ledger")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--hazards", type=int, default=100_000)
    args = parser.parse_args()
    ledger = seed_ledger(args.data_dir, hazards=args.hazards)
    ledger.close()
    print(f"{args.hazards} hazards written to {args.data_dir}")


if __name__ == "__main__":
    main()
