"""``sync export``: this station's weekly package for the county (see package_format)."""

import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from hazard_ledger import __version__
from hazard_ledger.db.base import utc_now_text
from hazard_ledger.db.models import (
    Attachment,
    Event,
    Hazard,
    Notice,
    Station,
    Supervision,
    SyncPackage,
    Unit,
)
from hazard_ledger.domain.errors import ValidationError, WorkflowError
from hazard_ledger.domain.history import canonical_json
from hazard_ledger.reports.weekly_xlsx import write_weekly_xlsx
from hazard_ledger.services import maintenance
from hazard_ledger.services.batches import chunks
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.photos import photo_path
from hazard_ledger.services.snapshots import snapshot
from hazard_ledger.services.stations import local_station
from hazard_ledger.services.weekly import weekly_report
from hazard_ledger.sync.package_format import (
    ATTACHMENTS,
    EVENTS,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    SNAPSHOT_MEMBERS,
    WORKBOOK,
    photo_member,
)
from hazard_ledger.sync.status import last_export_package

Progress = Callable[[str, int], None]  # (what is being done, percent)
_MODELS = {
    "station": Station,
    "unit": Unit,
    "hazard": Hazard,
    "notice": Notice,
    "supervision": Supervision,
}


@dataclass(frozen=True, slots=True)
class ExportResult:
    file: Path
    station_code: str
    station_name: str
    sequence: int
    full: bool
    period_label: str
    first_seq: int | None
    last_seq: int | None
    counts: dict[str, int] = field(default_factory=dict)
    backup: Path | None = None
    manifest_sha256: str = ""


def export_package(
    ledger: Ledger,
    target: str | os.PathLike[str],
    *,
    full: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write this station's package to ``target``: the events since its last export (or all of
    them with ``full``), the state of every record they touch, their photos and the 周报.

    The database is backed up first; the export is recorded only once the file is complete, so
    a failed write leaves the next export exactly as it would have been."""
    report = progress or (lambda _text, _percent: None)
    path = Path(target).expanduser()
    if path.suffix.lower() != ".zip":
        raise ValidationError("数据包文件名应以 .zip 结尾。")
    if not path.parent.is_dir():
        raise ValidationError(f"目录不存在：{path.parent}")
    report("备份台账…", 2)
    # The backup (SQLite's online backup, C code outside the GIL) runs beside the reading and
    # the 周报; nothing is written to the ledger before it has finished (see below).
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="export-backup") as pool:
        pending = pool.submit(maintenance.backup, ledger) if ledger.is_sqlite else None
        return _export(ledger, path, full=full, report=report, backup=pending)


def _export(
    ledger: Ledger,
    path: Path,
    *,
    full: bool,
    report: Progress,
    backup: "Future[Path] | None",
) -> ExportResult:
    report("读取履历…", 10)
    with ledger.read() as session:
        station = local_station(session)
        previous = last_export_package(session, station.uuid)
        since = 0 if full or previous is None else _last_carried(session, station.uuid)
        # Plain rows, not ORM objects: a full package of a big ledger has 300,000 events.
        events = session.execute(
            select(*Event.__table__.columns)
            .where(Event.station_uuid == station.uuid, Event.seq > since)
            .order_by(Event.seq)
        ).all()
        touched = _touched(events, full, session, station.uuid)
        report("整理记录…", 30)
        snapshots = {kind: _snapshots(session, kind, uuids) for kind, uuids in touched.items()}
        photo_uuids = [ref for event in events for ref in _photo_refs(event)]
        attachments = [_attachment_row(a) for a in _attachments(session, photo_uuids)]
        event_lines = _event_lines(events)
        first_seq, last_seq = (events[0].seq, events[-1].seq) if events else (None, None)
        head_hash = events[-1].hash if events else None
        new_hazards = sum(
            1 for e in events if e.record_type == "hazard" and e.kind in ("recorded", "imported")
        )
        station_info = {
            "uuid": station.uuid,
            "code": station.code,
            "name": station.name,
            "township": station.township,
            "county": station.county,
            "doc_prefix": station.doc_prefix,
        }
        sequence = (previous.sequence + 1) if previous else 1
        previous_sha = previous.manifest_sha256 if previous else None
        expected_previous_id = previous.id if previous else None
    report("生成周报…", 45)
    weekly = weekly_report(ledger, station_code=station_info["code"])
    workbook = io.BytesIO()
    write_weekly_xlsx(weekly, workbook)
    members: dict[str, bytes] = {EVENTS: event_lines}
    for kind, member in SNAPSHOT_MEMBERS.items():
        members[member] = _lines(snapshots.get(kind, []))
    members[ATTACHMENTS] = _lines(attachments)
    members[WORKBOOK] = workbook.getvalue()
    report("打包照片…", 60)
    for attachment in attachments:
        sha, media_type = str(attachment["sha256"]), str(attachment["media_type"])
        name = attachment["original_name"] or attachment["uuid"]
        source = photo_path(ledger.attachments_dir, sha, media_type)
        try:
            data = source.read_bytes()
        except OSError:
            raise ValidationError(
                f"照片“{name}”的文件缺失（{source}），无法导出：请先运行“校验”查明原因。"
            ) from None
        if hashlib.sha256(data).hexdigest() != sha:
            raise ValidationError(f"照片“{name}”的文件内容被改动，无法导出。")
        members[photo_member(sha, media_type)] = data
    counts = {
        "events": len(event_lines.splitlines()),
        **{f"{kind}s": len(snapshots.get(kind, [])) for kind in SNAPSHOT_MEMBERS},
        "attachments": len(attachments),
        "new_hazards": new_hazards,
    }
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "program_version": __version__,
        "station": station_info,
        "sequence": sequence,
        "previous_package_sha256": previous_sha,
        "full": full,
        "created_at": utc_now_text(),
        "created_by": ledger.operator,
        "period": {
            "start": weekly.period.start.isoformat(),
            "end": weekly.period.end.isoformat(),
            "label": weekly.period.label,
        },
        "events": {"first_seq": first_seq, "last_seq": last_seq, "head_hash": head_hash},
        "counts": counts,
        "members": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in members.items()
        },
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    manifest_sha = hashlib.sha256(manifest_bytes).hexdigest()
    report("写入数据包…", 75)
    _write_zip(path, manifest_bytes, members)
    report("登记导出…", 95)
    try:
        backup_file = backup.result() if backup is not None else None  # raises if it failed
        with ledger.write() as session:
            latest = last_export_package(session, station_info["uuid"])
            if (latest.id if latest else None) != expected_previous_id:
                raise WorkflowError("导出时另有一次导出完成，请重新导出。")
            session.add(
                SyncPackage(
                    direction="export",
                    station_uuid=station_info["uuid"],
                    sequence=sequence,
                    full=full,
                    manifest_sha256=manifest_sha,
                    previous_sha256=previous_sha,
                    first_seq=first_seq,
                    last_seq=last_seq,
                    period_start=weekly.period.start,
                    period_end=weekly.period.end,
                    counts=canonical_json(counts),
                    file_name=path.name,
                    created_at=manifest["created_at"],
                )
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    report("完成", 100)
    return ExportResult(
        file=path.resolve(),
        station_code=station_info["code"],
        station_name=station_info["name"],
        sequence=sequence,
        full=full,
        period_label=weekly.period.label,
        first_seq=first_seq,
        last_seq=last_seq,
        counts=counts,
        backup=backup_file,
        manifest_sha256=manifest_sha,
    )


def _last_carried(session: Session, station_uuid: str) -> int:
    """The last event any earlier export carried (an empty export carries none)."""
    value = session.scalar(
        select(func.max(SyncPackage.last_seq)).where(
            SyncPackage.direction == "export", SyncPackage.station_uuid == station_uuid
        )
    )
    return int(value or 0)


def _touched(
    events: Sequence[Any], full: bool, session: Session, station_uuid: str
) -> dict[str, list[str]]:
    """record type → uuids of the records whose state goes with the package, in first-event
    order (so a record comes after those it refers to)."""
    if full:
        return {
            kind: list(
                session.scalars(
                    select(model.uuid)
                    .where(
                        (model.uuid if kind == "station" else model.station_uuid) == station_uuid
                    )
                    .order_by(model.id)
                )
            )
            for kind, model in _MODELS.items()
        }
    touched: dict[str, dict[str, None]] = {kind: {} for kind in _MODELS}
    for event in events:
        touched[event.record_type][event.record_uuid] = None
    return {kind: list(uuids) for kind, uuids in touched.items()}


def _snapshots(session: Session, kind: str, uuids: list[str]) -> list[dict[str, object]]:
    model = _MODELS[kind]
    rows = {}
    for chunk in chunks(uuids):
        query = select(model).where(model.uuid.in_(chunk))
        if model is Notice:
            query = query.options(selectinload(Notice.items))
        rows.update({row.uuid: snapshot(row) for row in session.scalars(query)})
    return [rows[uuid] for uuid in uuids if uuid in rows]


def _photo_refs(event: Any) -> list[str]:
    if '"photos"' not in event.payload:
        return []
    photos = json.loads(event.payload).get("photos", [])
    return [ref["uuid"] for ref in photos if isinstance(ref, dict) and "uuid" in ref]


def _attachments(session: Session, uuids: list[str]) -> list[Attachment]:
    found: dict[str, Attachment] = {}
    for chunk in chunks(uuids):
        found.update(
            {
                a.uuid: a
                for a in session.scalars(select(Attachment).where(Attachment.uuid.in_(chunk)))
            }
        )
    return [found[uuid] for uuid in dict.fromkeys(uuids) if uuid in found]


def _attachment_row(attachment: Attachment) -> dict[str, object]:
    return {
        name: getattr(attachment, name)
        for name in (
            "uuid",
            "record_uuid",
            "kind",
            "sha256",
            "media_type",
            "original_name",
            "width",
            "height",
            "size",
            "created_at",
        )
    }


def _event_lines(events: Sequence[Any]) -> bytes:
    # The stored payload is already canonical JSON: spliced in, not parsed and dumped again.
    parts = []
    for event in events:
        head = canonical_json(
            {
                "uuid": event.uuid,
                "station_uuid": event.station_uuid,
                "seq": event.seq,
                "record_type": event.record_type,
                "record_uuid": event.record_uuid,
                "kind": event.kind,
                "occurred_at": event.occurred_at,
                "recorded_at": event.recorded_at,
                "actor": event.actor,
                "prev_hash": event.prev_hash,
                "hash": event.hash,
            }
        )
        parts.append(f'{head[:-1]},"payload":{event.payload}}}\n')
    return "".join(parts).encode()


def _lines(rows: Iterable[dict[str, object]]) -> bytes:
    return "".join(canonical_json(row) + "\n" for row in rows).encode()


def _write_zip(path: Path, manifest: bytes, members: dict[str, bytes]) -> None:
    """Write the zip beside ``path`` and rename it into place (never half a package)."""
    partial = path.with_name(path.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            archive.writestr(MANIFEST, manifest)
            for name, data in members.items():
                stored = name.startswith("attachments/")  # photos do not compress
                archive.writestr(
                    name, data, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                )
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ValidationError(f"无法写入数据包 {path}：{error.strerror or error}") from None
