"""`check`: the database file, the hash chain, and every record against the fold of its events."""

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select, text

from hazard_ledger.db.models import Attachment, Event, Hazard, Notice, Station, Supervision, Unit
from hazard_ledger.domain.history import GENESIS_HASH, HistoryError, fold
from hazard_ledger.services.events import event_facts
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.photos import photo_path
from hazard_ledger.services.snapshots import snapshot

MAX_PROBLEMS = 20


@dataclass(slots=True)
class CheckReport:
    """What `check` found. ``problems`` is in the order found; the first names the first bad
    record."""

    events: int = 0
    records: int = 0
    attachments: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, problem: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)


def check_ledger(ledger: Ledger) -> CheckReport:
    """Run every check; never changes anything."""
    report = CheckReport()
    with ledger.read() as session:
        if ledger.is_sqlite:
            result = [row[0] for row in session.execute(text("PRAGMA integrity_check"))]
            if result != ["ok"]:
                report.add("数据库文件损坏（integrity_check）：" + "；".join(result[:5]))
                return report
            for table, rowid, parent, _ in session.execute(text("PRAGMA foreign_key_check")):
                report.add(f"表 {table} 第 {rowid} 行引用的 {parent} 记录不存在")
        stations = {s.uuid: s.code for s in session.scalars(select(Station))}
        by_record: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
        record_types: dict[str, str] = {}
        # photo uuid → (sha256, kind, record) as the event that attached it says
        photo_refs: dict[str, tuple[object, object, str]] = {}
        for station_uuid, code in stations.items():
            expected_prev, expected_seq = GENESIS_HASH, 1
            events = session.scalars(
                select(Event).where(Event.station_uuid == station_uuid).order_by(Event.seq)
            )
            for event in events:
                report.events += 1
                where = f"站点 {code} 的第 {event.seq} 条履历（事件 {event.uuid}）"
                if event.seq != expected_seq:
                    report.add(f"{where}：序号不连续，应为 {expected_seq}，履历可能被删除")
                    break
                if event.prev_hash != expected_prev:
                    report.add(f"{where}：与前一条履历的哈希不衔接，履历链被改动")
                    break
                try:
                    facts = event_facts(event)
                except json.JSONDecodeError:
                    report.add(f"{where}：内容不是有效的 JSON，履历被改动")
                    break
                if facts.chained_hash(event.prev_hash) != event.hash:
                    report.add(f"{where}：内容与哈希不符，履历被改动")
                    break
                expected_prev, expected_seq = event.hash, event.seq + 1
                by_record[event.record_uuid].append(facts)
                record_types[event.record_uuid] = event.record_type
                for ref in facts.payload.get("photos", []):
                    if isinstance(ref, dict):
                        photo_refs[str(ref.get("uuid"))] = (
                            ref.get("sha256"),
                            ref.get("kind"),
                            event.record_uuid,
                        )
        _check_records(session, report, by_record, record_types)
        _check_attachments(ledger, session, report, photo_refs)
    return report


def _check_records(session, report, by_record, record_types) -> None:  # type: ignore[no-untyped-def]
    seen: set[str] = set()
    for model, kind, label in (
        (Station, "station", "站点"),
        (Unit, "unit", "单位"),
        (Hazard, "hazard", "隐患"),
        (Notice, "notice", "文书"),
        (Supervision, "supervision", "挂牌督办"),
    ):
        for row in session.scalars(select(model).order_by(model.id)):
            report.records += 1
            seen.add(row.uuid)
            name = (
                getattr(row, "code", None)
                or getattr(row, "number", None)
                or getattr(row, "doc_no", None)
                or row.name
            )
            events = by_record.get(row.uuid)
            if not events:
                report.add(f"{label} {name}：没有任何履历，来历不明")
                continue
            owner = row.uuid if kind == "station" else row.station_uuid
            if any(event.station_uuid != owner for event in events):
                report.add(f"{label} {name}：有履历记在其他站点的履历链上（被别的站点改动）")
                continue
            if record_types[row.uuid] != kind:
                report.add(f"{label} {name}：履历属于另一类记录")
                continue
            try:
                folded = fold(kind, events)
            except HistoryError as error:
                report.add(f"{label} {name}：履历不合流程：{error}")
                continue
            current = snapshot(row)
            for key, value in current.items():
                if folded.get(key) != value:
                    report.add(
                        f"{label} {name}：当前“{key}”为 {value!r}，"
                        f"而履历推算应为 {folded.get(key)!r}（记录被绕过履历改动）"
                    )
                    break
    for record_uuid in by_record:
        if record_uuid not in seen:
            report.add(f"记录 {record_uuid} 有履历但记录本身不存在（被删除）")


def _check_attachments(ledger: Ledger, session, report: CheckReport, refs) -> None:  # type: ignore[no-untyped-def]
    for attachment in session.scalars(select(Attachment).order_by(Attachment.id)):
        report.attachments += 1
        said = (attachment.sha256, attachment.kind, attachment.record_uuid)
        if refs.get(attachment.uuid) != said:
            report.add(
                f"照片 {attachment.original_name or attachment.uuid} 与履历中的记载不符"
                "（内容、类别或所属记录被改动）"
            )
            continue
        path = photo_path(ledger.attachments_dir, attachment.sha256, attachment.media_type)
        if not path.is_file():
            report.add(f"照片 {attachment.original_name or attachment.uuid} 的文件缺失：{path}")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != attachment.sha256:
            report.add(
                f"照片 {attachment.original_name or attachment.uuid} 的文件内容被改动：{path}"
            )
