"""Ledgers for sync tests: two stations (LY, SK) and the county (TSX), each in its own data dir,
and helpers to look at a package and at a database's whole content."""

import datetime as dt
import io
import json
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hazard_ledger.services import hazards
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.stations import init_station
from hazard_ledger.services.units import UnitInput, add_unit
from tests.conftest import Clock

STATIONS = {
    "LY": ("罗阳镇应急消防管理站", "罗阳镇"),
    "SK": ("三魁镇应急消防管理站", "三魁镇"),
}


def open_station(root: Path, code: str, clock: Clock) -> Ledger:
    ledger = Ledger(root / code, operator=f"{code}站员", today=clock).open()
    name, township = STATIONS[code]
    # Both stations print notices as （罗）…/（三）…; give them the same prefix on purpose so
    # numbers collide in the county ledger.
    init_station(ledger, code=code, name=name, township=township, county="泰顺县", doc_prefix="泰")
    add_unit(ledger, UnitInput(name=f"{township}鑫源五金厂", industry="工贸（机械）"))
    add_unit(ledger, UnitInput(name=f"{township}老街小吃店", industry="消防（九小场所）"))
    return ledger


@pytest.fixture
def stations(tmp_path: Path, clock: Clock) -> Iterator[dict[str, Ledger]]:
    opened = {code: open_station(tmp_path, code, clock) for code in STATIONS}
    yield opened
    for ledger in opened.values():
        ledger.close()


@pytest.fixture
def county(tmp_path: Path, clock: Clock) -> Iterator[Ledger]:
    ledger = Ledger(tmp_path / "county", operator="县局", today=clock).open()
    init_station(ledger, code="TSX", name="泰顺县应急管理局", county="泰顺县")
    yield ledger
    ledger.close()


def record(ledger: Ledger, unit: str, description: str, photo: Path | None = None) -> str:
    return hazards.record_hazard(
        ledger,
        hazards.NewHazard(
            unit=unit,
            description=description,
            found_on=dt.date(2026, 11, 16),
            photos=[photo] if photo else [],
        ),
    )


def dump(ledger: Ledger) -> list[str]:
    """The database's whole content, as SQL text (what 'unchanged' is measured by)."""
    conn = sqlite3.connect(ledger.database_file)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rewrite(
    source: Path,
    target: Path,
    change: Callable[[dict[str, bytes]], None],
    *,
    fix_manifest: bool = True,
) -> Path:
    """Copy a package with ``change`` applied to its members; with ``fix_manifest`` the
    manifest's checksums are brought in line, so the checks behind them are reached."""
    content = members(source)
    change(content)
    if fix_manifest and "manifest.json" in content:
        try:
            manifest = json.loads(content["manifest.json"])
        except ValueError:
            manifest = None
        if isinstance(manifest, dict) and isinstance(manifest.get("members"), dict):
            import hashlib

            manifest["members"] = {
                name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                for name, data in content.items()
                if name != "manifest.json"
            }
            content["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in content.items():
            archive.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target
