"""The JSON lines of a package: reading them with limits, and checking each line's fields and
types (events, attachment rows, record snapshots)."""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.domain.history import RECORD_KINDS, EventFacts, canonical_json, chain_hash
from hazard_ledger.sync.package_format import (
    HEX64,
    MAX_LINE_BYTES,
    MAX_NUMBER,
    PHOTO_TYPES,
    UUID,
)

_TIMESTAMP_MAX = 40
# A JSON string as json.dumps(..., ensure_ascii=False) writes it (the C encoder, without the
# overhead of a dumps call per field).
_quote = json.encoder.encode_basestring  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class PackageEvent:
    """One event line: its hashed facts and the chain fields stored beside them."""

    facts: EventFacts
    recorded_at: str
    prev_hash: str
    hash: str
    payload_text: str  # the payload's canonical JSON, as the events table stores it

    def chain_ok(self) -> bool:
        """Whether ``hash`` is this event's hash after ``prev_hash`` (EventFacts.chained_hash,
        with the payload serialised once for both the check and the insert)."""
        facts = self.facts
        dumped = {
            key: _quote(getattr(facts, key))
            for key in ("actor", "kind", "occurred_at", "record_type", "record_uuid", "uuid")
        }
        canonical = (
            f'{{"actor":{dumped["actor"]},"kind":{dumped["kind"]},'
            f'"occurred_at":{dumped["occurred_at"]},"payload":{self.payload_text},'
            f'"record_type":{dumped["record_type"]},"record_uuid":{dumped["record_uuid"]},'
            f'"seq":{facts.seq},"station_uuid":{_quote(facts.station_uuid)},'
            f'"uuid":{dumped["uuid"]}}}'
        )
        return chain_hash(self.prev_hash, canonical) == self.hash


@dataclass(frozen=True, slots=True)
class AttachmentLine:
    uuid: str
    record_uuid: str
    kind: str
    sha256: str
    media_type: str
    original_name: str
    width: int
    height: int
    size: int
    created_at: str


def json_lines(data: bytes, member: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every line of ``data``; ValidationError naming the member and
    line for anything that is not one JSON object per line."""
    if data and not data.endswith(b"\n"):
        raise ValidationError(f"{member} 不完整（最后一行没有结束），数据包可能被截断。")
    for number, raw in enumerate(data.split(b"\n")[:-1] if data else [], start=1):
        if len(raw) > MAX_LINE_BYTES:
            raise ValidationError(f"{member} 第 {number} 行过长，已拒绝导入。")
        try:
            value = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ValidationError(f"{member} 第 {number} 行不是有效的 JSON。") from None
        if not isinstance(value, dict):
            raise ValidationError(f"{member} 第 {number} 行应为 JSON 对象。")
        yield number, value


def event_line(obj: dict[str, Any], where: str) -> PackageEvent:
    """Check one events.jsonl object."""
    text = _texts(
        obj,
        where,
        uuid=36,
        station_uuid=36,
        record_type=20,
        record_uuid=36,
        kind=40,
        occurred_at=_TIMESTAMP_MAX,
        recorded_at=_TIMESTAMP_MAX,
        actor=100,
        prev_hash=64,
        hash=64,
    )
    for key in ("uuid", "station_uuid", "record_uuid"):
        if not UUID.fullmatch(text[key]):
            raise ValidationError(f"{where}：{key} 格式不对。")
    for key in ("prev_hash", "hash"):
        if not HEX64.fullmatch(text[key]):
            raise ValidationError(f"{where}：{key} 格式不对。")
    kinds = RECORD_KINDS.get(text["record_type"])
    if kinds is None:
        raise ValidationError(f"{where}：未知的记录类型“{text['record_type'][:20]}”。")
    if text["kind"] not in kinds:
        raise ValidationError(
            f"{where}：记录类型 {text['record_type']} 没有“{text['kind']}”这种事件。"
        )
    seq, payload = obj.get("seq"), obj.get("payload")
    if type(seq) is not int or not 1 <= seq <= MAX_NUMBER:
        raise ValidationError(f"{where}：seq 应为正整数。")
    if not isinstance(payload, dict) or not isinstance(payload.get("changes", {}), dict):
        raise ValidationError(f"{where}：payload 应为 JSON 对象（含 changes）。")
    photos = payload.get("photos", [])
    if not isinstance(photos, list) or not all(
        isinstance(p, dict) and isinstance(p.get("uuid"), str) for p in photos
    ):
        raise ValidationError(f"{where}：payload.photos 格式不对。")
    facts = EventFacts(
        uuid=text["uuid"],
        station_uuid=text["station_uuid"],
        seq=seq,
        record_type=text["record_type"],
        record_uuid=text["record_uuid"],
        kind=text["kind"],
        occurred_at=text["occurred_at"],
        actor=text["actor"],
        payload=payload,
    )
    return PackageEvent(
        facts, text["recorded_at"], text["prev_hash"], text["hash"], canonical_json(payload)
    )


def attachment_line(obj: dict[str, Any], where: str) -> AttachmentLine:
    """Check one attachments.jsonl object."""
    text = _texts(
        obj,
        where,
        uuid=36,
        record_uuid=36,
        kind=16,
        sha256=64,
        media_type=50,
        original_name=255,
        created_at=_TIMESTAMP_MAX,
    )
    if not (UUID.fullmatch(text["uuid"]) and UUID.fullmatch(text["record_uuid"])):
        raise ValidationError(f"{where}：uuid 格式不对。")
    if not HEX64.fullmatch(text["sha256"]):
        raise ValidationError(f"{where}：sha256 格式不对。")
    if text["media_type"] not in PHOTO_TYPES:
        raise ValidationError(
            f"{where}：不接受的附件类型“{text['media_type']}”（只接受 JPG、PNG 照片）。"
        )
    numbers = {}
    for key in ("width", "height", "size"):
        value = obj.get(key)
        if type(value) is not int or not 0 < value <= MAX_NUMBER:
            raise ValidationError(f"{where}：{key} 应为正整数。")
        numbers[key] = value
    return AttachmentLine(**text, **numbers)


def snapshot_line(obj: dict[str, Any], where: str) -> str:
    """Check one snapshot object enough to key it; its content is compared with the fold."""
    uuid = obj.get("uuid")
    if not isinstance(uuid, str) or not UUID.fullmatch(uuid):
        raise ValidationError(f"{where}：缺少有效的 uuid。")
    return uuid


def _texts(obj: dict[str, Any], where: str, **limits: int) -> dict[str, str]:
    values = {}
    for key, limit in limits.items():
        value = obj.get(key)
        if not isinstance(value, str) or len(value) > limit:
            raise ValidationError(f"{where}：字段 {key} 缺失或不是文字。")
        values[key] = value
    return values
