"""The weekly sync package (乡镇 → 县), format version 1: what it holds and the rules an
import checks before anything is written.

A package is one zip file:

    manifest.json        format, version, station, period, sequence, previous package's hash,
                         the events' range and head hash, counts, sha256 and size of every member
    events.jsonl         the station's events (since its last export, or all of them), one per line
    stations.jsonl, units.jsonl, hazards.jsonl, notices.jsonl, supervisions.jsonl
                         the current state of every record those events touch (a cross-check:
                         the county folds the events and must arrive at exactly these)
    attachments.jsonl    the photos those events attach (metadata)
    attachments/<sha256>.jpg|png   the photo files themselves
    周报.xlsx            the week's 周报 workbook, for people

A package's identity is the sha256 of its manifest.json; the next package names it as previous.
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from hazard_ledger.domain.errors import ValidationError

FORMAT = "hazard-ledger-sync"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
EVENTS = "events.jsonl"
ATTACHMENTS = "attachments.jsonl"
WORKBOOK = "周报.xlsx"
# record type → member holding the snapshots of that type, in the order rows are merged (a unit
# before its hazards, hazards before the notices listing them and the supervisions of them).
SNAPSHOT_MEMBERS = {
    "station": "stations.jsonl",
    "unit": "units.jsonl",
    "hazard": "hazards.jsonl",
    "notice": "notices.jsonl",
    "supervision": "supervisions.jsonl",
}
JSON_MEMBERS = (EVENTS, *SNAPSHOT_MEMBERS.values(), ATTACHMENTS)
PHOTO_TYPES = {"image/jpeg": ".jpg", "image/png": ".png"}
_PHOTO_MEMBER = re.compile(r"attachments/([0-9a-f]{64})\.(jpg|png)")

# Limits against damaged and hostile files (a zip bomb, an endless line).
# A full package of a 100,000-hazard ledger is 60 MB, its events 250 MB uncompressed.
MAX_PACKAGE_BYTES = 2 * 1024**3
MAX_TOTAL_BYTES = 3 * 1024**3  # all members, uncompressed
MAX_JSON_MEMBER_BYTES = 1024**3
MAX_PHOTO_BYTES = 40 * 1024**2
MAX_WORKBOOK_BYTES = 200 * 1024**2
MAX_MANIFEST_BYTES = 1024**2
MAX_LINE_BYTES = 4 * 1024**2
MAX_RATIO = 200  # uncompressed ÷ compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 1024**2
MAX_NUMBER = 2**53  # sequence numbers, counts, sizes: well inside SQLite's integers

HEX64 = re.compile(r"[0-9a-f]{64}")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def photo_member(sha256: str, media_type: str) -> str:
    return f"attachments/{sha256}{PHOTO_TYPES[media_type]}"


def member_limit(name: str) -> int:
    """The largest uncompressed size allowed for member ``name``; ValidationError for a name
    that is not part of the format (absolute, with ``..``, or simply unknown)."""
    check_member_name(name)
    if name == MANIFEST:
        return MAX_MANIFEST_BYTES
    if name in JSON_MEMBERS:
        return MAX_JSON_MEMBER_BYTES
    if name == WORKBOOK:
        return MAX_WORKBOOK_BYTES
    return MAX_PHOTO_BYTES


def check_member_name(name: str) -> None:
    shown = name[:80]
    if (
        not name
        or name.startswith(("/", "\\"))
        or re.match(r"[A-Za-z]:", name)
        or "\\" in name
        or any(part in ("", ".", "..") for part in name.split("/"))
    ):
        raise ValidationError(f"数据包中有不安全的文件名“{shown}”（绝对路径或含 ..），已拒绝导入。")
    if name not in (MANIFEST, WORKBOOK, *JSON_MEMBERS) and not _PHOTO_MEMBER.fullmatch(name):
        raise ValidationError(f"数据包中有不属于本格式的文件“{shown}”，已拒绝导入。")


@dataclass(frozen=True, slots=True)
class MemberEntry:
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Manifest:
    """A checked manifest."""

    station: dict[str, str]  # uuid, code, name, township, county, doc_prefix
    sequence: int
    previous_sha256: str | None
    full: bool
    created_at: str
    created_by: str
    program_version: str
    period_start: str
    period_end: str
    period_label: str
    first_seq: int | None
    last_seq: int | None
    head_hash: str | None
    counts: dict[str, int]
    members: dict[str, MemberEntry]


def parse_manifest(data: Any) -> Manifest:
    """Check a decoded manifest.json: every field present with its type; ValidationError naming
    the first field that is not."""
    obj = _object(data, "manifest.json")
    if obj.get("format") != FORMAT:
        raise ValidationError("这不是隐患整改台账的同步数据包（manifest.json 的 format 不符）。")
    version = obj.get("format_version")
    if type(version) is not int:
        raise ValidationError("数据包缺少格式版本号（format_version）。")
    if version > FORMAT_VERSION:
        raise ValidationError(
            f"数据包的格式版本为 {version}，本程序只支持到 {FORMAT_VERSION}：请升级程序后再导入。"
        )
    if version != FORMAT_VERSION:
        raise ValidationError(f"数据包的格式版本 {version} 已不受支持。")
    station = _object(obj.get("station"), "station")
    checked_station = {
        key: _text(station, key, "station", required=key in ("uuid", "code", "name"))
        for key in ("uuid", "code", "name", "township", "county", "doc_prefix")
    }
    if not UUID.fullmatch(checked_station["uuid"]):
        raise ValidationError("manifest.json 中站点的 uuid 格式不对。")
    if not re.fullmatch(r"[A-Z0-9]{1,10}", checked_station["code"]):
        raise ValidationError("manifest.json 中站点简码格式不对。")
    period = _object(obj.get("period"), "period")
    events = _object(obj.get("events"), "events")
    first_seq = _optional_int(events, "first_seq", "events")
    last_seq = _optional_int(events, "last_seq", "events")
    head_hash = events.get("head_hash")
    if (first_seq is None) != (last_seq is None) or (first_seq is None) != (head_hash is None):
        raise ValidationError("manifest.json 中履历范围（events）不完整。")
    if first_seq is not None and (
        first_seq < 1 or last_seq < first_seq or last_seq > MAX_NUMBER  # type: ignore[operator]
    ):
        raise ValidationError("manifest.json 中履历范围（events）不合理。")
    if head_hash is not None and not (isinstance(head_hash, str) and HEX64.fullmatch(head_hash)):
        raise ValidationError("manifest.json 中 events.head_hash 格式不对。")
    previous = obj.get("previous_package_sha256")
    if previous is not None and not (isinstance(previous, str) and HEX64.fullmatch(previous)):
        raise ValidationError("manifest.json 中 previous_package_sha256 格式不对。")
    sequence = obj.get("sequence")
    if type(sequence) is not int or not 1 <= sequence <= MAX_NUMBER:
        raise ValidationError("manifest.json 中数据包序号（sequence）应为正整数。")
    full = obj.get("full")
    if type(full) is not bool:
        raise ValidationError("manifest.json 中 full 应为 true 或 false。")
    counts_obj = _object(obj.get("counts"), "counts")
    counts: dict[str, int] = {}
    for key, value in counts_obj.items():
        if type(value) is not int or not 0 <= value <= MAX_NUMBER:
            raise ValidationError(f"manifest.json 中 counts.{key} 应为非负整数。")
        counts[key] = value
    members: dict[str, MemberEntry] = {}
    for name, entry in _object(obj.get("members"), "members").items():
        check_member_name(name)
        entry = _object(entry, f"members.{name}")
        sha, size = entry.get("sha256"), entry.get("size")
        if not (isinstance(sha, str) and HEX64.fullmatch(sha)) or type(size) is not int:
            raise ValidationError(f"manifest.json 中 {name} 的校验值或大小格式不对。")
        if size < 0 or size > member_limit(name):
            raise ValidationError(f"manifest.json 中 {name} 的大小不合理。")
        members[name] = MemberEntry(sha, size)
    for required in (EVENTS, *SNAPSHOT_MEMBERS.values(), ATTACHMENTS):
        if required not in members:
            raise ValidationError(f"数据包缺少 {required}。")
    start, end = (_text(period, key, "period", required=True) for key in ("start", "end"))
    if not (_is_date(start) and _is_date(end)) or end < start:
        raise ValidationError("manifest.json 中统计区间（period）日期格式不对。")
    return Manifest(
        station=checked_station,
        sequence=sequence,
        previous_sha256=previous,
        full=full,
        created_at=_text(obj, "created_at", "manifest", required=True),
        created_by=_text(obj, "created_by", "manifest"),
        program_version=_text(obj, "program_version", "manifest"),
        period_start=start,
        period_end=end,
        period_label=_text(period, "label", "period"),
        first_seq=first_seq,
        last_seq=last_seq,
        head_hash=head_hash,
        counts=counts,
        members=members,
    )


def _is_date(text: str) -> bool:
    if not DATE.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError(f"数据包的 {where} 应为 JSON 对象。")
    return value


def _text(obj: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = obj.get(key, "" if not required else None)
    if not isinstance(value, str) or (required and not value) or len(value) > 500:
        raise ValidationError(f"manifest.json 中 {where}.{key} 应为文字。")
    return value


def _optional_int(obj: dict[str, Any], key: str, where: str) -> int | None:
    value = obj.get(key)
    if value is not None and type(value) is not int:
        raise ValidationError(f"manifest.json 中 {where}.{key} 应为整数。")
    return value
