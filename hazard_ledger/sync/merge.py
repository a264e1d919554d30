"""``sync import``: merging a checked package into this ledger, in one transaction.

Merging is by event: events the ledger already has (same uuid and hash at the same place in the
station's chain) are skipped, new ones must continue the chain where the ledger's copy of it ends.
Every record a new event touches is then set to the fold of all its events, which must equal the
state the station sent. Anything that does not fit refuses the whole package.
"""

import datetime as dt
import io
import json
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from PIL import Image
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from hazard_ledger.db.base import utc_now_text
from hazard_ledger.db.models import (
    Attachment,
    Event,
    Hazard,
    Notice,
    NoticeItem,
    Station,
    Supervision,
    SyncPackage,
    Unit,
)
from hazard_ledger.domain.errors import DuplicateError, ValidationError, WorkflowError
from hazard_ledger.domain.history import (
    GENESIS_HASH,
    EventFacts,
    HistoryError,
    fold,
)
from hazard_ledger.services.batches import chunks
from hazard_ledger.services.events import event_facts
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.photos import PreparedPhoto, store_photo
from hazard_ledger.sync.import_result import LABELS, ImportResult, NewStationError
from hazard_ledger.sync.package_format import SNAPSHOT_MEMBERS
from hazard_ledger.sync.reader import Package
from hazard_ledger.sync.row_values import row_values

Progress = Callable[[str, int], None]
_MODELS: dict[str, Any] = {
    "station": Station,
    "unit": Unit,
    "hazard": Hazard,
    "notice": Notice,
    "supervision": Supervision,
}


def merge_package(
    ledger: Ledger,
    package: Package,
    *,
    accept_new_station: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    report = progress or (lambda _text, _percent: None)
    manifest = package.manifest
    info = manifest.station
    base = {
        "file_name": package.file_name,
        "station_code": info["code"],
        "station_name": info["name"],
        "sequence": manifest.sequence,
        "full": manifest.full,
        "period_label": manifest.period_label,
    }
    try:
        with ledger.write() as session:
            station = session.scalars(select(Station).where(Station.uuid == info["uuid"])).first()
            if station is not None and station.is_local:
                raise ValidationError("这是本站自己导出的数据包，不需要导入本台账。")
            if _already_imported(session, info["uuid"], package.manifest_sha256):
                return ImportResult(**base, already_imported=True)
            if station is None:
                _refuse_code_clash(session, info)
                if not accept_new_station:
                    raise NewStationError(info["code"], info["name"])
                # Its row first (events refer to it); the fold of its events then sets it.
                session.add(Station(**row_values(Station, info, [], created=False)))
                session.flush()
            report("核对履历链…", 35)
            new_events = _new_events(session, info["uuid"], package)
            warnings = _sequence_warnings(session, info["uuid"], package)
            report("合并履历…", 50)
            _insert_events(session, new_events)
            report("更新记录…", 65)
            new, updated = _merge_records(session, package, new_events)
            report("保存照片…", 85)
            photos = _merge_photos(session, ledger, package)
            _record_import(session, package)
            return ImportResult(
                **base,
                new_station=station is None,
                events=len(new_events),
                new=new,
                updated=updated,
                photos=photos,
                warnings=tuple(warnings),
            )
    except IntegrityError as error:
        raise ValidationError(
            f"数据包的内容与本台账冲突，已全部放弃，台账未改动（{_constraint(error)}）。"
        ) from None


def _already_imported(session: Session, station_uuid: str, manifest_sha: str) -> bool:
    return (
        session.scalar(
            select(SyncPackage.id).where(
                SyncPackage.direction == "import",
                SyncPackage.station_uuid == station_uuid,
                SyncPackage.manifest_sha256 == manifest_sha,
            )
        )
        is not None
    )


def _refuse_code_clash(session: Session, info: dict[str, str]) -> None:
    other = session.scalars(select(Station).where(Station.code == info["code"])).first()
    if other is not None:
        raise DuplicateError(
            f"数据包的站点简码 {info['code']}（{info['name']}）已被本台账的“{other.name}”使用，"
            "两个站点不能同用一个简码：请核实后由其中一站更换简码。"
        )


def _new_events(session: Session, station_uuid: str, package: Package) -> list[Any]:
    """The package's events this ledger lacks; refuses a package that does not continue the
    chain the ledger holds (a gap, or a different history)."""
    head = session.execute(
        select(Event.seq, Event.hash)
        .where(Event.station_uuid == station_uuid)
        .order_by(Event.seq.desc())
        .limit(1)
    ).first()
    head_seq, head_hash = (head[0], head[1]) if head else (0, GENESIS_HASH)
    events = package.events
    if not events:
        return []
    first = events[0].facts.seq
    if first > head_seq + 1:
        held = f"本台账已有到第 {head_seq} 条" if head_seq else "本台账还没有该站的任何履历"
        raise ValidationError(
            f"数据包从该站第 {first} 条履历开始，而{held}："
            f"中间缺少第 {head_seq + 1}—{first - 1} 条。"
            "请先导入该站之前的数据包，或请该站导出完整数据包（sync export --full）。"
        )
    overlap = [e for e in events if e.facts.seq <= head_seq]
    if overlap:
        held = dict(
            session.execute(
                select(Event.seq, Event.hash).where(
                    Event.station_uuid == station_uuid,
                    Event.seq >= overlap[0].facts.seq,
                    Event.seq <= overlap[-1].facts.seq,
                )
            ).all()
        )
        for event in overlap:
            if held.get(event.facts.seq) != event.hash:
                raise WorkflowError(
                    f"数据包中该站第 {event.facts.seq} 条履历与本台账已导入的不一致："
                    "该站的台账可能恢复过旧备份或被替换，请与该站核实后再导入。"
                )
    fresh = [e for e in events if e.facts.seq > head_seq]
    if fresh and fresh[0].prev_hash != head_hash:
        raise WorkflowError(
            f"数据包中该站第 {fresh[0].facts.seq} 条履历接不上本台账已有的履历链，请与该站核实。"
        )
    return fresh


def _sequence_warnings(session: Session, station_uuid: str, package: Package) -> list[str]:
    """A package number skipped (or a different package before this one) is reported, not
    refused: the events themselves continue the chain."""
    manifest = package.manifest
    imported = dict(
        session.execute(
            select(SyncPackage.sequence, SyncPackage.manifest_sha256).where(
                SyncPackage.direction == "import", SyncPackage.station_uuid == station_uuid
            )
        ).all()
    )
    warnings = []
    last = max(imported, default=0)
    if manifest.sequence in imported:
        warnings.append(f"该站的第 {manifest.sequence} 号数据包此前已导入过另一份。")
    elif manifest.sequence < last:
        warnings.append(
            f"这是该站较早的第 {manifest.sequence} 号数据包（本台账已导入到第 {last} 号）。"
        )
    elif manifest.sequence > last + 1 and not manifest.full:
        missing = (
            f"第 {last + 1} 号"
            if manifest.sequence == last + 2
            else f"第 {last + 1}—{manifest.sequence - 1} 号"
        )
        warnings.append(
            f"未收到该站的{missing}数据包（本包为第 {manifest.sequence} 号）；"
            "本包的履历与本台账已有的衔接，合并不受影响，缺少的数据包不必补导。"
        )
    before = imported.get(manifest.sequence - 1)
    if before is not None and manifest.previous_sha256 not in (None, before):
        warnings.append(
            f"本包记录的上一个数据包与本台账导入的第 {manifest.sequence - 1} 号不是同一份。"
        )
    return warnings


def _insert_events(session: Session, events: list[Any]) -> None:
    rows = [
        {
            "uuid": e.facts.uuid,
            "station_uuid": e.facts.station_uuid,
            "seq": e.facts.seq,
            "record_type": e.facts.record_type,
            "record_uuid": e.facts.record_uuid,
            "kind": e.facts.kind,
            "occurred_at": e.facts.occurred_at,
            "recorded_at": e.recorded_at,
            "actor": e.facts.actor,
            "payload": e.payload_text,
            "prev_hash": e.prev_hash,
            "hash": e.hash,
        }
        for e in events
    ]
    for batch in chunks(rows, 5000):
        session.execute(insert(Event), batch)


def _merge_records(
    session: Session, package: Package, new_events: list[Any]
) -> tuple[dict[str, int], dict[str, int]]:
    if not new_events:
        return {}, {}
    by_record: dict[str, list[EventFacts]] = defaultdict(list)
    types: dict[str, str] = {}
    for event in new_events:
        by_record[event.facts.record_uuid].append(event.facts)
        types[event.facts.record_uuid] = event.facts.record_type
    station_uuid = package.manifest.station["uuid"]
    new: dict[str, int] = {}
    updated: dict[str, int] = {}
    for kind in SNAPSHOT_MEMBERS:
        model = _MODELS[kind]
        uuids = [u for u, t in types.items() if t == kind]
        existing = _existing_ids(session, model, uuids, station_uuid)
        earlier = _earlier_events(
            session,
            [u for u in uuids if u in existing],
            station_uuid=station_uuid,
            before=new_events[0].facts.seq,
        )
        inserts, updates = [], []
        for uuid in uuids:
            state = _folded(kind, earlier.get(uuid, []) + by_record[uuid], package, uuid)
            owner = state.get("uuid" if kind == "station" else "station_uuid")
            if owner != station_uuid or state.get("uuid") != uuid:
                raise ValidationError(
                    f"数据包中的{LABELS[kind]} {uuid} 不属于数据包的站点，已拒绝导入。"
                )
            values = row_values(model, state, by_record[uuid], created=uuid not in existing)
            if uuid in existing:
                updates.append({"id": existing[uuid], **values})
            else:
                inserts.append(values)
        if model is Unit and updates:
            # Names and credit codes are unique per station and may have moved between units
            # during the week (a rename, then the old name reused): out of the way first.
            session.execute(
                update(Unit),
                [{"id": row["id"], "name": row["uuid"], "credit_code": None} for row in updates],
            )
        if kind == "notice":
            inserts.sort(key=lambda row: row["kind"] != "rectification")  # a review refers back
            _replace_items(session, package, uuids, set(existing))
        for batch in chunks(inserts, 2000):
            session.execute(insert(model.__table__), batch)
        if updates:
            session.execute(update(model), updates)
        if kind == "notice":
            _insert_items(session, package, uuids)
        new[kind], updated[kind] = len(inserts), len(updates)
    _refuse_foreign_references(session, station_uuid, types)
    return new, updated


def _existing_ids(
    session: Session, model: Any, uuids: list[str], station_uuid: str
) -> dict[str, int]:
    """uuid → id of the rows that exist; a row of another station (or the county's own) is
    never the package's to change."""
    owner = model.uuid if model is Station else model.station_uuid
    found: dict[str, int] = {}
    for chunk in chunks(uuids):
        for uuid, row_id, station in session.execute(
            select(model.uuid, model.id, owner).where(model.uuid.in_(chunk))
        ).all():
            if station != station_uuid:
                raise ValidationError(
                    f"数据包要修改本台账中属于其他站点的记录（{uuid}），已拒绝导入。"
                )
            found[uuid] = row_id
    return found


def _refuse_foreign_references(session: Session, station_uuid: str, types: dict[str, str]) -> None:
    """A station's records refer only to its own: its hazards' and notices' units, its notices'
    hazards and earlier notices, its supervisions' hazards."""
    referred = aliased(Notice)
    queries = (
        lambda chunk: (
            select(Hazard.code)
            .join(Unit, Unit.uuid == Hazard.unit_uuid)
            .where(Hazard.uuid.in_(chunk), Unit.station_uuid != station_uuid)
        ),
        lambda chunk: (
            select(Notice.number)
            .join(Unit, Unit.uuid == Notice.unit_uuid)
            .where(Notice.uuid.in_(chunk), Unit.station_uuid != station_uuid)
        ),
        lambda chunk: (
            select(Notice.number)
            .join(NoticeItem, NoticeItem.notice_uuid == Notice.uuid)
            .join(Hazard, Hazard.uuid == NoticeItem.hazard_uuid)
            .where(Notice.uuid.in_(chunk), Hazard.station_uuid != station_uuid)
        ),
        lambda chunk: (
            select(Notice.number)
            .join(referred, referred.uuid == Notice.refers_to_uuid)
            .where(Notice.uuid.in_(chunk), referred.station_uuid != station_uuid)
        ),
        lambda chunk: (
            select(Supervision.doc_no)
            .join(Hazard, Hazard.uuid == Supervision.hazard_uuid)
            .where(Supervision.uuid.in_(chunk), Hazard.station_uuid != station_uuid)
        ),
    )
    for chunk in chunks(list(types)):
        for query in queries:
            name = session.scalar(query(chunk).limit(1))
            if name is not None:
                raise ValidationError(
                    f"数据包中的 {name} 引用了本台账中其他站点的记录，已拒绝导入。"
                )


def _earlier_events(
    session: Session, uuids: list[str], *, station_uuid: str, before: int
) -> dict[str, list[EventFacts]]:
    """The events this ledger held for ``uuids`` in the station's chain before the package's
    (seq below ``before``)."""
    events: dict[str, list[EventFacts]] = defaultdict(list)
    for chunk in chunks(uuids):
        query = (
            select(Event)
            .where(
                Event.record_uuid.in_(chunk),
                Event.station_uuid == station_uuid,
                Event.seq < before,
            )
            .order_by(Event.seq)
        )
        for event in session.scalars(query):
            events[event.record_uuid].append(event_facts(event))
    return events


def _folded(kind: str, events: list[EventFacts], package: Package, uuid: str) -> dict[str, Any]:
    label = LABELS[kind]
    try:
        state = fold(kind, events)
    except HistoryError as error:
        raise ValidationError(f"数据包中{label} {uuid} 的履历不合流程：{error}") from None
    sent = package.snapshots[kind].get(uuid)
    if sent is None:
        raise ValidationError(f"数据包缺少{label} {uuid} 的当前状态（{SNAPSHOT_MEMBERS[kind]}）。")
    for key in sent.keys() | state.keys():
        if state.get(key) != sent.get(key):
            name = sent.get("code") or sent.get("number") or sent.get("name") or uuid
            raise ValidationError(
                f"数据包中{label} {name} 的“{key}”与其履历推算的不一致，数据包已损坏或被改动。"
            )
    return state


def _replace_items(
    session: Session, package: Package, uuids: list[str], existing: set[str]
) -> None:
    changed = [u for u in uuids if u in existing]
    for chunk in chunks(changed):
        session.execute(delete(NoticeItem).where(NoticeItem.notice_uuid.in_(chunk)))


def _insert_items(session: Session, package: Package, uuids: list[str]) -> None:
    rows = []
    for uuid in uuids:
        items = package.snapshots["notice"][uuid].get("items", [])
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise ValidationError("数据包中文书的事项（items）格式不对。")
        for item in items:
            row = row_values(NoticeItem, item, [], created=False)
            row["notice_uuid"] = uuid
            rows.append(row)
    if rows:
        session.execute(insert(NoticeItem.__table__), rows)


def _merge_photos(session: Session, ledger: Ledger, package: Package) -> int:
    known = set(
        session.scalars(
            select(Attachment.uuid).where(
                Attachment.uuid.in_([a.uuid for a in package.attachments])
            )
        )
    )
    added = 0
    for line in package.attachments:
        if line.uuid in known:
            continue
        data = package.photos[line.sha256]
        store_photo(
            ledger.attachments_dir,
            PreparedPhoto(
                original_name=line.original_name,
                data=data,
                thumbnail=_thumbnail(data),
                media_type=line.media_type,
                width=line.width,
                height=line.height,
            ),
        )
        session.add(
            Attachment(
                uuid=line.uuid,
                record_uuid=line.record_uuid,
                kind=line.kind,
                sha256=line.sha256,
                media_type=line.media_type,
                original_name=line.original_name,
                width=line.width,
                height=line.height,
                size=line.size,
                created_at=line.created_at,
            )
        )
        added += 1
    session.flush()
    return added


def _thumbnail(data: bytes) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.thumbnail((256, 256))
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, "JPEG", quality=85)
            return buffer.getvalue()
    except (OSError, ValueError) as error:  # checked by the reader; a last guard
        raise ValidationError(f"数据包中的照片无法读取（{error}），已拒绝导入。") from None


def _record_import(session: Session, package: Package) -> None:
    manifest = package.manifest
    session.add(
        SyncPackage(
            direction="import",
            station_uuid=manifest.station["uuid"],
            sequence=manifest.sequence,
            full=manifest.full,
            manifest_sha256=package.manifest_sha256,
            previous_sha256=manifest.previous_sha256,
            first_seq=manifest.first_seq,
            last_seq=manifest.last_seq,
            period_start=dt.date.fromisoformat(manifest.period_start),
            period_end=dt.date.fromisoformat(manifest.period_end),
            counts=json.dumps(manifest.counts, ensure_ascii=False, sort_keys=True),
            file_name=package.file_name[:255],
            created_at=manifest.created_at,
            recorded_at=utc_now_text(),
        )
    )
    session.flush()


def _constraint(error: IntegrityError) -> str:
    text = str(error.orig) if error.orig is not None else str(error)
    return text.splitlines()[0][:120]
