"""Station → county: what a station exports arrives whole, packages from several stations merge,
and importing the same package again changes nothing."""

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from hazard_ledger.db.models import Attachment, Hazard, Notice, Station, Supervision, Unit
from hazard_ledger.domain.enums import HazardLevel
from hazard_ledger.domain.errors import DuplicateError, ValidationError, WorkflowError
from hazard_ledger.services import hazards
from hazard_ledger.services.hazard_queries import HazardFilter, list_hazards
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.notices import issue_notice
from hazard_ledger.services.photos import photo_path
from hazard_ledger.services.snapshots import snapshot
from hazard_ledger.services.supervision import list_hazard, register_plan
from hazard_ledger.sync.export import export_package
from hazard_ledger.sync.import_result import NewStationError
from hazard_ledger.sync.importer import import_package
from tests.conftest import make_photo
from tests.sync.conftest import dump, members, record


def state(ledger: Ledger, station_code: str) -> dict[str, dict[str, object]]:
    """Every record of one station, by uuid, as its snapshot (what a county must hold)."""
    with ledger.read() as session:
        station = session.scalars(select(Station).where(Station.code == station_code)).one()
        rows: dict[str, dict[str, object]] = {"station": snapshot(station)}
        for model in (Unit, Hazard, Notice, Supervision):
            for row in session.scalars(select(model).where(model.station_uuid == station.uuid)):
                rows[row.uuid] = snapshot(row)
        return rows


def busy_week(ledger: Ledger, tmp_path: Path, township: str) -> None:
    """A week's work with photos, a notice and a listed major hazard."""
    before = make_photo(tmp_path / f"{township}-整改前.jpg", (800, 600), "red")
    after = make_photo(tmp_path / f"{township}-整改后.jpg", (800, 600), "green")
    first = record(ledger, f"{township}鑫源五金厂", "砂轮机无防护罩", before)
    second = record(ledger, f"{township}鑫源五金厂", "配电箱无门")
    hazards.assign_hazard(
        ledger,
        first,
        responsible="张国强",
        deadline=dt.date(2026, 11, 25),
        on=dt.date(2026, 11, 16),
    )
    hazards.rectify_hazard(ledger, first, measures="已加装防护罩", photos=[after])
    hazards.verify_hazard(ledger, first, by="李晓峰", passed=True)
    issue_notice(
        ledger,
        unit=f"{township}鑫源五金厂",
        codes=[second],
        deadline=dt.date(2026, 11, 30),
        issued_on=dt.date(2026, 11, 17),
        responsible="张国强",
    )
    major = hazards.record_hazard(
        ledger,
        hazards.NewHazard(
            unit=f"{township}老街小吃店",
            description="液化气瓶设在地下室",
            level=HazardLevel.MAJOR,
            found_on=dt.date(2026, 11, 16),
        ),
    )
    list_hazard(
        ledger,
        major,
        level="县级",
        authority="泰顺县安委会",
        doc_no=f"泰安委〔2026〕{len(township)}号",
        deadline=dt.date(2027, 1, 31),
        listed_on=dt.date(2026, 11, 17),
    )
    register_plan(
        ledger,
        major,
        responsibility="店主",
        measures="迁出地下室",
        funds_fen=500000,
        deadline=dt.date(2027, 1, 20),
        contingency="专人值守",
    )


def test_a_station_arrives_whole_at_the_county_with_its_photos(
    stations: dict[str, Ledger], county: Ledger, tmp_path: Path
) -> None:
    station = stations["LY"]
    busy_week(station, tmp_path, "罗阳镇")
    package = export_package(station, tmp_path / "LY-1.zip")
    assert package.sequence == 1 and package.backup is not None and package.backup.exists()
    content = members(package.file)
    assert {"manifest.json", "events.jsonl", "hazards.jsonl", "周报.xlsx"} <= set(content)
    assert sum(name.startswith("attachments/") for name in content) == 2

    with pytest.raises(NewStationError):
        import_package(county, package.file)
    result = import_package(county, package.file, accept_new_station=True)

    assert result.new_station and result.new_hazards == 3 and result.photos == 2
    assert state(county, "LY") == {uuid: row for uuid, row in state(station, "LY").items()}
    report = check_ledger(county)
    assert report.ok, report.problems
    assert report.attachments == 2
    with county.read() as session:
        for attachment in session.scalars(select(Attachment)):
            assert photo_path(
                county.attachments_dir, attachment.sha256, attachment.media_type
            ).is_file()
    listed = list_hazards(county, HazardFilter(station="LY", supervised=True))
    assert [row.description for row in listed] == ["液化气瓶设在地下室"]


def test_the_next_package_carries_only_the_week_since(
    stations: dict[str, Ledger], county: Ledger, tmp_path: Path
) -> None:
    station = stations["LY"]
    code = record(station, "罗阳镇鑫源五金厂", "消防通道堵塞")
    first = export_package(station, tmp_path / "1.zip")
    hazards.assign_hazard(station, code, responsible="王五", deadline=dt.date(2026, 11, 28))
    second = export_package(station, tmp_path / "2.zip")
    empty = export_package(station, tmp_path / "3.zip")

    assert (second.sequence, second.first_seq, second.last_seq) == (
        2,
        first.last_seq + 1,
        first.last_seq + 1,
    )
    assert (empty.first_seq, empty.counts["events"]) == (None, 0)
    import_package(county, first.file, accept_new_station=True)
    result = import_package(county, second.file)
    assert (result.events, result.new_hazards, result.updated_hazards) == (1, 0, 1)
    assert import_package(county, empty.file).events == 0
    assert state(county, "LY") == state(station, "LY")
    assert check_ledger(county).ok


def test_two_stations_merge_into_one_county_ledger(
    stations: dict[str, Ledger], county: Ledger, tmp_path: Path
) -> None:
    for code, township in (("LY", "罗阳镇"), ("SK", "三魁镇")):
        busy_week(stations[code], tmp_path, township)
        package = export_package(stations[code], tmp_path / f"{code}.zip")
        import_package(county, package.file, accept_new_station=True)

    for code in ("LY", "SK"):
        assert state(county, code) == state(stations[code], code)
        assert len(list_hazards(county, HazardFilter(station=code))) == 3
    # Same short prefix, same notice number: unique per station, both kept.
    with county.read() as session:
        numbers = session.scalars(select(Notice.number)).all()
    assert len(numbers) == 2 and len(set(numbers)) == 1
    report = check_ledger(county)
    assert report.ok, report.problems


def test_importing_the_same_package_again_changes_nothing(
    stations: dict[str, Ledger], county: Ledger, tmp_path: Path
) -> None:
    busy_week(stations["LY"], tmp_path, "罗阳镇")
    package = export_package(stations["LY"], tmp_path / "LY.zip")
    import_package(county, package.file, accept_new_station=True)
    before = dump(county)
    files = sorted(p.relative_to(county.attachments_dir) for p in county.attachments_dir.rglob("*"))

    again = import_package(county, package.file)

    assert again.already_imported and again.events == 0
    assert dump(county) == before
    assert (
        sorted(p.relative_to(county.attachments_dir) for p in county.attachments_dir.rglob("*"))
        == files
    )


def test_a_missing_package_is_reported_or_refused(
    stations: dict[str, Ledger], county: Ledger, tmp_path: Path
) -> None:
    station = stations["LY"]
    code = record(station, "罗阳镇鑫源五金厂", "灭火器过期")
    first = export_package(station, tmp_path / "1.zip")
    empty = export_package(station, tmp_path / "2.zip")  # nothing happened that week
    hazards.assign_hazard(station, code, responsible="王五", deadline=dt.date(2026, 11, 28))
    third = export_package(station, tmp_path / "3.zip")
    hazards.rectify_hazard(station, code, measures="已更换")
    fourth = export_package(station, tmp_path / "4.zip")

    import_package(county, first.file, accept_new_station=True)
    # Package 2 never arrived, but it carried no events: 3 continues the chain, with a warning.
    result = import_package(county, third.file)
    assert result.events == 1 and any("第 2 号" in w for w in result.warnings)
    assert empty.counts["events"] == 0
    # Package 5's events cannot follow 3's when 4 is missing: refused, nothing written.
    hazards.verify_hazard(station, code, by="李四", passed=True)
    fifth = export_package(station, tmp_path / "5.zip")
    before = dump(county)
    with pytest.raises(ValidationError, match="缺少第"):
        import_package(county, fifth.file)
    assert dump(county) == before
    # A full package always fits.
    full = export_package(station, tmp_path / "full.zip", full=True)
    assert import_package(county, full.file).events == 2
    assert state(county, "LY") == state(station, "LY")
    assert fourth.sequence == 4


def test_imported_records_are_read_only_in_the_county(
    stations: dict[str, Ledger], county: Ledger, tmp_path: Path
) -> None:
    code = record(stations["LY"], "罗阳镇鑫源五金厂", "疏散指示灯损坏")
    import_package(
        county, export_package(stations["LY"], tmp_path / "1.zip").file, accept_new_station=True
    )
    before = dump(county)
    with pytest.raises(WorkflowError, match="只读"):
        hazards.void_hazard(county, code, reason="县里想改")
    assert dump(county) == before


def test_a_station_code_taken_by_another_station_is_refused(
    stations: dict[str, Ledger], tmp_path: Path, clock
) -> None:
    package = export_package(stations["LY"], tmp_path / "LY.zip")
    impostor = Ledger(tmp_path / "other", operator="x", today=clock).open()
    try:
        from hazard_ledger.services.stations import init_station

        init_station(impostor, code="TSX", name="泰顺县应急管理局")
        import_package(impostor, package.file, accept_new_station=True)
        second = Ledger(tmp_path / "other2", operator="x", today=clock).open()
        try:
            init_station(second, code="LY", name="另一个罗阳")
            with pytest.raises(DuplicateError, match="简码 LY"):
                import_package(second, package.file, accept_new_station=True)
        finally:
            second.close()
    finally:
        impostor.close()


def test_a_station_does_not_import_its_own_package(
    stations: dict[str, Ledger], tmp_path: Path
) -> None:
    package = export_package(stations["LY"], tmp_path / "LY.zip")
    with pytest.raises(ValidationError, match="本站自己导出"):
        import_package(stations["LY"], package.file)


def test_a_unit_renamed_and_its_old_name_reused_merges(
    stations: dict[str, Ledger], county: Ledger, tmp_path: Path
) -> None:
    from hazard_ledger.services.units import UnitInput, add_unit, edit_unit

    station = stations["LY"]
    import_package(
        county, export_package(station, tmp_path / "1.zip").file, accept_new_station=True
    )
    edit_unit(station, "罗阳镇老街小吃店", UnitInput(name="罗阳镇老街小吃店（旧址）"))
    add_unit(station, UnitInput(name="罗阳镇老街小吃店"))
    # …and two names swapped through a temporary one.
    edit_unit(station, "罗阳镇鑫源五金厂", UnitInput(name="临时名"))
    edit_unit(station, "罗阳镇老街小吃店（旧址）", UnitInput(name="罗阳镇鑫源五金厂"))
    edit_unit(station, "临时名", UnitInput(name="罗阳镇老街小吃店（旧址）"))

    result = import_package(county, export_package(station, tmp_path / "2.zip").file)

    assert (result.new["unit"], result.updated["unit"]) == (1, 2)
    assert state(county, "LY") == state(station, "LY")
    assert check_ledger(county).ok


def test_a_package_cannot_change_another_stations_records(
    stations: dict[str, Ledger], county: Ledger, tmp_path: Path
) -> None:
    import json

    from hazard_ledger.domain.history import EventFacts
    from hazard_ledger.services.units import UnitInput, edit_unit
    from tests.sync.conftest import rewrite

    for code in ("LY", "SK"):
        package = export_package(stations[code], tmp_path / f"{code}-1.zip").file
        import_package(county, package, accept_new_station=True)
    with stations["LY"].read() as session:
        target = session.scalars(select(Unit).where(Unit.name == "罗阳镇老街小吃店")).one().uuid
    edit_unit(stations["SK"], "三魁镇老街小吃店", UnitInput(phone="13900000000"))
    honest = export_package(stations["SK"], tmp_path / "SK-2.zip").file

    def retarget(content: dict[str, bytes]) -> None:
        # SK's edit re-aimed at LY's unit, with the chain recomputed: hashes alone cannot tell.
        rows = [json.loads(line) for line in content["events.jsonl"].decode().splitlines()]
        prev = rows[0]["prev_hash"]
        for row in rows:
            if row["record_type"] == "unit":
                row["record_uuid"] = target
            facts = EventFacts(**{k: row[k] for k in EventFacts.__slots__})
            row["prev_hash"], row["hash"] = prev, facts.chained_hash(prev)
            prev = row["hash"]
        content["events.jsonl"] = "".join(
            json.dumps(r, ensure_ascii=False) + "\n" for r in rows
        ).encode()
        units = [json.loads(line) for line in content["units.jsonl"].decode().splitlines()]
        for unit in units:
            unit["uuid"] = target
        content["units.jsonl"] = "".join(
            json.dumps(u, ensure_ascii=False) + "\n" for u in units
        ).encode()
        manifest = json.loads(content["manifest.json"])
        manifest["events"]["head_hash"] = prev
        content["manifest.json"] = json.dumps(manifest).encode()

    forged = rewrite(honest, tmp_path / "forged.zip", retarget)
    before = dump(county)
    with pytest.raises(ValidationError, match="其他站点"):
        import_package(county, forged)
    assert dump(county) == before
    assert import_package(county, honest).updated["unit"] == 1
