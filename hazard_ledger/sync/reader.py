"""Reading a package and checking everything in it before anything is written: the zip's
member names, sizes and compression, the manifest, every checksum, every JSON line, the events'
hash chain, and the photos."""

import hashlib
import io
import json
import os
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.sync.lines import (
    AttachmentLine,
    PackageEvent,
    attachment_line,
    event_line,
    json_lines,
    snapshot_line,
)
from hazard_ledger.sync.package_format import (
    ATTACHMENTS,
    EVENTS,
    MANIFEST,
    MAX_PACKAGE_BYTES,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    RATIO_FLOOR,
    SNAPSHOT_MEMBERS,
    Manifest,
    member_limit,
    parse_manifest,
    photo_member,
)

_MAGIC = {"image/jpeg": (b"\xff\xd8\xff",), "image/png": (b"\x89PNG\r\n\x1a\n",)}
_MAX_PIXELS = 80_000_000


@dataclass(frozen=True, slots=True)
class Package:
    """A package that passed every check."""

    file_name: str
    manifest: Manifest
    manifest_sha256: str
    events: list[PackageEvent]
    snapshots: dict[str, dict[str, dict[str, Any]]]  # record type → uuid → state
    attachments: list[AttachmentLine]
    photos: dict[str, bytes]  # sha256 → file content


def read_package(path: str | os.PathLike[str]) -> Package:
    """Open and check the package at ``path``; ValidationError (in Chinese, naming the problem)
    for anything damaged, hostile or inconsistent."""
    source = Path(path).expanduser()
    if not source.is_file():
        raise ValidationError(f"找不到数据包文件“{source}”。")
    if source.stat().st_size > MAX_PACKAGE_BYTES:
        raise ValidationError(f"数据包“{source.name}”超过 4 GB，不像是台账数据包。")
    try:
        with zipfile.ZipFile(source) as archive:
            return _read(archive, source.name)
    except zipfile.BadZipFile as error:
        raise ValidationError(
            f"“{source.name}”不是有效的数据包（zip 文件损坏：{error}）。"
        ) from None
    except (OSError, EOFError, NotImplementedError, RuntimeError) as error:
        raise ValidationError(f"无法读取数据包“{source.name}”：{error}") from None


def _read(archive: zipfile.ZipFile, file_name: str) -> Package:
    infos = _check_members(archive)
    manifest_bytes = _member(archive, infos, MANIFEST)
    try:
        manifest = parse_manifest(json.loads(manifest_bytes.decode("utf-8")))
    except (UnicodeDecodeError, ValueError) as error:
        if isinstance(error, ValidationError):
            raise
        raise ValidationError("数据包的 manifest.json 不是有效的 JSON。") from None
    listed, present = set(manifest.members), set(infos) - {MANIFEST}
    for missing in sorted(listed - present):
        raise ValidationError(f"数据包缺少文件 {missing}（清单中有，包中没有），可能不完整。")
    for extra in sorted(present - listed):
        raise ValidationError(f"数据包中的 {extra} 不在清单中，已拒绝导入。")
    for name, entry in manifest.members.items():
        if infos[name].file_size != entry.size:  # before reading anything big
            raise ValidationError(f"数据包中的 {name} 大小与清单不符，已拒绝导入。")
    contents: dict[str, bytes] = {}
    for name, entry in manifest.members.items():
        data = _member(archive, infos, name)
        if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
            raise ValidationError(f"数据包中的 {name} 与清单的校验值不符：文件被改动或已损坏。")
        contents[name] = data
    events = _events(contents[EVENTS], manifest)
    snapshots = {
        kind: _snapshots(contents[member], member, manifest.counts.get(f"{kind}s"))
        for kind, member in SNAPSHOT_MEMBERS.items()
    }
    attachments = [
        attachment_line(obj, f"{ATTACHMENTS} 第 {number} 行")
        for number, obj in json_lines(contents[ATTACHMENTS], ATTACHMENTS)
    ]
    photos = _photos(attachments, contents, events)
    return Package(
        file_name=file_name,
        manifest=manifest,
        manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
        events=events,
        snapshots=snapshots,
        attachments=attachments,
        photos=photos,
    )


def _check_members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in archive.infolist():
        name = info.filename
        limit = member_limit(name)  # refuses unsafe and unknown names
        if name in infos:
            raise ValidationError(f"数据包中 {name} 出现了两次，已拒绝导入。")
        if info.flag_bits & 0x1:
            raise ValidationError(f"数据包中的 {name} 被加密，无法导入。")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ValidationError(f"数据包中的 {name} 使用了不支持的压缩方式。")
        if info.file_size > limit:
            raise ValidationError(f"数据包中的 {name} 过大（{info.file_size} 字节），已拒绝导入。")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ValidationError(f"数据包中的 {name} 压缩比异常（疑似“压缩炸弹”），已拒绝导入。")
        total += info.file_size
        infos[name] = info
    if total > MAX_TOTAL_BYTES:
        raise ValidationError("数据包解压后过大，已拒绝导入。")
    if MANIFEST not in infos:
        raise ValidationError("数据包缺少 manifest.json，不是完整的台账数据包。")
    return infos


def _member(archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], name: str) -> bytes:
    """A member's bytes, never more than its declared size (a lying header cannot inflate it)."""
    info = infos[name]
    try:
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except zipfile.BadZipFile:
        raise ValidationError(f"数据包中的 {name} 已损坏（校验失败）。") from None
    except Exception as error:  # zlib.error and the like from a damaged stream
        raise ValidationError(f"数据包中的 {name} 已损坏：{error}") from None
    if len(data) != info.file_size:
        raise ValidationError(f"数据包中的 {name} 大小与记录不符，已拒绝导入。")
    return data


def _events(data: bytes, manifest: Manifest) -> list[PackageEvent]:
    events: list[PackageEvent] = []
    uuids: set[str] = set()
    for number, obj in json_lines(data, EVENTS):
        where = f"{EVENTS} 第 {number} 行"
        event = event_line(obj, where)
        facts = event.facts
        if facts.station_uuid != manifest.station["uuid"]:
            raise ValidationError(f"{where}：履历不属于数据包的站点。")
        if facts.uuid in uuids:
            raise ValidationError(f"{where}：履历重复。")
        if events:
            before = events[-1]
            if facts.seq != before.facts.seq + 1 or event.prev_hash != before.hash:
                raise ValidationError(f"{where}：履历序号或哈希链不连续。")
        elif facts.seq != manifest.first_seq:
            raise ValidationError(f"{where}：第一条履历的序号与清单不符。")
        if not event.chain_ok():
            raise ValidationError(f"{where}：履历内容与其哈希不符（被改动）。")
        uuids.add(facts.uuid)
        events.append(event)
    if len(events) != manifest.counts.get("events"):
        raise ValidationError("events.jsonl 的履历条数与清单不符。")
    if events and (
        events[-1].facts.seq != manifest.last_seq or events[-1].hash != manifest.head_hash
    ):
        raise ValidationError("events.jsonl 的最后一条履历与清单不符。")
    if not events and manifest.first_seq is not None:
        raise ValidationError("清单列出了履历，但 events.jsonl 是空的。")
    return events


def _snapshots(data: bytes, member: str, expected: int | None) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for number, obj in json_lines(data, member):
        uuid = snapshot_line(obj, f"{member} 第 {number} 行")
        if uuid in rows:
            raise ValidationError(f"{member} 第 {number} 行：记录重复。")
        rows[uuid] = obj
    if expected is not None and len(rows) != expected:
        raise ValidationError(f"{member} 的记录数与清单不符。")
    return rows


def _photos(
    attachments: list[AttachmentLine], contents: dict[str, bytes], events: list[PackageEvent]
) -> dict[str, bytes]:
    # The events (hashed) say which photo belongs to which record, of what kind and content; a
    # photo row must agree with the event that attached it, and every row needs one.
    cited: dict[str, tuple[object, object, str]] = {}
    for event in events:
        for ref in event.facts.payload.get("photos", []):
            cited[ref["uuid"]] = (ref.get("sha256"), ref.get("kind"), event.facts.record_uuid)
    photos: dict[str, bytes] = {}
    seen: set[str] = set()
    for attachment in attachments:
        name = photo_member(attachment.sha256, attachment.media_type)
        if attachment.uuid in seen:
            raise ValidationError(f"{ATTACHMENTS} 中照片 {attachment.uuid} 重复。")
        seen.add(attachment.uuid)
        if cited.get(attachment.uuid) != (
            attachment.sha256,
            attachment.kind,
            attachment.record_uuid,
        ):
            raise ValidationError(
                f"照片 {attachment.uuid} 与履历中的记载不符（内容、类别或所属记录），已拒绝导入。"
            )
        data = contents.get(name)
        if data is None:
            raise ValidationError(f"数据包缺少照片文件 {name}。")
        if len(data) != attachment.size or hashlib.sha256(data).hexdigest() != attachment.sha256:
            raise ValidationError(f"照片 {name} 的内容与记录不符。")
        if attachment.sha256 not in photos:
            size = _check_image(data, attachment.media_type, name)
            if size != (attachment.width, attachment.height):
                raise ValidationError(f"照片 {name} 的尺寸与记录不符。")
        photos[attachment.sha256] = data
    for name in contents:
        if name.startswith("attachments/") and name.split("/")[1][:64] not in photos:
            raise ValidationError(f"数据包中的 {name} 没有对应的照片记录，已拒绝导入。")
    for uuid in cited.keys() - seen:
        raise ValidationError(f"履历引用的照片 {uuid} 不在数据包中。")
    return photos


def _check_image(data: bytes, media_type: str, name: str) -> tuple[int, int]:
    """A photo must be the image its type says (not a program or a document renamed) and decode
    whole; returns its size."""
    if not data.startswith(_MAGIC[media_type]):
        raise ValidationError(f"{name} 不是 {media_type} 图片，已拒绝导入。")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > _MAX_PIXELS:
                    raise ValidationError(f"{name} 像素过多，已拒绝导入。")
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # verify() does not decode: a truncated file fails only here
                return image.size
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
        Warning,
    ) as error:
        raise ValidationError(f"{name} 不是有效的图片（{error}），已拒绝导入。") from None
