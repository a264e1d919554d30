"""Damaged and hostile packages are refused with a message naming the problem, and the county
ledger stays exactly as it was."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from hazard_ledger.domain.errors import LedgerError, ValidationError
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.sync import package_format
from hazard_ledger.sync.export import export_package
from hazard_ledger.sync.importer import import_package
from tests.conftest import make_photo
from tests.sync.conftest import dump, record, rewrite


@pytest.fixture
def package(stations: dict[str, Ledger], tmp_path: Path) -> Path:
    """A good package with a photo, from station LY."""
    record(
        stations["LY"],
        "罗阳镇鑫源五金厂",
        "砂轮机无防护罩",
        make_photo(tmp_path / "p.jpg", (300, 200)),
    )
    record(stations["LY"], "罗阳镇老街小吃店", "灭火器过期")
    return export_package(stations["LY"], tmp_path / "good.zip").file


def refused(county: Ledger, path: Path, match: str) -> None:
    before = dump(county)
    with pytest.raises(ValidationError, match=match):
        import_package(county, path, accept_new_station=True)
    assert dump(county) == before


def edit_lines(
    member: str, change: Callable[[list[dict]], None]
) -> Callable[[dict[str, bytes]], None]:
    def apply(content: dict[str, bytes]) -> None:
        rows = [json.loads(line) for line in content[member].decode().splitlines()]
        change(rows)
        content[member] = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()

    return apply


def edit_manifest(change: Callable[[dict], None]) -> Callable[[dict[str, bytes]], None]:
    def apply(content: dict[str, bytes]) -> None:
        manifest = json.loads(content["manifest.json"])
        change(manifest)
        content["manifest.json"] = json.dumps(manifest).encode()

    return apply


def test_the_good_package_imports(county: Ledger, package: Path) -> None:
    assert import_package(county, package, accept_new_station=True).new_hazards == 2


def test_a_flipped_byte_in_a_member_is_found_by_its_checksum(
    county: Ledger, package: Path, tmp_path: Path
) -> None:
    def flip(content: dict[str, bytes]) -> None:
        data = bytearray(content["hazards.jsonl"])
        data[40] ^= 0x01
        content["hazards.jsonl"] = bytes(data)

    refused(county, rewrite(package, tmp_path / "bad.zip", flip, fix_manifest=False), "校验值不符")


def test_a_flipped_byte_in_the_file_is_found(county: Ledger, package: Path, tmp_path: Path) -> None:
    data = bytearray(package.read_bytes())
    data[len(data) // 3] ^= 0xFF
    bad = tmp_path / "flipped.zip"
    bad.write_bytes(bytes(data))
    refused(county, bad, "损坏|校验|不符|无法读取|不是有效")


def test_a_truncated_file_is_refused(county: Ledger, package: Path, tmp_path: Path) -> None:
    bad = tmp_path / "short.zip"
    bad.write_bytes(package.read_bytes()[:-200])
    refused(county, bad, "不是有效的数据包")


def test_a_missing_member_is_named(county: Ledger, package: Path, tmp_path: Path) -> None:
    bad = rewrite(
        package, tmp_path / "bad.zip", lambda c: c.pop("hazards.jsonl"), fix_manifest=False
    )
    refused(county, bad, "缺少文件 hazards.jsonl")


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "attachments/../../x.jpg", "C:/x", "a\\b"])
def test_a_member_with_an_unsafe_name_is_refused(
    county: Ledger, package: Path, tmp_path: Path, name: str
) -> None:
    bad = rewrite(package, tmp_path / "bad.zip", lambda c: c.__setitem__(name, b"x"))
    refused(county, bad, "不安全的文件名")
    assert not (tmp_path / "x").exists()


def test_an_unknown_member_is_refused(county: Ledger, package: Path, tmp_path: Path) -> None:
    bad = rewrite(package, tmp_path / "bad.zip", lambda c: c.__setitem__("run.exe", b"MZ"))
    refused(county, bad, "不属于本格式")


def test_a_highly_compressed_member_is_refused(
    county: Ledger, package: Path, tmp_path: Path
) -> None:
    # 20 MB of one byte compresses about a thousandfold: a zip bomb's signature.
    bad = rewrite(
        package, tmp_path / "bomb.zip", lambda c: c.__setitem__("周报.xlsx", b"\0" * 20_000_000)
    )
    refused(county, bad, "压缩比异常")


def test_an_oversized_member_is_refused(
    county: Ledger, package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_format, "MAX_JSON_MEMBER_BYTES", 1000)
    big = rewrite(
        package,
        tmp_path / "big.zip",
        edit_lines(
            "units.jsonl", lambda rows: rows.extend([dict(rows[0], address="长" * 400)] * 3)
        ),
    )
    refused(county, big, "过大|大小不合理")


@pytest.mark.parametrize(
    ("version", "match"),
    [(2, "请升级程序"), (0, "不受支持"), ("1", "缺少格式版本号"), (None, "缺少格式版本号")],
)
def test_a_wrong_format_version_is_refused(
    county: Ledger, package: Path, tmp_path: Path, version: object, match: str
) -> None:
    bad = rewrite(
        package,
        tmp_path / "v.zip",
        edit_manifest(lambda m: m.__setitem__("format_version", version)),
    )
    refused(county, bad, match)


def test_malformed_json_lines_are_refused(county: Ledger, package: Path, tmp_path: Path) -> None:
    def garble(content: dict[str, bytes]) -> None:
        lines = content["events.jsonl"].split(b"\n")
        lines[1] = b'{"uuid": "oops", '
        content["events.jsonl"] = b"\n".join(lines)

    refused(county, rewrite(package, tmp_path / "j.zip", garble), "第 2 行不是有效的 JSON")


def test_a_line_of_the_wrong_shape_is_refused(
    county: Ledger, package: Path, tmp_path: Path
) -> None:
    bad = rewrite(
        package,
        tmp_path / "s.zip",
        edit_lines("events.jsonl", lambda rows: rows[0].__setitem__("seq", "1")),
    )
    refused(county, bad, "seq 应为正整数")


def test_an_edited_event_breaks_its_hash(county: Ledger, package: Path, tmp_path: Path) -> None:
    def forge(rows: list[dict]) -> None:
        rows[-1]["actor"] = "别人"

    refused(
        county, rewrite(package, tmp_path / "h.zip", edit_lines("events.jsonl", forge)), "哈希不符"
    )


def test_a_snapshot_that_disagrees_with_the_events_is_refused(
    county: Ledger, package: Path, tmp_path: Path
) -> None:
    def forge(rows: list[dict]) -> None:
        rows[0]["status"] = "verified"

    refused(
        county, rewrite(package, tmp_path / "f.zip", edit_lines("hazards.jsonl", forge)), "不一致"
    )


def rechain(content: dict[str, bytes], change: Callable[[dict], None]) -> None:
    """Apply ``change`` to every event line and recompute the whole hash chain and the
    manifest's head: what a forger with the format's description can do."""
    from hazard_ledger.domain.history import GENESIS_HASH, EventFacts

    rows = [json.loads(line) for line in content["events.jsonl"].decode().splitlines()]
    prev = GENESIS_HASH
    for row in rows:
        change(row)
        facts = EventFacts(**{k: row[k] for k in EventFacts.__slots__})
        row["prev_hash"], row["hash"] = prev, facts.chained_hash(prev)
        prev = row["hash"]
    content["events.jsonl"] = "".join(
        json.dumps(r, ensure_ascii=False) + "\n" for r in rows
    ).encode()
    manifest = json.loads(content["manifest.json"])
    manifest["events"]["head_hash"] = prev
    content["manifest.json"] = json.dumps(manifest).encode()


def test_a_wrongly_typed_field_is_refused_even_with_a_consistent_history(
    county: Ledger, package: Path, tmp_path: Path
) -> None:
    # Rebuild a hazard's whole history with a number where text belongs, hashes and all: only the
    # type check can catch it.
    def located(row: dict) -> None:
        if row["record_type"] == "hazard" and row["kind"] == "recorded":
            row["payload"]["changes"]["location"] = 12345

    def forge(content: dict[str, bytes]) -> None:
        rechain(content, located)
        edit_lines("hazards.jsonl", lambda rows: [r.__setitem__("location", 12345) for r in rows])(
            content
        )

    refused(county, rewrite(package, tmp_path / "t.zip", forge), "应为文字")


def test_a_date_not_written_as_the_ledger_writes_dates_is_refused(
    county: Ledger, package: Path, tmp_path: Path
) -> None:
    def compact(row: dict) -> None:
        changes = row["payload"]["changes"]
        if row["record_type"] == "hazard" and "found_on" in changes:
            changes["found_on"] = changes["found_on"].replace("-", "")

    def forge(content: dict[str, bytes]) -> None:
        rechain(content, compact)
        edit_lines(
            "hazards.jsonl",
            lambda rows: [r.__setitem__("found_on", r["found_on"].replace("-", "")) for r in rows],
        )(content)

    refused(county, rewrite(package, tmp_path / "d.zip", forge), "YYYY-MM-DD")


def photo_member_of(content: dict[str, bytes]) -> str:
    return next(n for n in content if n.startswith("attachments/"))


def test_a_photo_swapped_for_another_is_refused(
    county: Ledger, package: Path, tmp_path: Path
) -> None:
    # The attachment row and file replaced consistently, but the event that attached the photo
    # (hashed) still names the original.
    import hashlib

    other = make_photo(tmp_path / "black.jpg", (300, 200), "black").read_bytes()
    sha = hashlib.sha256(other).hexdigest()

    def swap(content: dict[str, bytes]) -> None:
        del content[photo_member_of(content)]
        content[f"attachments/{sha}.jpg"] = other
        edit_lines(
            "attachments.jsonl",
            lambda rows: rows[0].update(sha256=sha, size=len(other)),
        )(content)

    refused(county, rewrite(package, tmp_path / "s.zip", swap), "与履历中的记载不符")


def test_a_photo_moved_to_another_record_is_refused(
    county: Ledger, package: Path, tmp_path: Path
) -> None:
    def move(content: dict[str, bytes]) -> None:
        hazards = [json.loads(line) for line in content["hazards.jsonl"].decode().splitlines()]
        edit_lines(
            "attachments.jsonl",
            lambda rows: rows[0].update(record_uuid=hazards[-1]["uuid"], kind="after"),
        )(content)

    refused(county, rewrite(package, tmp_path / "m.zip", move), "与履历中的记载不符")


def test_an_attachment_that_is_not_a_photo_is_refused(
    county: Ledger, package: Path, tmp_path: Path
) -> None:
    # A forger rewrites the history too, so that the event names the fake file: the content
    # check is what stops it.
    import hashlib

    fake = b"MZ\x90\x00 not a photo at all"
    sha = hashlib.sha256(fake).hexdigest()

    def cite_fake(row: dict) -> None:
        for ref in row["payload"].get("photos", []):
            ref["sha256"] = sha

    def swap(content: dict[str, bytes]) -> None:
        del content[photo_member_of(content)]
        content[f"attachments/{sha}.jpg"] = fake
        edit_lines("attachments.jsonl", lambda rows: rows[0].update(sha256=sha, size=len(fake)))(
            content
        )
        rechain(content, cite_fake)

    refused(county, rewrite(package, tmp_path / "a.zip", swap), "不是 image/jpeg 图片")


def test_a_truncated_photo_is_refused_before_anything_is_stored(
    county: Ledger, package: Path, tmp_path: Path
) -> None:
    import hashlib

    def truncate(content: dict[str, bytes]) -> None:
        name = photo_member_of(content)
        whole = content.pop(name)
        cut = whole[: len(whole) // 2]
        sha = hashlib.sha256(cut).hexdigest()
        content[f"attachments/{sha}.jpg"] = cut
        edit_lines("attachments.jsonl", lambda rows: rows[0].update(sha256=sha, size=len(cut)))(
            content
        )
        rechain(
            content,
            lambda row: [
                ref.__setitem__("sha256", sha) for ref in row["payload"].get("photos", [])
            ],
        )

    refused(county, rewrite(package, tmp_path / "c.zip", truncate), "不是有效的图片")
    assert not list(county.attachments_dir.rglob("*.jpg"))


@pytest.mark.parametrize(
    ("where", "value", "match"),
    [
        ("sequence", 2**64, "sequence"),
        ("period", {"start": "2026-02-30", "end": "2026-03-01"}, "period"),
    ],
)
def test_out_of_range_manifest_values_are_refused(
    county: Ledger, package: Path, tmp_path: Path, where: str, value: object, match: str
) -> None:
    bad = rewrite(package, tmp_path / "r.zip", edit_manifest(lambda m: m.__setitem__(where, value)))
    refused(county, bad, match)


def test_a_file_that_is_not_a_zip_is_refused(county: Ledger, tmp_path: Path) -> None:
    bad = tmp_path / "周报.zip"
    bad.write_text("这不是数据包", encoding="utf-8")
    refused(county, bad, "不是有效的数据包")


def test_an_encrypted_member_is_refused(county: Ledger, package: Path, tmp_path: Path) -> None:
    # Set the 'encrypted' flag of events.jsonl in the central directory.
    data = bytearray(package.read_bytes())
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = int.from_bytes(data[central + 28 : central + 30], "little")
        name = bytes(data[central + 46 : central + 46 + name_length])
        if name == b"events.jsonl":
            data[central + 8] |= 0x01
        central = data.find(b"PK\x01\x02", central + 4)
    bad = tmp_path / "enc.zip"
    bad.write_bytes(bytes(data))
    refused(county, bad, "加密")


def test_every_refusal_is_a_user_error(county: Ledger, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.zip"
    with pytest.raises(LedgerError, match="找不到数据包文件"):
        import_package(county, missing)
